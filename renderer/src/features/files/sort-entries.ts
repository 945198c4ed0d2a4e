import type { FileEntry } from '../../../../contract/models/container-files.js';

export type SortKey = 'name' | 'size' | 'mtime';
export interface SortOrder {
  key: SortKey;
  dir: 'asc' | 'desc';
}

/** Folders stay first; within each group, by the chosen column (ties by name). Returns a new array. */
export function sortFileEntries(entries: readonly FileEntry[], order: SortOrder): FileEntry[] {
  const sign = order.dir === 'asc' ? 1 : -1;
  const byName = (a: FileEntry, b: FileEntry) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const rank = (e: FileEntry) => (e.kind === 'dir' ? 0 : 1);
  return [...entries].sort((a, b) => {
    const group = rank(a) - rank(b);
    if (group) return group;
    const primary = order.key === 'name' ? byName(a, b) : order.key === 'size' ? a.size - b.size : a.mtime - b.mtime;
    return sign * (primary || byName(a, b));
  });
}

/** The order after a click on `key`'s header: the same column turns round; another starts by name A→Z, else largest or newest first. */
export function nextSortOrder(order: SortOrder, key: SortKey): SortOrder {
  if (order.key === key) return { key, dir: order.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: key === 'name' ? 'asc' : 'desc' };
}
