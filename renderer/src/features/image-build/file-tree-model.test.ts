import { describe, expect, it } from 'vitest';
import type { LayerEntry, LayerSummary } from '../../../../contract/models/image-build.js';
import { buildTree, layerView, visibleRows } from './file-tree-model.js';

const layer = (index: number, entries: LayerEntry[]): LayerSummary => ({
  index,
  diffId: `sha256:${index}`,
  instruction: `RUN ${index}`,
  size: 0,
  counts: { added: 0, changed: 0, deleted: 0 },
  entries,
  totalEntries: entries.length,
  truncated: false,
  sharedWith: [],
});

const layers = [
  layer(0, [
    { path: '/bin', type: 'dir', change: 'added', size: 0 },
    { path: '/bin/sh', type: 'file', change: 'added', size: 10 },
  ]),
  layer(1, [{ path: '/junk.txt', type: 'file', change: 'added', size: 5 }]),
  layer(2, [{ path: '/junk.txt', type: 'file', change: 'deleted', size: 5 }]),
];

describe('layer file tree', () => {
  it('only changes: the layer own entries', () => {
    expect(layerView(layers, 2, true)).toEqual([{ path: '/junk.txt', type: 'file', change: 'deleted', size: 5 }]);
  });

  it('the whole file system after a layer, lower files unchanged, deletions visible', () => {
    const v = layerView(layers, 2, false);
    expect(v.map((e) => `${e.change} ${e.path}`).sort()).toEqual(['deleted /junk.txt', 'unchanged /bin', 'unchanged /bin/sh']);
  });

  it('builds folders, sums sizes, counts changes and filters by path', () => {
    const root = buildTree([
      { path: '/usr/lib/a.so', type: 'file', change: 'added', size: 100 },
      { path: '/usr/lib/b.so', type: 'file', change: 'changed', size: 50 },
      { path: '/etc/x', type: 'file', change: 'unchanged', size: 1 },
    ]);
    expect(root.children.map((c) => c.name)).toEqual(['etc', 'usr']);
    const usr = root.children[1]!;
    expect(usr).toMatchObject({ size: 150, changes: 2 });
    const filtered = buildTree([{ path: '/usr/lib/a.so', type: 'file', change: 'added', size: 1 }, { path: '/etc/x', type: 'file', change: 'added', size: 1 }], 'A.SO');
    expect(filtered.children.map((c) => c.name)).toEqual(['usr']);
  });

  it('shows children of expanded folders only, with tree positions, and bounds the rows', () => {
    const root = buildTree([
      { path: '/a/1', type: 'file', change: 'added', size: 1 },
      { path: '/a/2', type: 'file', change: 'added', size: 1 },
      { path: '/b', type: 'file', change: 'added', size: 1 },
    ]);
    expect(visibleRows(root, new Set(), false).rows.map((r) => r.node.path)).toEqual(['/a', '/b']);
    const open = visibleRows(root, new Set(['/a']), false).rows;
    expect(open.map((r) => [r.node.path, r.level, r.posinset, r.setsize])).toEqual([
      ['/a', 1, 1, 2],
      ['/a/1', 2, 1, 2],
      ['/a/2', 2, 2, 2],
      ['/b', 1, 2, 2],
    ]);
    expect(visibleRows(root, new Set(), true, 2)).toMatchObject({ more: true });
  });
});
