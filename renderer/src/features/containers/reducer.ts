import type { ContainerChange, ContainerSummary } from '../../../../contract/index.js';

export type ContainerMap = ReadonlyMap<string, ContainerSummary>;

/**
 * Applies a batch of changes from `containers.watch` to the list, keyed by id: a snapshot replaces
 * everything, an upsert adds or replaces one container, a remove deletes one. Pure and idempotent;
 * the input is never mutated, and when nothing changed the same map comes back (no re-render).
 */
export function reduceContainers(map: ContainerMap, changes: readonly ContainerChange[]): ContainerMap {
  let out: Map<string, ContainerSummary> | undefined;
  const writable = () => (out ??= new Map(map));
  for (const change of changes) {
    switch (change.kind) {
      case 'snapshot':
        out = new Map();
        for (const c of change.containers) if (typeof c?.id === 'string') out.set(c.id, c);
        break;
      case 'upsert':
        if (typeof change.container?.id === 'string') writable().set(change.container.id, change.container);
        break;
      case 'remove':
        if ((out ?? map).has(change.id)) writable().delete(change.id);
        break;
    }
  }
  return out ?? map;
}
