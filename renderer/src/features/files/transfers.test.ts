import { describe, expect, it, vi } from 'vitest';
import type { BerthApi } from '../../../../contract/index.js';
import type { DownloadEvent } from '../../../../contract/models/container-files.js';
import type { StreamHandlers } from '../../../../contract/define.js';
import { startDownload } from './download-transfer.js';
import { uploadFile } from './upload-transfer.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');

function fakeDownloadApi() {
  let handlers: StreamHandlers<DownloadEvent> | undefined;
  const acks: number[] = [];
  const dispose = vi.fn();
  const api = {
    containers: {
      download: (_args: unknown, h: StreamHandlers<DownloadEvent>) => ((handlers = h), { dispose }),
      downloadAck: async ({ received }: { received: number }) => (acks.push(received), null),
    },
  } as unknown as BerthApi;
  return { api, acks, dispose, push: (events: DownloadEvent[]) => handlers!.next(events), complete: () => handlers!.complete!() };
}

describe('startDownload', () => {
  it('gathers chunks into a Blob, acknowledges each batch, reports progress', async () => {
    const f = fakeDownloadApi();
    const done = vi.fn();
    const progress: number[] = [];
    startDownload(f.api, { id: 'c', path: '/www/index.html' }, { onStart: vi.fn(), onProgress: (n) => progress.push(n), onDone: done, onError: vi.fn() });
    f.push([{ type: 'start', downloadId: 'd'.repeat(32), fileName: 'index.html', kind: 'file', size: 17 }, { type: 'chunk', data: b64('hello from ') }]);
    f.push([{ type: 'chunk', data: b64('berth\n') }, { type: 'end', bytes: 17 }]);
    f.complete();
    expect(progress).toEqual([11, 17]);
    expect(f.acks).toEqual([11]); // no ack needed after the end
    const [blob, name] = done.mock.calls[0] as [Blob, string];
    expect(name).toBe('index.html');
    expect(await blob.text()).toBe('hello from berth\n');
  });

  it('a stream that completes without its end event is an error, not a truncated file', () => {
    const f = fakeDownloadApi();
    const onError = vi.fn();
    const onDone = vi.fn();
    startDownload(f.api, { id: 'c', path: '/x' }, { onStart: vi.fn(), onProgress: vi.fn(), onDone, onError });
    f.push([{ type: 'start', downloadId: 'd'.repeat(32), fileName: 'x', kind: 'file', size: 10 }, { type: 'chunk', data: b64('abc') }]);
    f.complete();
    expect(onDone).not.toHaveBeenCalled();
    expect(onError.mock.calls[0]?.[0].message).toBe('The download ended before all its data arrived');
  });

  it('dispose cancels: the stream is unsubscribed and nothing more is reported', () => {
    const f = fakeDownloadApi();
    const onProgress = vi.fn();
    const d = startDownload(f.api, { id: 'c', path: '/x' }, { onStart: vi.fn(), onProgress, onDone: vi.fn(), onError: vi.fn() });
    d.dispose();
    expect(f.dispose).toHaveBeenCalled();
    f.push([{ type: 'chunk', data: b64('late') }]);
    expect(onProgress).not.toHaveBeenCalled();
  });
});

describe('uploadFile', () => {
  const file = (text: string) => Object.assign(new Blob([text]), { name: 'a.txt' });

  function fakeUploadApi(fail?: (index: number) => Error | undefined) {
    const calls: string[] = [];
    let written = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    const api = {
      containers: {
        uploadBegin: async () => (calls.push('begin'), { uploadId: 'u'.repeat(32), maxChunkBytes: 3 }),
        uploadChunk: async ({ index, dataBase64 }: { index: number; dataBase64: string }) => {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          calls.push(`chunk${index}:${Buffer.from(dataBase64, 'base64').toString()}`);
          await new Promise((r) => setTimeout(r, 5));
          inFlight--;
          const err = fail?.(index);
          if (err) throw err;
          written += Buffer.from(dataBase64, 'base64').length;
          return { received: written, size: 10 };
        },
        uploadEnd: async () => (calls.push('end'), { path: '/tmp/a.txt', size: 10 }),
        uploadCancel: async () => (calls.push('cancel'), null),
      },
    } as unknown as BerthApi;
    return { api, calls, maxInFlight: () => maxInFlight };
  }

  it('sends the file in ordered chunks, several in flight, then ends', async () => {
    const f = fakeUploadApi();
    const progress: number[] = [];
    const res = await uploadFile(f.api, { id: 'c', dir: '/tmp', file: file('0123456789') }, (n) => progress.push(n));
    expect(res).toEqual({ path: '/tmp/a.txt', size: 10 });
    expect(f.calls).toEqual(['begin', 'chunk0:012', 'chunk1:345', 'chunk2:678', 'chunk3:9', 'end']);
    expect(f.maxInFlight()).toBeGreaterThan(1);
    expect(progress.at(-1)).toBe(10);
  });

  it('a failing chunk cancels the upload on the back end and surfaces the error', async () => {
    const f = fakeUploadApi((i) => (i === 1 ? new Error('disk full') : undefined));
    await expect(uploadFile(f.api, { id: 'c', dir: '/tmp', file: file('0123456789') }, () => undefined)).rejects.toThrow('disk full');
    expect(f.calls).toContain('cancel');
    expect(f.calls).not.toContain('end');
  });

  it('an aborted upload is cancelled', async () => {
    const f = fakeUploadApi();
    const ctl = new AbortController();
    ctl.abort();
    await expect(uploadFile(f.api, { id: 'c', dir: '/tmp', file: file('0123456789') }, () => undefined, ctl.signal)).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(f.calls).toEqual(['begin', 'cancel']);
  });
});
