import { describe, expect, it, vi } from 'vitest';
import type { BerthApi } from '../../../../contract/index.js';
import type { DownloadHead, UploadDone } from '../../../../contract/models/container-files.js';
import type { DownloadHandlers, UploadHandlers } from '../../../../contract/define.js';
import { BerthError } from '../../../../contract/errors.js';
import { startDownload } from './download-transfer.js';
import { uploadFile } from './upload-transfer.js';

const bytes = (s: string) => new TextEncoder().encode(s);

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
});
