import { z } from 'zod';
import { method, stream } from '../define.js';
import type { DirListing, DownloadEvent, FileChange, UploadDone, UploadProgress, UploadStarted } from '../models/container-files.js';

/** Limits shared by both ends. */
export const FILES_LIMITS = {
  /** Largest download chunk (decoded bytes). */
  downloadChunkBytes: 256 * 1024,
  /** Largest upload chunk (decoded bytes). */
  uploadChunkBytes: 512 * 1024,
  /** Largest single upload. */
  maxUploadBytes: 8 * 1024 * 1024 * 1024,
  /** Longest path accepted. */
  maxPathLength: 4096,
} as const;

/**
 * Normalise an absolute container path: collapse `//`, resolve `.` and `..` (never above `/`), drop a
 * trailing slash. `/www/../bin/` → `/bin`. The input must already start with `/`.
 */
export function normalizeContainerPath(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

/** Join a directory and an entry name: joinContainerPath('/www', 'index.html') → '/www/index.html'. */
export function joinContainerPath(dir: string, name: string): string {
  return normalizeContainerPath(`${dir}/${name}`);
}

/** The parent of an absolute path (`/` for `/`). */
export function parentContainerPath(path: string): string {
  const p = normalizeContainerPath(path);
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

/** An absolute path inside the container, normalised by the schema. */
export const containerPathSchema = z
  .string({ error: 'expected an absolute path inside the container' })
  .min(1, { error: 'a path is required' })
  .max(FILES_LIMITS.maxPathLength, { error: `is too long (at most ${FILES_LIMITS.maxPathLength} characters)` })
  .refine((p) => !p.includes('\0'), { error: 'must not contain a NUL character' })
  .refine((p) => p.startsWith('/'), { error: 'must be an absolute path (start with "/")' })
  .transform(normalizeContainerPath);

/** A file name (one path segment). */
export const fileNameSchema = z
  .string({ error: 'expected a file name' })
  .min(1, { error: 'a file name is required' })
  .max(255, { error: 'is too long (at most 255 characters)' })
  .refine((n) => !n.includes('/') && !n.includes('\0'), { error: 'must not contain "/" or a NUL character' })
  .refine((n) => n !== '.' && n !== '..', { error: 'must not be "." or ".."' });

const containerId = z
  .string({ error: 'expected a container id or name' })
  .trim()
  .min(1, { error: 'a container id or name is required' })
  .max(256, { error: 'is too long for a container id or name' })
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, { error: 'is not a valid container id or name' });

const transferId = z
  .string({ error: 'expected a transfer id' })
  .regex(/^[a-f0-9]{32}$/, { error: 'is not a valid transfer id' });

/** Base64 of at most `uploadChunkBytes` bytes. */
const maxBase64 = Math.ceil(FILES_LIMITS.uploadChunkBytes / 3) * 4;
const base64Chunk = z
  .string({ error: 'expected base64 data' })
  .max(maxBase64, { error: `is larger than ${FILES_LIMITS.uploadChunkBytes / 1024} KiB once decoded` })
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'is not valid base64' })
  .refine((s) => s.length % 4 === 0, { error: 'is not valid base64 (length must be a multiple of 4)' });

/** The container's filesystem: browse, download, upload, diff. Works on stopped containers too. */
export const containerFilesApi = {
  /** The entries of one directory (archive API: works on running and stopped containers). */
  listDir: method<DirListing>()(z.object({ id: containerId, path: containerPathSchema }).strict()),
  /** A file (its bytes) or a directory (a tar), as base64 chunks; flow-controlled by downloadAck. */
  download: stream<DownloadEvent>()(z.object({ id: containerId, path: containerPathSchema }).strict()),
  /** The client has received `received` bytes of download `downloadId`: the back end may send more. */
  downloadAck: method<null>()(
    z.object({ downloadId: transferId, received: z.number({ error: 'expected a byte count' }).int().min(0, { error: 'must be 0 or more' }) }).strict(),
  ),
  /** Start uploading a file of `size` bytes named `name` into directory `path`. */
  uploadBegin: method<UploadStarted>()(
    z
      .object({
        id: containerId,
        path: containerPathSchema,
        name: fileNameSchema,
        size: z
          .number({ error: 'expected a size in bytes' })
          .int({ error: 'must be a whole number of bytes' })
          .min(0, { error: 'must be 0 or more' })
          .max(FILES_LIMITS.maxUploadBytes, { error: `is larger than the ${FILES_LIMITS.maxUploadBytes / 1024 ** 3} GiB upload limit` }),
      })
      .strict(),
  ),
  /** Chunk number `index` (0, 1, 2… in order) of an upload. */
  uploadChunk: method<UploadProgress>()(
    z
      .object({
        uploadId: transferId,
        index: z.number({ error: 'expected a chunk index' }).int({ error: 'must be a whole number' }).min(0, { error: 'must be 0 or more' }),
        dataBase64: base64Chunk,
      })
      .strict(),
  ),
  /** All chunks sent: write the file into the container. */
  uploadEnd: method<UploadDone>()(z.object({ uploadId: transferId }).strict()),
  /** Abandon an upload (its temporary data is deleted). */
  uploadCancel: method<null>()(z.object({ uploadId: transferId }).strict()),
  /** What changed in the container's filesystem against its image (`docker diff`). */
  diff: method<FileChange[]>()(z.object({ id: containerId }).strict()),
};
