import { PassThrough, Readable } from 'node:stream';
import { pack } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { directChildName, listTarDirectory, sortEntries } from './tar-listing.js';

type Spec = { name: string; type?: 'file' | 'directory' | 'symlink' | 'fifo'; body?: string; linkname?: string; mode?: number };

/** A tar built with tar-stream, as the engine would send it. */
async function tarOf(entries: Spec[]): Promise<Buffer> {
  const p = pack();
  const mtime = new Date('2024-05-01T10:00:00Z');
  for (const e of entries) {
    const type = e.type ?? 'file';
    const mode = e.mode ?? (type === 'directory' ? 0o755 : type === 'symlink' ? 0o777 : 0o644);
    if (type === 'file') p.entry({ name: e.name, type, mode, mtime }, e.body ?? '');
    else p.entry({ name: e.name, type, mode, mtime, linkname: e.linkname });
  }
  p.finalize();
  const chunks: Buffer[] = [];
  for await (const c of p as unknown as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

const www: Spec[] = [
  { name: 'www/', type: 'directory' },
  { name: 'www/index.html', body: 'hello from berth\n' },
  { name: 'www/sub/', type: 'directory', mode: 0o1777 },
  { name: 'www/sub/deep.txt', body: 'x'.repeat(2000) },
  { name: 'www/sub/deeper/', type: 'directory' },
  { name: 'www/current', type: 'symlink', linkname: 'index.html' },
  { name: 'www/pipe', type: 'fifo' },
  { name: 'www/run.sh', body: '#!/bin/sh\n', mode: 0o4755 },
];

describe('listTarDirectory', () => {
  it('keeps only the direct children, with kind, size, mode, mtime and link target', async () => {
    const { entries, truncated } = await listTarDirectory(Readable.from([await tarOf(www)]), false);
    expect(truncated).toBe(false);
    expect(sortEntries(entries).map((e) => e.name)).toEqual(['sub', 'current', 'index.html', 'pipe', 'run.sh']);
    const by = Object.fromEntries(entries.map((e) => [e.name, e]));
    expect(by['index.html']).toEqual({ name: 'index.html', kind: 'file', size: 17, mode: '-rw-r--r--', mtime: Date.parse('2024-05-01T10:00:00Z') });
    expect(by.sub).toMatchObject({ kind: 'dir', size: 0, mode: 'drwxrwxrwt' });
    expect(by.current).toMatchObject({ kind: 'symlink', linkTarget: 'index.html', mode: 'lrwxrwxrwx' });
    expect(by.pipe).toMatchObject({ kind: 'other', mode: 'prw-r--r--' });
    expect(by['run.sh']).toMatchObject({ kind: 'file', mode: '-rwsr-xr-x' });
  });

  it('reads the root archive, whose names start with "/"', async () => {
    const tar = await tarOf([
      { name: '/', type: 'directory' },
      { name: '/bin/', type: 'directory' },
      { name: '/bin/sh', type: 'symlink', linkname: 'busybox' },
      { name: '/.dockerenv' },
      { name: '/www/', type: 'directory' },
      { name: '/www/index.html', body: 'hi' },
    ]);
    const { entries } = await listTarDirectory(Readable.from([tar]), true);
    expect(sortEntries(entries).map((e) => `${e.kind}:${e.name}`)).toEqual(['dir:bin', 'dir:www', 'file:.dockerenv']);
  });

  it('stops at maxEntries, marks the listing truncated and destroys the source', async () => {
    const many: Spec[] = [{ name: 'd/', type: 'directory' }, ...Array.from({ length: 50 }, (_, i) => ({ name: `d/f${i}`, body: 'x' }))];
    const source = new PassThrough();
    source.end(await tarOf(many));
    const { entries, truncated } = await listTarDirectory(source, false, { maxEntries: 10, maxHeaders: 1000, maxBytes: 1 << 30 });
    expect(truncated).toBe(true);
    expect(entries).toHaveLength(10);
    expect(source.destroyed).toBe(true);
  });

  it('stops at maxBytes even when the entries are few but large', async () => {
    const tar = await tarOf([{ name: 'd/', type: 'directory' }, { name: 'd/big', body: 'x'.repeat(300_000) }, { name: 'd/after', body: 'y' }]);
    const source = new PassThrough({ highWaterMark: 16 * 1024 });
    const res = listTarDirectory(source, false, { maxEntries: 100, maxHeaders: 100, maxBytes: 64 * 1024 });
    for (let off = 0; off < tar.length; off += 16 * 1024) source.write(tar.subarray(off, off + 16 * 1024));
    source.end();
    const { entries, truncated } = await res;
    expect(truncated).toBe(true);
    expect(entries.map((e) => e.name)).toEqual(['big']);
  });

  it('rejects a corrupt archive with an error instead of hanging', async () => {
    const garbage = Buffer.alloc(1024, 7);
    await expect(listTarDirectory(Readable.from([garbage]), false)).rejects.toThrow();
  });

  it('directChildName handles ./ prefixes and nested names', () => {
    expect(directChildName('www/a', false)).toBe('a');
    expect(directChildName('www/a/', false)).toBe('a');
    expect(directChildName('www/a/b', false)).toBeUndefined();
    expect(directChildName('www/', false)).toBeUndefined();
    expect(directChildName('./etc/', true)).toBe('etc');
    expect(directChildName('/', true)).toBeUndefined();
  });
});
