import type { Change } from '../../../contract/index.js';

/** A live collection in the UI, by key. */
export type LiveMap<T> = ReadonlyMap<string, T>;

/** Items keyed by their `id` (containers, images, networks). */
export const byId = (item: { id: string }): string => item.id;

/** True when the batch holds a snapshot: the list is (again) complete and in sync. */
export const hasSnapshot = (changes: readonly Change<unknown>[]): boolean => changes.some((c) => c.kind === 'snapshot');

/**
 * The UI's one reducer for a `watch` stream (containers and images now; volumes, networks and compose
 * projects next): a snapshot replaces everything (first, and as the resync after the back end may have
 * missed events), an upsert adds or replaces one item by key, a remove deletes one. Pure: the input is
 * never mutated, and when nothing changed the same map comes back (no re-render). An item without a
 * string key is skipped.
 */
export function reduceLive<T>(map: LiveMap<T>, changes: readonly Change<T>[], key: (item: T) => string): LiveMap<T> {
  let out: Map<string, T> | undefined;
  const writable = () => (out ??= new Map(map));
  for (const change of changes) {
    switch (change.kind) {
      case 'snapshot':
        out = new Map();
        for (const item of change.items) {
          const k = item == null ? undefined : key(item);
          if (typeof k === 'string') out.set(k, item);
        }
        break;
      case 'upsert': {
        const k = change.item == null ? undefined : key(change.item);
        if (typeof k === 'string') writable().set(k, change.item);
        break;
      }
      case 'remove':
        if ((out ?? map).has(change.id)) writable().delete(change.id);
        break;
    }
  }
  return out ?? map;
}
