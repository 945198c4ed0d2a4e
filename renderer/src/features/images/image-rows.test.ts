import { describe, expect, it } from 'vitest';
import type { ImageSummary } from '../../../../contract/models/images.js';
import { countsText, imageTotals, reduceImages, rowsOf, selectImageRows, shownTotals, sortedTags } from './image-rows.js';

const img = (id: string, over: Partial<ImageSummary> = {}): ImageSummary => ({
  id,
  shortId: id.slice(0, 12),
  repoTags: [],
  repoDigests: [],
  dangling: false,
  created: 0,
  size: 0,
  containers: [],
  labels: {},
  ...over,
});

const a = img('aaaaaaaaaaaaaaaa', { repoTags: ['nginx:1', '127.0.0.1:5000/web/nginx:1'], created: 3, size: 300, containers: [{ id: 'c', name: 'web-1', state: 'running' }] });
const b = img('bbbbbbbbbbbbbbbb', { repoTags: ['busybox:latest'], created: 2, size: 100, labels: { team: 'ops' } });
const d = img('dddddddddddddddd', { dangling: true, created: 1, size: 50 });

describe('image rows', () => {
  it('one row per tag, the short id for a dangling image', () => {
    const rows = rowsOf([a, d]);
    expect(rows.map((r) => r.name)).toEqual(['nginx:1', '127.0.0.1:5000/web/nginx:1', 'dddddddddddd']);
    expect(rows[1]).toMatchObject({ repository: '127.0.0.1:5000/web/nginx', tagName: '1' });
    expect(rows[2]).toMatchObject({ repository: '<none>', tagName: '<none>' });
  });

  it('filters, searches (names, ids, containers, labels) and sorts', () => {
    const map = new Map([a, b, d].map((i) => [i.id, i]));
    const names = (q: string, f: Parameters<typeof selectImageRows>[2] = 'all', s = { key: 'created' as const, dir: 'desc' as const }) => selectImageRows(map, q, f, s).map((r) => r.name);
    expect(names('')).toEqual(['127.0.0.1:5000/web/nginx:1', 'nginx:1', 'busybox:latest', 'dddddddddddd']);
    expect(names('', 'dangling')).toEqual(['dddddddddddd']);
    expect(names('', 'in-use')).toEqual(['127.0.0.1:5000/web/nginx:1', 'nginx:1']);
    expect(names('', 'unused')).toEqual(['busybox:latest', 'dddddddddddd']);
    expect(names('web-1')).toHaveLength(2);
    expect(names('team=ops')).toEqual(['busybox:latest']);
    expect(names('bbbb')).toEqual(['busybox:latest']);
    expect(selectImageRows(map, '', 'all', { key: 'size', dir: 'asc' }).map((r) => r.image.size)).toEqual([50, 100, 300, 300]);
    expect(imageTotals(map)).toEqual({ images: 3, rows: 4, dangling: 1, inUse: 1 });
    expect(imageTotals(map).rows).toBe(names('').length);
    // Counts of what a filter leaves on screen: an image with two tags shown counts once.
    expect(shownTotals(selectImageRows(map, '', 'unused', { key: 'created', dir: 'desc' }))).toEqual({ images: 2, rows: 2, dangling: 1, inUse: 0 });
    expect(shownTotals(selectImageRows(map, 'nginx', 'all', { key: 'created', dir: 'desc' }))).toEqual({ images: 1, rows: 2, dangling: 0, inUse: 1 });
  });

  it('sorts an image\'s tags as the list sorts its rows: repository, then tag (the engine sorts by full name)', () => {
    // The engine's order for these: docker.io/h4-alpha/b sorts before docker.io/library/h4-alpha-b.
    expect(sortedTags(['127.0.0.1:5000/h4-mid:1', 'h4-alpha/b:1', 'h4-alpha-b:1', 'h4-alpha:2', 'h4-zeta:1'])).toEqual(['127.0.0.1:5000/h4-mid:1', 'h4-alpha:2', 'h4-alpha-b:1', 'h4-alpha/b:1', 'h4-zeta:1']);
  });

  it('reduces snapshot, upsert and remove; unchanged map when nothing changes', () => {
    let m = reduceImages(new Map(), [{ kind: 'snapshot', items: [a, b] }]);
    expect([...m.keys()]).toEqual([a.id, b.id]);
    m = reduceImages(m, [{ kind: 'upsert', item: { ...b, size: 1 } }, { kind: 'remove', id: a.id }]);
    expect([...m.values()].map((i) => i.size)).toEqual([1]);
    expect(reduceImages(m, [{ kind: 'remove', id: 'nope' }])).toBe(m);
  });

  it('says what the counts describe: all, some of the images, or some tag rows of all of them', () => {
    const t = (images: number, rows: number) => ({ images, rows, dangling: 0, inUse: 0 });
    expect(countsText(t(3, 3), t(3, 3), false)).toBe(' images');
    expect(countsText(t(1, 2), t(1, 2), false)).toBe(' image in 2 rows (one per tag)');
    expect(countsText(t(1, 2), t(9, 12), true)).toBe(' of 9 images shown in 2 rows (one per tag)');
    expect(countsText(t(1, 1), t(1, 2), true)).toBe(' image, 1 of 2 rows shown (one per tag)');
    expect(countsText(t(4, 5), t(4, 7), true)).toBe(' images, 5 of 7 rows shown (one per tag)');
  });
});
