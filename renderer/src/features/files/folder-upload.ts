import { joinContainerPath } from '../../../../contract/domains/container-files.js';
import type { FileEntry } from '../../../../contract/models/container-files.js';
import { messageOf } from '../../lib/error-message.js';

/** One file of a folder upload and the folder it goes in, relative to the target (`site/css`). */
export interface FolderFile<F> {
  file: F;
  folder: string;
}

/** One folder being uploaded: its name (the top folder) and every file in its tree. */
export interface FolderUpload<F> {
  top: string;
  files: FolderFile<F>[];
  /**
   * Folders of the tree with no file anywhere below them (`site/img/new`), made as folders: the files'
   * uploads make every other folder. Known for a dropped folder only: a folder picker lists files only.
   */
  empty?: string[];
}

/** The folder part of a relative path: `site/css/a.css` → `site/css`; undefined for a bare name or a bad path. */
export function folderOf(relativePath: string): string | undefined {
  const parts = relativePath.split('/').filter(Boolean);
  if (parts.length < 2 || parts.some((p) => p === '.' || p === '..')) return undefined;
  return parts.slice(0, -1).join('/');
}

/** Files picked with `<input webkitdirectory>`, grouped by their top folder (File.webkitRelativePath keeps the tree). */
export function folderUploads<F extends { webkitRelativePath: string }>(files: readonly F[]): FolderUpload<F>[] {
  const byTop = new Map<string, FolderFile<F>[]>();
  for (const file of files) {
    const folder = folderOf(file.webkitRelativePath);
    if (!folder) continue;
    const top = folder.split('/')[0]!;
    byTop.set(top, [...(byTop.get(top) ?? []), { file, folder }]);
  }
  return [...byTop].map(([top, list]) => ({ top, files: list }));
}

/** What a folder upload meets in the target: nothing (upload), a folder (merge into it, if the user says so), or anything else (refused). */
export function folderUploadMeets(top: string, entries: readonly FileEntry[]): 'fresh' | 'merge' | 'refused' {
  const kind = entries.find((e) => e.name === top)?.kind;
  return kind === undefined ? 'fresh' : kind === 'dir' ? 'merge' : 'refused';
}

/** Why a folder cannot be uploaded over the file `name` in `dir` (the back end's wording). */
export function fileClashMessage(dir: string, name: string): string {
  return `${joinContainerPath(dir, name)} is a file; a folder cannot replace it. Rename the folder or remove the file first.`;
}

/** Run `work` on every item, at most `limit` at a time; resolves when all have settled. */
export async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item).catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/** The parts of the File System API (DataTransferItem.webkitGetAsEntry) a dropped folder is read with. */
export interface DroppedEntry {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  /** `/site/css/a.css`: the path from the drop. */
  fullPath: string;
  file?(ok: (f: File) => void, fail: (e: unknown) => void): void;
  createReader?(): { readEntries(ok: (entries: DroppedEntry[]) => void, fail: (e: unknown) => void): void };
}

/**
 * Read what was dropped: loose files, and each dropped folder's whole tree as a folder upload.
 * A folder's reader answers in batches (Chrome: 100 entries), so it is read until it answers none.
 */
export async function readDropped(entries: readonly DroppedEntry[]): Promise<{ files: File[]; folders: FolderUpload<File>[] }> {
  const files: File[] = [];
  const folders: FolderUpload<File>[] = [];
  const fileOf = (e: DroppedEntry) => new Promise<File>((ok, fail) => e.file!(ok, fail));
  /** Reads the tree below `dir` into `into`, and the folders without a file below them into `empty`; true when it holds a file. */
  const walk = async (dir: DroppedEntry, into: FolderFile<File>[], empty: string[]): Promise<boolean> => {
    const reader = dir.createReader!();
    let holdsFile = false;
    for (;;) {
      const batch = await new Promise<DroppedEntry[]>((ok, fail) => reader.readEntries(ok, fail));
      if (!batch.length) break;
      for (const e of batch) {
        if (e.isDirectory) {
          const below = empty.length;
          if (await walk(e, into, empty)) holdsFile = true;
          // Listed parent first, so each is made inside a folder that exists.
          else empty.splice(below, 0, e.fullPath.replace(/^\/+/, ''));
        } else if (e.isFile) {
          const folder = folderOf(e.fullPath);
          if (folder) into.push({ file: await fileOf(e), folder });
          holdsFile = true;
        }
      }
    }
    return holdsFile;
  };
  for (const e of entries) {
    if (e.isFile) files.push(await fileOf(e));
    else if (e.isDirectory) {
      const list: FolderFile<File>[] = [];
      const empty: string[] = [];
      await walk(e, list, empty);
      folders.push({ top: e.name, files: list, ...(empty.length ? { empty } : {}) });
    }
  }
  return { files, folders };
}

/**
 * Make a folder upload's empty folders in `dir`, parents first (each is `mkdir`ed in the one above it),
 * once its files are in. One already there is fine (a merge); any other failure is reported.
 */
export async function makeEmptyFolders(
  mkdir: (args: { path: string; folder: string }) => Promise<unknown>,
  dir: string,
  paths: readonly string[],
  onError: (message: string) => void,
): Promise<void> {
  for (const rel of paths) {
    const parts = rel.split('/');
    const leaf = parts.pop()!;
    try {
      await mkdir({ path: parts.length ? joinContainerPath(dir, parts.join('/')) : dir, folder: leaf });
    } catch (err) {
      if ((err as { code?: string }).code !== 'CONFLICT') onError(messageOf(err));
    }
  }
}
