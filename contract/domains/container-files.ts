import { z } from 'zod';
import { download, method, upload } from '../define.js';
import type { DirListing, DownloadHead, FileChange, UploadDone } from '../models/container-files.js';
import { containerIdSchema as containerId } from './container-id.js';

/** Limits shared by both ends. */
export const FILES_LIMITS = {
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

/**
 * A folder below the upload's target, as a relative path (`site/css`): each part a file name (no
 * empty part, no `.` or `..`), so an upload never lands outside its target.
 */
export const relativeFolderSchema = z
  .string({ error: 'expected a relative folder path' })
  .min(1, { error: 'a folder is required' })
  .max(FILES_LIMITS.maxPathLength, { error: `is too long (at most ${FILES_LIMITS.maxPathLength} characters)` })
  .refine((f) => f.split('/').every((part) => fileNameSchema.safeParse(part).success), {
    error: 'must be a relative path of folder names (no leading "/", no empty, "." or ".." part)',
  });

/** The container's filesystem: browse, download, upload, new folder, delete, diff. Works on stopped containers too. */
export const containerFilesApi = {
  /** The entries of one directory (archive API: works on running and stopped containers). */
  listDir: method<DirListing>()(z.object({ id: containerId, path: containerPathSchema }).strict()),
  /** A file (its bytes) or a directory (a tar): a head, then the bytes as binary data, flow-controlled. */
  download: download<DownloadHead>()(z.object({ id: containerId, path: containerPathSchema }).strict()),
  /**
   * A file of `size` bytes named `name` into directory `path` (or into `folder` below it, made as
   * needed: a folder upload): the bytes as binary data, then where it was written.
   */
  upload: upload<UploadDone>()(
    z
      .object({
        id: containerId,
        path: containerPathSchema,
        name: fileNameSchema,
        folder: relativeFolderSchema.optional(),
        size: z
          .number({ error: 'expected a size in bytes' })
          .int({ error: 'must be a whole number of bytes' })
          .min(0, { error: 'must be 0 or more' })
          .max(FILES_LIMITS.maxUploadBytes, { error: `is larger than the ${FILES_LIMITS.maxUploadBytes / 1024 ** 3} GiB upload limit` }),
      })
      .strict(),
  ),
  /** Make folder `folder` in directory `path` (archive API: running, stopped or paused); CONFLICT when the name is taken. */
  mkdir: method<{ path: string }>()(z.object({ id: containerId, path: containerPathSchema, folder: fileNameSchema }).strict()),
  /** Delete a file or a folder with all it holds (`rm -rf` inside: the container must run); never `/`. */
  deletePath: method<null>()(
    z.object({ id: containerId, path: containerPathSchema.refine((p) => p !== '/', { error: 'must not be the root folder "/"' }) }).strict(),
  ),
  /** What changed in the container's filesystem against its image (`docker diff`). */
  diff: method<FileChange[]>()(z.object({ id: containerId }).strict()),
};
