import type { BerthApi, Change, ContainerSummary, Disposable } from '../../../../contract/index.js';
import type { StoreApi } from 'zustand/vanilla';
import { hasSnapshot } from '../../lib/live-collection.js';
import { subscribeResilient } from '../../lib/resilient-stream.js';
import { selectRunningKey } from '../docker-engine/selectors.js';
import type { EngineState } from '../docker-engine/store.js';
import type { ContainersSlice } from './store.js';

/** Performance mark set when a snapshot of the list arrives (see containers-table.tsx's LIST_INTERACTIVE_MARK). */
export const SNAPSHOT_MARK = 'berth:containers-snapshot';

export interface SyncHooks {
  onAlive(): void;
}

/**
 * Watches the container list while an engine runs: containers.watch sends a snapshot then deltas,
 * applied by the store's reducer (never a refetch). The watch is disposed when the engine stops and
 * opened again, from a fresh snapshot, when an engine (or another endpoint) comes up. A watch the back
 * end ends is reopened with backoff; a transport reconnect is handled by the client, which re-sends it.
 */
export interface ContainersSyncApi {
  containers: Pick<BerthApi['containers'], 'watch'>;
}

export function startContainersSync(
  api: ContainersSyncApi,
  store: StoreApi<ContainersSlice & EngineState>,
  hooks: SyncHooks,
): Disposable {
  let key: string | null = null;
  let watch: Disposable | undefined;

  const follow = (state: ContainersSlice & EngineState) => {
    const next = selectRunningKey(state);
    if (next === key) return;
    key = next;
    watch?.dispose();
    watch = undefined;
    if (next === null) {
      state.containersReset();
      return;
    }
    state.containersLoading();
    watch = subscribeResilient<Change<ContainerSummary>>((h) => api.containers.watch({}, h), {
      next(changes) {
        hooks.onAlive();
        // For bench/list-scale.ts: when the snapshot reached the page (paired with the table's mark).
        if (hasSnapshot(changes)) globalThis.performance?.mark?.(SNAPSHOT_MARK);
        store.getState().applyContainerChanges(changes);
      },
      error(err) {
        hooks.onAlive();
        store.getState().containersFailed(err.message);
      },
    });
  };

  const unsubscribe = store.subscribe((state) => follow(state));
  follow(store.getState());
  return {
    dispose() {
      unsubscribe();
      watch?.dispose();
      watch = undefined;
    },
  };
}
