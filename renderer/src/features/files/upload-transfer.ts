import type { BerthApi } from '../../../../contract/index.js';
import type { UploadDone } from '../../../../contract/models/container-files.js';
import { BerthError } from '../../../../contract/errors.js';
import { bytesToBase64 } from './base64.js';

/** Chunks sent before the first answer is awaited. */
const IN_FLIGHT = 4;

/** What an upload needs from a browser File. */
export interface UploadSource {
  name: string;
  size: number;
  slice(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

/**
 * Upload a file into directory `dir` of container `id` in chunks (begin, chunk…, end), reporting
 * progress. Aborting `signal` cancels it on the back end (its temporary data is deleted).
 */
export async function uploadFile(
  api: BerthApi,
  args: { id: string; dir: string; file: UploadSource },
  onProgress: (sent: number) => void,
  signal?: AbortSignal,
): Promise<UploadDone> {
  const { id, dir, file } = args;
  const { uploadId, maxChunkBytes } = await api.containers.uploadBegin({ id, path: dir, name: file.name, size: file.size });
  try {
    // A few chunks in flight at once (the back end checks their order as they arrive): the
    // round trips overlap instead of adding up.
    const inflight: Promise<void>[] = [];
    let failure: unknown;
    let best = 0;
    for (let index = 0, off = 0; off < file.size; index++, off += maxChunkBytes) {
      if (signal?.aborted) throw new BerthError('CANCELLED', 'The upload was cancelled');
      if (failure) throw failure;
      const bytes = new Uint8Array(await file.slice(off, Math.min(off + maxChunkBytes, file.size)).arrayBuffer());
      const sent = api.containers.uploadChunk({ uploadId, index, dataBase64: bytesToBase64(bytes) }).then(
        ({ received }) => {
          best = Math.max(best, received);
          onProgress(best);
        },
        (err: unknown) => {
          failure ??= err;
        },
      );
      inflight.push(sent);
      if (inflight.length >= IN_FLIGHT) await inflight.shift();
    }
    await Promise.all(inflight);
    if (failure) throw failure;
    if (signal?.aborted) throw new BerthError('CANCELLED', 'The upload was cancelled');
    return await api.containers.uploadEnd({ uploadId });
  } catch (err) {
    await api.containers.uploadCancel({ uploadId }).catch(() => undefined);
    throw err;
  }
}
