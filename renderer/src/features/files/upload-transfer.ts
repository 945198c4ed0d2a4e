import type { BerthApi } from '../../../../contract/index.js';
import type { UploadDone } from '../../../../contract/models/container-files.js';
import { BerthError } from '../../../../contract/errors.js';
import { BYTE_LIMITS } from '../../../../contract/byte-frame.js';
import { bytesUrl, ERROR_HEADER, errorFromAnswer } from './http-bytes.js';

/** What an upload needs from a browser File. */
export interface UploadSource {
  name: string;
  size: number;
  slice(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

/** Pieces of the file being read while the transport sends the one before them. */
export const READ_AHEAD = 2;

/**
 * Upload a file into directory `dir` of container `id` (or into `folder` below it, a folder upload) as one byte stream (binary, flow-controlled
 * by the transport: the file is read only as fast as the back end takes it, at most READ_AHEAD
 * pieces early), reporting progress. Aborting `signal` cancels it on the back end.
 *
 * Reading a piece of a File is asynchronous (the browser reads it elsewhere): read only when the
 * transport asked, the reads and the sends took turns, and reading was most of an upload's time.
 * So the next pieces are already being read while one is handed over.
 */
export function uploadFile(
  api: BerthApi,
  args: { id: string; dir: string; file: UploadSource; folder?: string },
  onProgress: (sent: number) => void,
  signal?: AbortSignal,
): Promise<UploadDone> {
  const { id, dir, file, folder } = args;
  return new Promise<UploadDone>((resolve, reject) => {
    const cancelled = () => new BerthError('CANCELLED', 'The upload was cancelled');
    if (signal?.aborted) return reject(cancelled());
    const piece = BYTE_LIMITS.readBytes;
    /** Where the next read starts. */
    let readAt = 0;
    const ahead: Promise<Uint8Array>[] = [];
    /** What is left of the piece being handed over. */
    let current: Uint8Array = new Uint8Array(0);
    const readAhead = () => {
      while (ahead.length < READ_AHEAD && readAt < file.size) {
        const end = Math.min(readAt + piece, file.size);
        const p = file.slice(readAt, end).arrayBuffer().then((b) => new Uint8Array(b));
        // A piece read early and then dropped (a cancelled upload) must not fail unhandled.
        p.catch(() => undefined);
        ahead.push(p);
        readAt = end;
      }
    };
    const sub = api.containers.upload(
      { id, path: dir, name: file.name, size: file.size, ...(folder ? { folder } : {}) },
      {
        async read(max) {
          if (!current.length) {
            readAhead();
            const next = ahead.shift();
            if (!next) return null;
            current = await next;
            readAhead();
          }
          const bytes = current.length > max ? current.subarray(0, max) : current;
          current = current.subarray(bytes.length);
          return bytes;
        },
        progress: onProgress,
        done: (res) => {
          signal?.removeEventListener('abort', onAbort);
          onProgress(res.size);
          resolve(res);
        },
        error: (err) => {
          signal?.removeEventListener('abort', onAbort);
          reject(err);
        },
      },
    );
    const onAbort = () => {
      sub.dispose();
      reject(cancelled());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A File (a Blob with a name): what the browser can send as a request body without reading it. */
export type UploadFile = Blob & { name: string };

/**
 * Browser mode: upload a File with one XMLHttpRequest PUT to the back end's HTTP byte path
 * (server/byte-http.ts). The browser streams the file from disk itself; its upload progress events
 * report the bytes sent. XHR rather than fetch: fetch has no upload progress. Aborting `signal`
 * aborts the request, which cancels the upload on the back end.
 */
export function uploadFileOverHttp(
  args: { id: string; dir: string; file: UploadFile; folder?: string },
  onProgress: (sent: number) => void,
  signal?: AbortSignal,
  makeRequest: () => XMLHttpRequest = () => new XMLHttpRequest(),
): Promise<UploadDone> {
  const { id, dir, file, folder } = args;
  return new Promise<UploadDone>((resolve, reject) => {
    const cancelled = () => new BerthError('CANCELLED', 'The upload was cancelled');
    if (signal?.aborted) return reject(cancelled());
    const xhr = makeRequest();
    const onAbort = () => xhr.abort();
    const settle = () => signal?.removeEventListener('abort', onAbort);
    xhr.open('PUT', bytesUrl('containers.upload', { id, path: dir, name: file.name, size: file.size, ...(folder ? { folder } : {}) }));
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      settle();
      const text = typeof xhr.responseText === 'string' ? xhr.responseText : '';
      if (xhr.status !== 200) return reject(errorFromAnswer(xhr.status, text, xhr.getResponseHeader(ERROR_HEADER)));
      try {
        const { value } = JSON.parse(text) as { value: UploadDone };
        onProgress(value.size);
        resolve(value);
      } catch {
        reject(new BerthError('TRANSPORT', 'Berth answered the upload with something that is not its result'));
      }
    };
    xhr.onerror = () => {
      settle();
      reject(new BerthError('TRANSPORT', 'The upload failed: the connection to Berth was lost'));
    };
    xhr.onabort = () => {
      settle();
      reject(cancelled());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    xhr.send(file);
  });
}
