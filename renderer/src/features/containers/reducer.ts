import type { Change, ContainerSummary } from '../../../../contract/index.js';
import { byId, reduceLive, type LiveMap } from '../../lib/live-collection.js';

export type ContainerMap = LiveMap<ContainerSummary>;

/** Applies a batch of changes from `containers.watch` to the list, keyed by id (see lib/live-collection.ts). */
export function reduceContainers(map: ContainerMap, changes: readonly Change<ContainerSummary>[]): ContainerMap {
  return reduceLive(map, changes, byId);
}
