import type { Disposable, DownloadHandlers, StreamHandlers, UploadHandlers } from '../../../../contract/define.js';
import { BerthError } from '../../../../contract/errors.js';
import type { DownloadHead } from '../../../../contract/models/container-files.js';
import type { VolumeJobEvent } from '../../../../contract/models/volumes.js';

/** A running transfer or job: its result, and how to stop it. */
export interface Running<T> {
  done: Promise<T>;
  cancel(): void;
}

const cancelled = () => new BerthError('CANCELLED', 'Cancelled');

/** Receive a download (file, folder or export) into a Blob, reporting bytes as they arrive. */
export function receiveBlob(open: (h: DownloadHandlers<DownloadHead>) => Disposable, onProgress: (bytes: number, head: DownloadHead) => void): Running<{ blob: Blob; head: DownloadHead }> {
  let sub: Disposable | undefined;
  let reject: (err: Error) => void = () => undefined;
  const done = new Promise<{ blob: Blob; head: DownloadHead }>((resolve, rej) => {
    reject = rej;
    const parts: Uint8Array<ArrayBuffer>[] = [];
    let head: DownloadHead = { fileName: 'download', kind: 'file', size: null };
    let bytes = 0;
    sub = open({
      start(h) {
        head = h;
        onProgress(0, h);
      },
      data(chunk) {
        parts.push(new Uint8Array(chunk));
        bytes += chunk.byteLength;
        onProgress(bytes, head);
      },
      end() {
        resolve({ blob: new Blob(parts, { type: head.kind === 'dir' ? 'application/x-tar' : 'application/octet-stream' }), head });
      },
      error: rej,
    });
  });
  return {
    done,
    cancel() {
      sub?.dispose();
      reject(cancelled());
    },
  };
}

/** Send a Blob (a File) through an upload, as the window allows, reporting bytes the back end consumed. */
export function sendBlob<R>(open: (h: UploadHandlers<R>) => Disposable, file: Blob, onProgress: (bytes: number) => void): Running<R> {
  let sub: Disposable | undefined;
  let reject: (err: Error) => void = () => undefined;
  const done = new Promise<R>((resolve, rej) => {
    reject = rej;
    let offset = 0;
    sub = open({
      async read(max) {
        if (offset >= file.size) return null;
        const end = Math.min(file.size, offset + max);
        const bytes = new Uint8Array(await file.slice(offset, end).arrayBuffer());
        offset = end;
        return bytes;
      },
      progress: onProgress,
      done: resolve,
      error: rej,
    });
  });
  return {
    done,
    cancel() {
      sub?.dispose();
      reject(cancelled());
    },
  };
}

/** Follow a volume job (clone, empty) to its end. */
export function followJob(open: (h: StreamHandlers<VolumeJobEvent>) => Disposable, onProgress: (bytes: number, total: number | null) => void): Running<{ bytes: number; volume: string }> {
  let sub: Disposable | undefined;
  let reject: (err: Error) => void = () => undefined;
  const done = new Promise<{ bytes: number; volume: string }>((resolve, rej) => {
    reject = rej;
    let result: { bytes: number; volume: string } | undefined;
    sub = open({
      next(events) {
        for (const e of events) {
          if (e.type === 'progress') onProgress(e.bytes, e.total);
          else result = { bytes: e.bytes, volume: e.volume };
        }
      },
      error: rej,
      complete() {
        if (result) resolve(result);
        else rej(new BerthError('TRANSPORT', 'The job ended before it said it was done'));
      },
    });
  });
  return {
    done,
    cancel() {
      sub?.dispose();
      reject(cancelled());
    },
  };
}

