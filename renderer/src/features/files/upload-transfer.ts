import type { BerthApi } from '../../../../contract/index.js';
import type { UploadDone } from '../../../../contract/models/container-files.js';
import { BerthError } from '../../../../contract/errors.js';

/** What an upload needs from a browser File. */
export interface UploadSource {
  name: string;
  size: number;
  slice(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

/**
 * Upload a file into directory `dir` of container `id` as one byte stream (binary, flow-controlled
 * by the transport: the file is read only as fast as the back end takes it), reporting progress.
 * Aborting `signal` cancels it on the back end.
 */
export function uploadFile(
  api: BerthApi,
  args: { id: string; dir: string; file: UploadSource },
  onProgress: (sent: number) => void,
  signal?: AbortSignal,
): Promise<UploadDone> {
  const { id, dir, file } = args;
  return new Promise<UploadDone>((resolve, reject) => {
    const cancelled = () => new BerthError('CANCELLED', 'The upload was cancelled');
    if (signal?.aborted) return reject(cancelled());
    let offset = 0;
    const sub = api.containers.upload(
      { id, path: dir, name: file.name, size: file.size },
      {
        async read(max) {
          if (offset >= file.size) return null;
          const end = Math.min(offset + max, file.size);
          const bytes = new Uint8Array(await file.slice(offset, end).arrayBuffer());
          offset = end;
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
