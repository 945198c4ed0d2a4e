import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BYTE_LIMITS, decodeByteFrame, encodeByteFrame, ownBytes } from './byte-frame.js';
import { download, upload, type CallContext, type Implementation } from './define.js';
import { BerthError } from './errors.js';
import { createClient, createDispatcher, type ClientMessage, type ServerMessage } from './rpc.js';

const c = {
  files: {
    get: download<{ size: number }>()(z.object({ size: z.number().int() }).strict()),
    put: upload<{ got: number }>()(z.object({ name: z.string() }).strict()),
  },
};
const KiB = 1024;
const MiB = 1024 * KiB;
const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

/** What the implementation saw: bytes pulled from the source, the signals, whether sources were released. */
function fakeImpl(options: { readUpload?: boolean } = {}) {
  const seen = { pulled: 0, released: 0, signals: [] as AbortSignal[], uploadError: undefined as unknown, read: 0 };
  const impl: Implementation<typeof c> = {
    files: {
      async get({ size }, ctx: CallContext) {
        seen.signals.push(ctx.signal);
        async function* body() {
          try {
            for (let sent = 0; sent < size; sent += 100 * KiB) {
              const n = Math.min(100 * KiB, size - sent);
              seen.pulled += n;
              yield new Uint8Array(n).fill(sent / (100 * KiB));
            }
          } finally {
            seen.released++;
          }
        }
        return { head: { size }, body: body() };
      },
      async put(_args, ctx, body) {
        seen.signals.push(ctx.signal);
        if (options.readUpload === false) await new Promise((r) => ctx.signal.addEventListener('abort', r));
        try {
          for await (const chunk of body) seen.read += chunk.length;
        } catch (err) {
          seen.uploadError = err;
          throw err;
        }
        return { got: seen.read };
      },
    },
  };
  return { impl, seen };
}

/** Client and dispatcher joined by structured clone (as Electron IPC is), counting what crosses. */
function loopback(impl: Implementation<typeof c>) {
  const listeners = new Set<(m: unknown) => void>();
  const wire = { toClient: [] as ServerMessage[], toServer: [] as ClientMessage[] };
  const conn = createDispatcher(c, impl).connect(
    { send: (m) => (wire.toClient.push(m), queueMicrotask(() => listeners.forEach((l) => l(structuredClone(m))))) },
    'test',
  );
  const client = createClient(c, {
    send: (m) => (wire.toServer.push(m), queueMicrotask(() => conn.handle(structuredClone(m)))),
    onMessage: (cb) => (listeners.add(cb), { dispose: () => listeners.delete(cb) }),
  });
  return { client, conn, wire };
}

describe('byte frames', () => {
  it('carry a stream id and the payload, and refuse anything else', () => {
    const frame = encodeByteFrame(0x01020304, new Uint8Array([9, 8, 7]));
    expect([...frame.subarray(0, 8)]).toEqual([0xb7, 1, 0, 0, 1, 2, 3, 4]);
    expect(decodeByteFrame(frame)).toEqual({ id: 0x01020304, data: new Uint8Array([9, 8, 7]) });
    expect(decodeByteFrame(new Uint8Array([1, 2, 3]))).toBeUndefined();
    expect(decodeByteFrame(new Uint8Array([0xb7, 2, 0, 0, 0, 0, 0, 1, 5]))).toBeUndefined();
  });

  it('ownBytes tightens a view, so structured clone copies only its bytes', () => {
    const big = new Uint8Array(MiB);
    expect(structuredClone(big.subarray(0, 10)).buffer.byteLength).toBe(MiB);
    expect(structuredClone(ownBytes(big.subarray(0, 10))).buffer.byteLength).toBe(10);
    expect(ownBytes(big)).toBe(big);
  });
});

describe('downloads', () => {
  it('deliver the head and every byte in order as Uint8Array, never JSON, then end', async () => {
    const { impl } = fakeImpl();
    const { client, wire } = loopback(impl);
    const got: Uint8Array[] = [];
    let head: unknown;
    await new Promise<void>((resolve, reject) => client.files.get({ size: 3 * MiB + 5 }, { start: (h) => (head = h), data: (d) => void got.push(d), end: resolve, error: reject }));
    expect(head).toEqual({ size: 3 * MiB + 5 });
    const all = new Uint8Array(got.reduce((n, d) => n + d.length, 0));
    got.reduce((off, d) => (all.set(d, off), off + d.length), 0);
    expect(all.length).toBe(3 * MiB + 5);
    expect(all[0]).toBe(0);
    expect(all[all.length - 1]).toBe(Math.floor((3 * MiB) / (100 * KiB)));
    expect(got.every((d) => d instanceof Uint8Array && d.length <= BYTE_LIMITS.frameBytes)).toBe(true);
    expect(wire.toClient.filter((m) => m.t === 'bytes').length).toBe(got.length);
    expect(JSON.stringify(wire.toClient.filter((m) => m.t !== 'bytes')).length).toBeLessThan(1000);
  });

  it('a slow reader holds the sender at one window: the source is pulled no further until it acknowledges', async () => {
    const { impl, seen } = fakeImpl();
    const { client } = loopback(impl);
    const release: (() => void)[] = [];
    let received = 0;
    let ended = false;
    client.files.get({ size: 40 * MiB }, {
      start: () => undefined,
      data: (d) => new Promise<void>((r) => release.push(() => ((received += d.length), r()))),
      end: () => (ended = true),
    });
    await tick(50);
    // Sending stops once a window is unacknowledged (the last frame may cross the edge), and one
    // more source piece waits for room.
    expect(seen.pulled).toBeLessThanOrEqual(BYTE_LIMITS.window + 2 * 100 * KiB);
    expect(seen.pulled).toBeGreaterThanOrEqual(BYTE_LIMITS.window);
    const stalled = seen.pulled;
    await tick(50);
    expect(seen.pulled).toBe(stalled);
    // The reader catches up: the sender moves on, and finishes.
    while (!ended) {
      release.splice(0).forEach((r) => r());
      await tick(1);
    }
    expect(received).toBe(40 * MiB);
  });

  it('a cut connection frees everything: the source is released and its signal aborted', async () => {
    const { impl, seen } = fakeImpl();
    const { client, conn } = loopback(impl);
    client.files.get({ size: 40 * MiB }, { start: () => undefined, data: () => new Promise(() => undefined), end: () => undefined });
    await tick(30);
    expect(seen.released).toBe(0);
    conn.close();
    await tick(5);
    expect(seen.signals[0]?.aborted).toBe(true);
    expect(seen.released).toBe(1);
  });

  it('dispose cancels on the back end too', async () => {
    const { impl, seen } = fakeImpl();
    const { client } = loopback(impl);
    const sub = client.files.get({ size: 40 * MiB }, { start: () => undefined, data: () => undefined, end: () => undefined });
    await tick(5);
    sub.dispose();
    await tick(10);
    expect(seen.signals[0]?.aborted).toBe(true);
    expect(seen.released).toBe(1);
  });
});

describe('uploads', () => {
  const source = (total: number, reads: number[] = []) => {
    let off = 0;
    return (max: number) => {
      if (off >= total) return null;
      const n = Math.min(max, total - off);
      reads.push(n);
      off += n;
      return new Uint8Array(n).fill(7);
    };
  };

  it('send the bytes as Uint8Array frames, report progress, and resolve with the result', async () => {
    const { impl } = fakeImpl();
    const { client, wire } = loopback(impl);
    const progress: number[] = [];
    const result = await new Promise((resolve, reject) => client.files.put({ name: 'a' }, { read: source(9 * MiB + 3), progress: (n) => progress.push(n), done: resolve, error: reject }));
    expect(result).toEqual({ got: 9 * MiB + 3 });
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.at(-1)).toBeLessThanOrEqual(9 * MiB + 3);
    const frames = wire.toServer.filter((m) => m.t === 'bytes');
    expect(frames.every((m) => m.t === 'bytes' && m.data instanceof Uint8Array && m.data.length <= BYTE_LIMITS.frameBytes)).toBe(true);
    expect(wire.toServer.at(-1)).toEqual({ t: 'eof', id: 1 });
  });

  it('a back end that does not read holds the client at one window: the source is read no further', async () => {
    const { impl } = fakeImpl({ readUpload: false });
    const { client } = loopback(impl);
    const reads: number[] = [];
    client.files.put({ name: 'a' }, { read: source(40 * MiB, reads), done: () => undefined });
    await tick(50);
    expect(reads.reduce((a, b) => a + b, 0)).toBe(BYTE_LIMITS.window);
  });

  it('a cut connection frees everything: the implementation sees its body fail and its signal aborted', async () => {
    const { impl, seen } = fakeImpl();
    const { client, conn } = loopback(impl);
    let pending: (() => void) | undefined;
    let first = true;
    client.files.put({ name: 'a' }, {
      read: (max) => (first ? ((first = false), new Uint8Array(Math.min(max, 100))) : new Promise<null>((r) => (pending = () => r(null)))),
      done: () => undefined,
    });
    await tick(10);
    conn.close();
    await tick(5);
    expect(seen.signals[0]?.aborted).toBe(true);
    expect(seen.uploadError).toBeInstanceOf(BerthError);
    expect((seen.uploadError as BerthError).code).toBe('CANCELLED');
    pending?.();
  });

  it('a sender that ignores the window fails the upload instead of growing the queue', async () => {
    const { impl, seen } = fakeImpl({ readUpload: false });
    const sent: ServerMessage[] = [];
    const conn = createDispatcher(c, impl).connect({ send: (m) => void sent.push(m) }, 't');
    conn.handle({ t: 'open', id: 1, name: 'files.put', args: { name: 'a' } });
    for (let i = 0; i <= BYTE_LIMITS.window / BYTE_LIMITS.frameBytes; i++) conn.handle({ t: 'bytes', id: 1, data: new Uint8Array(BYTE_LIMITS.frameBytes) });
    await tick(10);
    expect(seen.signals[0]?.aborted).toBe(true);
    expect(sent).toContainEqual({ t: 'result', id: 1, ok: false, error: expect.objectContaining({ code: 'TRANSPORT', message: expect.stringMatching(/past its window/) }) });
  });

  it('a transport that closes fails open uploads and downloads with TRANSPORT', async () => {
    const status = new Set<(s: 'open' | 'closed') => void>();
    const client = createClient(c, {
      send: () => undefined,
      onMessage: () => ({ dispose: () => undefined }),
      onStatus: (cb) => (status.add(cb), { dispose: () => status.delete(cb) }),
    });
    status.forEach((l) => l('open'));
    const errors: string[] = [];
    client.files.get({ size: 1 }, { start: () => undefined, data: () => undefined, end: () => undefined, error: (e) => void errors.push(e.code) });
    client.files.put({ name: 'a' }, { read: () => new Promise(() => undefined), done: () => undefined, error: (e) => void errors.push(e.code) });
    status.forEach((l) => l('closed'));
    expect(errors).toEqual(['TRANSPORT', 'TRANSPORT']);
  });
});

describe('dispatcher: the bytes of an upload', () => {
  it('delivers well-formed bytes messages and refuses malformed ones with VALIDATION, as the schema does', async () => {
    const { impl, seen } = fakeImpl();
    const out: ServerMessage[] = [];
    const conn = createDispatcher(c, impl).connect({ send: (m) => out.push(m) }, 'test');
    conn.handle({ t: 'open', id: 1, name: 'files.put', args: { name: 'a' } });
    conn.handle({ t: 'bytes', id: 1, data: new Uint8Array(10) });
    for (const bad of [
      { t: 'bytes', id: -1, data: new Uint8Array(1) },
      { t: 'bytes', id: 1.5, data: new Uint8Array(1) },
      { t: 'bytes', id: 1, data: [1, 2, 3] },
      { t: 'bytes', id: 1 },
    ]) conn.handle(bad);
    conn.handle({ t: 'eof', id: 1 });
    await tick(20);
    expect(out.filter((m) => m.t === 'result' && !m.ok).map((m) => m.t === 'result' && !m.ok && m.error.code)).toEqual(['VALIDATION', 'VALIDATION', 'VALIDATION', 'VALIDATION']);
    expect(out.find((m) => m.t === 'result' && m.ok)).toMatchObject({ id: 1, value: { got: 10 } });
    expect(seen.read).toBe(10);
  });
});
