import type { ContainerState, ContainerSummary } from '../../../../contract/index.js';

export type SortKey = 'name' | 'image' | 'state' | 'created';
export type SortDir = 'asc' | 'desc';

export interface ContainerSort {
  key: SortKey;
  dir: SortDir;
}

export const defaultSort: ContainerSort = { key: 'name', dir: 'asc' };

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Running first, then paused, restarting…, exited and dead last (ascending). */
const stateOrder: Record<ContainerState, number> = { running: 0, paused: 1, restarting: 2, removing: 3, created: 4, exited: 5, dead: 6 };

const byName = (a: ContainerSummary, b: ContainerSummary) => collator.compare(a.name, b.name) || a.id.localeCompare(b.id);

/** A comparator for the sort; ties fall back to the name, so the order is stable and total. */
export function compareBy(sort: ContainerSort): (a: ContainerSummary, b: ContainerSummary) => number {
  const sign = sort.dir === 'asc' ? 1 : -1;
  switch (sort.key) {
    case 'name':
      return (a, b) => sign * byName(a, b);
    case 'image':
      return (a, b) => sign * collator.compare(a.image, b.image) || byName(a, b);
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
