import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { resolveExportPath, scanExport, toRawEntry } from './export-scan.js';
import { instructionOf } from './instruction.js';
import { analyzeLayers } from './layer-analysis.js';
import { legacyExport, ociExport, sampleConfig, sampleLayers } from './testing-tars.js';

/** Deliver a buffer in small chunks, as a socket would. */
const chunked = (buf: Buffer, size = 1000) => Readable.from((function* () { for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size); })());

async function layersOf(exported: Buffer) {
  const scan = await scanExport(chunked(exported));
  expect(scan.manifest).toBeDefined();
  const raw = scan.manifest!.layers.map((p) => scan.layers.get(resolveExportPath(scan, p))?.entries ?? []);
  return { scan, raw };
}

describe('whiteouts', () => {
  it('reads ".wh.name" as a deletion of name and ".wh..wh..opq" as an opaque folder', () => {
    expect(toRawEntry('usr/lib/.wh.libfoo.so', 'file', 0)).toEqual({ path: '/usr/lib/libfoo.so', type: 'other', size: 0, whiteout: 'file' });
    expect(toRawEntry('.wh.junk.txt', 'file', 0)).toMatchObject({ path: '/junk.txt', whiteout: 'file' });
    expect(toRawEntry('./var/cache/.wh..wh..opq', 'file', 0)).toEqual({ path: '/var/cache', type: 'dir', size: 0, whiteout: 'opaque' });
    expect(toRawEntry('etc/', 'directory', 0)).toEqual({ path: '/etc', type: 'dir', size: 0 });
  });
});

describe('layer analysis over generated layer tars', () => {
  for (const [layout, make] of [
    ['legacy', legacyExport],
    ['OCI (with gzip blobs and symlinks)', ociExport],
  ] as const) {
    it(`finds added, changed and deleted files and the wasted space (${layout} export)`, async () => {
      const { scan, raw } = await layersOf(await make(await sampleLayers(), sampleConfig));
      expect(raw.map((r) => r.length)).toEqual([8, 3, 3, 3]);
      const { layers, wasted } = analyzeLayers(raw);
      const view = (k: number) => layers[k]!.entries.map((e) => `${e.change} ${e.path} ${e.size}`);
      expect(view(0)).toContain('added /bin/sh 5');
      expect(view(1)).toEqual(['added /etc/conf 9', 'added /junk.txt 100']); // /etc re-listed: not a change
      expect(view(2)).toEqual(['changed /etc/conf 2', 'deleted /junk.txt 100']);
      // The opaque folder hides a and b; b is written again in the same layer: "changed".
      expect(view(3)).toEqual(['deleted /var/cache/a 4', 'changed /var/cache/b 5']);
      expect(layers.map((l) => l.counts)).toEqual([
        { added: 8, changed: 0, deleted: 0 },
        { added: 2, changed: 0, deleted: 0 },
        { added: 0, changed: 1, deleted: 1 },
        { added: 0, changed: 1, deleted: 1 },
      ]);
      expect(wasted.totalBytes).toBe(100 + 9 + 4 + 2);
      expect(wasted.count).toBe(4);
      expect(wasted.top[0]).toEqual({ path: '/junk.txt', size: 100, addedIn: 1, removedIn: 2, how: 'deleted' });
      expect(wasted.top).toContainEqual({ path: '/etc/conf', size: 9, addedIn: 1, removedIn: 2, how: 'overwritten' });
      const cfg = scan.json.get(resolveExportPath(scan, scan.manifest!.config)) as typeof sampleConfig;
      expect(cfg.history).toHaveLength(5);
    });
  }

  it('a whited-out folder deletes everything under it, counted once per file version', () => {
    const { layers, wasted } = analyzeLayers([
      [
        { path: '/opt', type: 'dir', size: 0 },
        { path: '/opt/x', type: 'file', size: 10 },
        { path: '/opt/y', type: 'file', size: 20 },
      ],
      [{ path: '/opt', type: 'other', size: 0, whiteout: 'file' }],
    ]);
    expect(layers[1]!.entries).toEqual([{ path: '/opt', type: 'dir', change: 'deleted', size: 30 }]);
    expect(wasted).toMatchObject({ totalBytes: 30, count: 2 });
  });

  it('truncates big layers but counts every entry', () => {
    const big = Array.from({ length: 50 }, (_, i) => ({ path: `/f${String(i).padStart(2, '0')}`, type: 'file' as const, size: 1 }));
    const { layers } = analyzeLayers([big], { maxEntriesPerLayer: 10 });
    expect(layers[0]).toMatchObject({ totalEntries: 50, truncated: true, counts: { added: 50, changed: 0, deleted: 0 }, size: 50 });
    expect(layers[0]!.entries).toHaveLength(10);
  });

  it('stops indexing at maxEntries and says so', async () => {
    const scan = await scanExport(chunked(await legacyExport(await sampleLayers(), sampleConfig)), { maxEntries: 5 });
    expect(scan.truncated).toBe(true);
  });
});

describe('instructions from history', () => {
  it('reads classic and BuildKit created_by forms', () => {
    expect(instructionOf('/bin/sh -c #(nop)  CMD ["sh"]')).toBe('CMD ["sh"]');
    expect(instructionOf('/bin/sh -c echo data > /junk.txt')).toBe('RUN echo data > /junk.txt');
    expect(instructionOf('|1 V=2 /bin/sh -c rm /junk.txt')).toBe('RUN rm /junk.txt');
    // Build args are written unquoted: a value with spaces, an empty one, several of them.
    expect(instructionOf('|1 GREETING=hello world /bin/sh -c echo $GREETING > /g.txt')).toBe('RUN echo $GREETING > /g.txt');
    expect(instructionOf('|2 A= B=x y z /bin/sh -c make')).toBe('RUN make');
    expect(instructionOf('RUN /bin/sh -c rm -rf /var/cache/* # buildkit')).toBe('RUN rm -rf /var/cache/*');
    expect(instructionOf('COPY app /app # buildkit')).toBe('COPY app /app');
    expect(instructionOf('')).toBe('(unknown instruction)');
  });
});
