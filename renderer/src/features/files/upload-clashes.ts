import { joinContainerPath } from '../../../../contract/domains/container-files.js';
import type { FileEntry } from '../../../../contract/models/container-files.js';

/** Uploads into one folder, sorted by what their name meets there. */
export interface UploadPlan<F> {
  /** Names not taken: upload at once. */
  fresh: F[];
  /** Names of existing files (or links): replaced only if the user says so. */
  replace: F[];
  /** Names of existing folders: a file never replaces a folder (it would delete all it holds). */
  refused: F[];
}

/** Sort `files` about to be uploaded into `entries` (the folder's listing). */
export function planUploads<F extends { name: string }>(files: readonly F[], entries: readonly FileEntry[]): UploadPlan<F> {
  const kinds = new Map(entries.map((e) => [e.name, e.kind]));
  const plan: UploadPlan<F> = { fresh: [], replace: [], refused: [] };
  for (const f of files) {
    const kind = kinds.get(f.name);
    (kind === undefined ? plan.fresh : kind === 'dir' ? plan.refused : plan.replace).push(f);
  }
  return plan;
}

/** Why a file cannot be uploaded over the folder `name` in `dir`. */
export function folderClashMessage(dir: string, name: string): string {
  return `${joinContainerPath(dir, name)} is a folder; a file cannot replace it. Rename the file or remove the folder first.`;
}

/** A question an upload raised about `dir`: its `key` list waits for the user's word. */
export type UploadQuestion<K extends string, T> = { dir: string } & Record<K, T[]>;

/**
 * The questions waiting once a new upload into `dir` asks about `items` too. One the user has not
 * answered is never dropped: a later upload (into any folder) adds to the list. Into the same folder, its
 * items join that folder's question, a newer item of the same name taking the older one's place.
 */
export function askAlso<K extends string, T>(
  pending: readonly UploadQuestion<K, T>[],
  key: K,
  dir: string,
  items: readonly T[],
  nameOf: (item: T) => string,
): UploadQuestion<K, T>[] {
  if (!items.length) return [...pending];
  const same = pending.find((q) => q.dir === dir);
  if (!same) return [...pending, { dir, [key]: [...items] } as UploadQuestion<K, T>];
  const names = new Set(items.map(nameOf));
  const joined = { ...same, [key]: [...same[key].filter((i) => !names.has(nameOf(i))), ...items] };
  return pending.map((q) => (q === same ? joined : q));
}
