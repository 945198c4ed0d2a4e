import type { ContainerState, ContainerSummary } from '../../../../contract/index.js';
import { comparePlain, PLAIN_TEXT } from './compare-plain.js';

export type SortKey = 'name' | 'image' | 'state' | 'created';
export type SortDir = 'asc' | 'desc';

export interface ContainerSort {
  key: SortKey;
  dir: SortDir;
}

export const defaultSort: ContainerSort = { key: 'name', dir: 'asc' };

let collator: Intl.Collator | undefined;

/**
 * Compares names the way people read them ("web-2" before "web-10"), case-insensitively. Names of
 * letters, digits, `_`, `-` and `.` (all container names) are compared without ICU, in the collator's
 * order (compare-plain.ts): building a window's first collator loads ICU data (15–50 ms), which would
 * delay the first row. Other text uses the collator, built on first use; warmContainerFormats() builds
 * it once the list is shown.
 */
export function compareText(a: string, b: string): number {
  if (PLAIN_TEXT.test(a) && PLAIN_TEXT.test(b)) return comparePlain(a, b);
  return (collator ??= new Intl.Collator('en', { numeric: true, sensitivity: 'base' })).compare(a, b);
}

/** Engine ids are lowercase hex: code-point order, which is what localeCompare gives them, without ICU. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Running first, then paused, restarting…, exited and dead last (ascending). */
const stateOrder: Record<ContainerState, number> = { running: 0, paused: 1, restarting: 2, removing: 3, created: 4, exited: 5, dead: 6 };

const byName = (a: ContainerSummary, b: ContainerSummary) => compareText(a.name, b.name) || compareIds(a.id, b.id);

/** A comparator for the sort; ties fall back to the name, so the order is stable and total. */
export function compareBy(sort: ContainerSort): (a: ContainerSummary, b: ContainerSummary) => number {
  const sign = sort.dir === 'asc' ? 1 : -1;
  switch (sort.key) {
    case 'name':
      return (a, b) => sign * byName(a, b);
    case 'image':
      return (a, b) => sign * compareText(a.image, b.image) || byName(a, b);
    case 'state':
      return (a, b) => sign * ((stateOrder[a.state] ?? 9) - (stateOrder[b.state] ?? 9)) || byName(a, b);
    case 'created':
      return (a, b) => sign * (a.created - b.created) || byName(a, b);
  }
}

/** Clicking a header: a new column sorts ascending (created: newest first); the same column flips. */
export function nextSort(current: ContainerSort, key: SortKey): ContainerSort {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: key === 'created' ? 'desc' : 'asc' };
}
