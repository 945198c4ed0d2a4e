import { describe, expect, it, vi } from 'vitest';
import type { BerthApi } from '../../../../contract/index.js';
import type { DownloadHead, UploadDone } from '../../../../contract/models/container-files.js';
import type { DownloadHandlers, UploadHandlers } from '../../../../contract/define.js';
import { BerthError } from '../../../../contract/errors.js';
import { BYTE_LIMITS } from '../../../../contract/byte-frame.js';
import { startDownload } from './download-transfer.js';
import { READ_AHEAD, uploadFile } from './upload-transfer.js';

const bytes = (s: string) => new TextEncoder().encode(s);
const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

function fakeDownloadApi() {
  let handlers: DownloadHandlers<DownloadHead> | undefined;
  const dispose = vi.fn();
  const api = { containers: { download: (_args: unknown, h: DownloadHandlers<DownloadHead>) => ((handlers = h), { dispose }) } } as unknown as BerthApi;
  return { api, dispose, h: () => handlers! };
}

describe('startDownload', () => {
  it('gathers the binary chunks into a Blob and reports progress', async () => {
    const f = fakeDownloadApi();
    const done = vi.fn();
    const progress: number[] = [];
    const onStart = vi.fn();
    startDownload(f.api, { id: 'c', path: '/www/index.html' }, { onStart, onProgress: (n) => progress.push(n), onDone: done, onError: vi.fn() });
    f.h().start({ fileName: 'index.html', kind: 'file', size: 17 });
    f.h().data(bytes('hello from '));
    f.h().data(bytes('berth\n'));
    f.h().end();
    expect(onStart).toHaveBeenCalledWith({ fileName: 'index.html', kind: 'file', size: 17 });
    expect(progress).toEqual([11, 17]);
    const [blob, name] = done.mock.calls[0] as [Blob, string];
    expect(name).toBe('index.html');
    expect(blob.type).toBe('application/octet-stream');
    expect(await blob.text()).toBe('hello from berth\n');
  });

  it('a download of many MiB arrives whole and in order (sealed into Blobs as it comes), with progress per chunk', async () => {
    const f = fakeDownloadApi();
    const done = vi.fn();
    const progress: number[] = [];
    startDownload(f.api, { id: 'c', path: '/big.bin' }, { onStart: vi.fn(), onProgress: (n) => progress.push(n), onDone: done, onError: vi.fn() });
    f.h().start({ fileName: 'big.bin', kind: 'file', size: 9 * 1024 * 1024 + 5 });
    const chunk = 256 * 1024;
    const sent: Uint8Array[] = [];
    for (let i = 0; i < 36; i++) sent.push(new Uint8Array(chunk).fill(i));
    sent.push(bytes('tail!'));
    for (const c of sent) f.h().data(c);
    f.h().end();
    expect(progress).toHaveLength(37);
    expect(progress.at(-1)).toBe(9 * 1024 * 1024 + 5);
    const blob = done.mock.calls[0]![0] as Blob;
    expect(blob.size).toBe(9 * 1024 * 1024 + 5);
    const got = new Uint8Array(await blob.arrayBuffer());
    for (let i = 0; i < 36; i++) expect([got[i * chunk], got[(i + 1) * chunk - 1]]).toEqual([i, i]);
    expect(new TextDecoder().decode(got.subarray(36 * chunk))).toBe('tail!');
  });

  it('a folder is saved as a tar; an error is reported once, never as a file', () => {
    const f = fakeDownloadApi();
    const onError = vi.fn();
    const onDone = vi.fn();
    startDownload(f.api, { id: 'c', path: '/www' }, { onStart: vi.fn(), onProgress: vi.fn(), onDone, onError });
    f.h().start({ fileName: 'www.tar', kind: 'dir', size: null });
    f.h().data(bytes('abc'));
    f.h().error!(new BerthError('TRANSPORT', 'The connection to the Berth back end was lost'));
    f.h().end();
    expect(onDone).not.toHaveBeenCalled();
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]?.[0].message).toBe('The connection to the Berth back end was lost');
  });

  it('dispose cancels: the download is closed and nothing more is reported', () => {
    const f = fakeDownloadApi();
    const onProgress = vi.fn();
    const d = startDownload(f.api, { id: 'c', path: '/x' }, { onStart: vi.fn(), onProgress, onDone: vi.fn(), onError: vi.fn() });
    d.dispose();
    expect(f.dispose).toHaveBeenCalled();
    f.h().data(bytes('late'));
    expect(onProgress).not.toHaveBeenCalled();
  });
});

describe('uploadFile', () => {
  const file = (text: string) => Object.assign(new Blob([text]), { name: 'a.txt' });

  /** Reads the source as the transport would (asking for at most `max` bytes each time). */
  function fakeUploadApi(max: number, outcome: (got: string) => UploadDone | Error = (got) => ({ path: '/tmp/a.txt', size: got.length })) {
    const reads: string[] = [];
    const dispose = vi.fn();
    let args: unknown;
    const api = {
      containers: {
        upload: (a: unknown, h: UploadHandlers<UploadDone>) => {
          args = a;
          void (async () => {
            let got = '';
            for (;;) {
              const piece = await h.read(max);
              if (!piece || !piece.length) break;
              reads.push(new TextDecoder().decode(piece));
              got += new TextDecoder().decode(piece);
              h.progress?.(got.length);
            }
            const r = outcome(got);
            if (r instanceof Error) h.error?.(r as BerthError);
            else h.done(r);
          })();
          return { dispose };
        },
      },
    } as unknown as BerthApi;
    return { api, reads, dispose, args: () => args };
  }

  it('sends the file as bytes in pieces of at most the size asked for, then resolves with the result', async () => {
    const f = fakeUploadApi(4);
    const progress: number[] = [];
    const res = await uploadFile(f.api, { id: 'c', dir: '/tmp', file: file('0123456789') }, (n) => progress.push(n));
    expect(f.args()).toEqual({ id: 'c', path: '/tmp', name: 'a.txt', size: 10 });
    expect(f.reads).toEqual(['0123', '4567', '89']);
    expect(res).toEqual({ path: '/tmp/a.txt', size: 10 });
    expect(progress).toEqual([4, 8, 10, 10]);
  });

  it('an error from the back end rejects the upload', async () => {
    const f = fakeUploadApi(4, () => new BerthError('ENGINE_ERROR', 'disk full'));
    await expect(uploadFile(f.api, { id: 'c', dir: '/tmp', file: file('0123456789') }, () => undefined)).rejects.toThrow('disk full');
  });

  it('an aborted upload is cancelled: its stream is disposed and the promise rejects with CANCELLED', async () => {
    const ctl = new AbortController();
    const dispose = vi.fn();
    const api = { containers: { upload: () => ({ dispose }) } } as unknown as BerthApi;
    const p = uploadFile(api, { id: 'c', dir: '/tmp', file: file('0123456789') }, () => undefined, ctl.signal);
    ctl.abort();
    await expect(p).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(dispose).toHaveBeenCalled();
    const early = new AbortController();
    early.abort();
    await expect(uploadFile(api, { id: 'c', dir: '/tmp', file: file('x') }, () => undefined, early.signal)).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  /** A file whose reads are counted and finish only when released (as a browser's File reads elsewhere). */
  function slowFile(size: number) {
    const data = new Uint8Array(size).map((_, i) => i % 251);
    const reads: { start: number; end: number; release(): void; fail(err: Error): void }[] = [];
    const source = {
      name: 'big.bin',
      size,
      slice: (start: number, end: number) => ({
        arrayBuffer: () =>
          new Promise<ArrayBuffer>((resolve, reject) =>
            reads.push({ start, end, release: () => resolve(data.slice(start, end).buffer), fail: reject }),
          ),
      }),
    };
    return { data, reads, source };
  }

  it('reads the next pieces while one is handed over, never more than READ_AHEAD pieces early, and sends the file whole', async () => {
    const piece = BYTE_LIMITS.readBytes;
    const { data, reads, source } = slowFile(5 * piece + 7);
    let h: UploadHandlers<UploadDone> | undefined;
    const api = { containers: { upload: (_a: unknown, handlers: UploadHandlers<UploadDone>) => ((h = handlers), { dispose: vi.fn() }) } } as unknown as BerthApi;
    const p = uploadFile(api, { id: 'c', dir: '/tmp', file: source }, () => undefined);
    // The transport asks for the first bytes: two pieces are read at once, the first being handed over.
    const first = h!.read(piece);
    expect(reads.map((r) => r.start)).toEqual([0, piece]);
    reads[0]!.release();
    const got: Uint8Array[] = [(await first)!];
    // While the first piece is sent, the next one is read too, and no further while nobody asks.
    expect(reads.map((r) => r.start)).toEqual([0, piece, 2 * piece]);
    await tick();
    expect(reads).toHaveLength(3);
    for (;;) {
      const next = h!.read(piece / 2);
      for (const r of reads) r.release();
      const bytes = await next;
      if (!bytes) break;
      expect(bytes.length).toBeLessThanOrEqual(piece / 2);
      got.push(bytes.slice());
      expect(reads.length * piece - got.reduce((a, b) => a + b.length, 0)).toBeLessThanOrEqual((READ_AHEAD + 1) * piece);
    }
    const sent = new Uint8Array(got.reduce((a, b) => a + b.length, 0));
    let at = 0;
    for (const g of got) sent.set(g, (at += g.length) - g.length);
    expect(Buffer.from(sent).equals(Buffer.from(data))).toBe(true);
    expect(reads.map((r) => [r.start, r.end])).toEqual([0, 1, 2, 3, 4, 5].map((i) => [i * piece, Math.min((i + 1) * piece, data.length)]));
    h!.done({ path: '/tmp/big.bin', size: data.length });
    await expect(p).resolves.toEqual({ path: '/tmp/big.bin', size: data.length });
  });

  it('a piece that cannot be read fails the upload; one read early and failing after a cancel goes unnoticed', async () => {
    const { reads, source } = slowFile(3 * BYTE_LIMITS.readBytes);
    let h: UploadHandlers<UploadDone> | undefined;
    const api = { containers: { upload: (_a: unknown, handlers: UploadHandlers<UploadDone>) => ((h = handlers), { dispose: vi.fn() }) } } as unknown as BerthApi;
    void uploadFile(api, { id: 'c', dir: '/tmp', file: source }, () => undefined);
    const first = h!.read(BYTE_LIMITS.readBytes);
    reads[0]!.fail(new Error('NotReadableError: the file changed'));
    await expect(first).rejects.toThrow('the file changed');

    const ctl = new AbortController();
    const again = slowFile(3 * BYTE_LIMITS.readBytes);
    const cancelled = uploadFile(api, { id: 'c', dir: '/tmp', file: again.source }, () => undefined, ctl.signal);
    const pending = h!.read(BYTE_LIMITS.readBytes);
    ctl.abort();
    await expect(cancelled).rejects.toMatchObject({ code: 'CANCELLED' });
    // The pieces read early fail after the cancel: nobody waits for the second, and that is no
    // unhandled rejection (vitest fails the run on one).
    for (const r of again.reads) r.fail(new Error('gone'));
    await expect(pending).rejects.toThrow('gone');
    await tick(10);
    expect(again.reads).toHaveLength(READ_AHEAD);
  });
});
