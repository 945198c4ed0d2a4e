import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UploadStore } from './upload-store.js';

let dir: string;
let store: UploadStore;
const spec = (size: number, connectionId = 'c1') => ({ connectionId, containerId: 'ctr', dir: '/tmp', name: 'a.bin', size });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-upload-test-'));
  store = new UploadStore({ tempDir: join(dir, 'uploads'), maxChunkBytes: 4 });
});
afterEach(async () => {
  await store.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('UploadStore', () => {
  it('assembles chunks in order into a temporary file', async () => {
    const id = await store.begin(spec(10));
    expect(await store.chunk('c1', id, 0, Buffer.from('0123'))).toEqual({ received: 4, size: 10 });
    await store.chunk('c1', id, 1, Buffer.from('4567'));
    await store.chunk('c1', id, 2, Buffer.from('89'));
    const done = await store.finish('c1', id);
    expect(readFileSync(done.file, 'utf8')).toBe('0123456789');
    expect(done).toMatchObject({ containerId: 'ctr', dir: '/tmp', name: 'a.bin', size: 10 });
    expect(store.size).toBe(0);
    await store.discard(done.file);
    expect(existsSync(done.file)).toBe(false);
  });

  it('rejects out-of-order, oversized, empty and overflowing chunks, and an early finish', async () => {
    const id = await store.begin(spec(6));
    await expect(store.chunk('c1', id, 1, Buffer.from('ab'))).rejects.toThrow('Chunk 1 arrived out of order: expected chunk 0');
    await expect(store.chunk('c1', id, 0, Buffer.from('abcde'))).rejects.toThrow('Chunk 0 is 5 bytes; at most 4 are allowed');
    await expect(store.chunk('c1', id, 0, Buffer.alloc(0))).rejects.toThrow('Chunk 0 is empty');
    await store.chunk('c1', id, 0, Buffer.from('abcd'));
    await expect(store.chunk('c1', id, 1, Buffer.from('efg'))).rejects.toThrow('goes past the announced size of 6 bytes');
    await expect(store.finish('c1', id)).rejects.toThrow('The upload is incomplete: 4 of 6 bytes received');
    // A rejected chunk changes nothing: the right one is still accepted.
    await store.chunk('c1', id, 1, Buffer.from('ef'));
    expect((await store.finish('c1', id)).size).toBe(6);
  });

  it('accepts pipelined chunks (sent before the previous one is written) and writes them in order', async () => {
    const id = await store.begin(spec(10));
    const all = await Promise.all([store.chunk('c1', id, 0, Buffer.from('0123')), store.chunk('c1', id, 1, Buffer.from('4567')), store.chunk('c1', id, 2, Buffer.from('89'))]);
    expect(all.map((r) => r.received)).toEqual([4, 8, 10]);
    const done = await store.finish('c1', id);
    expect(readFileSync(done.file, 'utf8')).toBe('0123456789');
  });

  it('is scoped to its connection, and dropped with it', async () => {
    const id = await store.begin(spec(4));
    await expect(store.chunk('c2', id, 0, Buffer.from('abcd'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await store.chunk('c1', id, 0, Buffer.from('ab'));
    await store.begin(spec(4, 'c2'));
    await store.dropConnection('c1');
    expect(store.size).toBe(1);
    await expect(store.chunk('c1', id, 1, Buffer.from('cd'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(readdirSync(join(dir, 'uploads'))).toHaveLength(1);
  });

  it('cancel deletes the temporary file; the per-connection limit holds', async () => {
    const small = new UploadStore({ tempDir: join(dir, 'small'), maxChunkBytes: 4, maxPerConnection: 2 });
    const a = await small.begin(spec(4));
    await small.begin(spec(4));
    await expect(small.begin(spec(4))).rejects.toThrow('Too many uploads at once (at most 2)');
    await small.cancel('c1', a);
    expect(readdirSync(join(dir, 'small'))).toHaveLength(1);
    await small.dispose();
    expect(readdirSync(join(dir, 'small'))).toHaveLength(0);
  });

  it('drops an idle upload after the idle timeout', async () => {
    vi.useFakeTimers();
    try {
      const idle = new UploadStore({ tempDir: join(dir, 'idle'), maxChunkBytes: 4, idleMs: 1000 });
      await idle.begin(spec(4));
      expect(idle.size).toBe(1);
      await vi.advanceTimersByTimeAsync(1500);
      expect(idle.size).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
