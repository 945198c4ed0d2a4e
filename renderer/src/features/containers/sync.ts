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
 * Watches the container list while an engine runs (and, in a fresh window, before the engine status is
 * known: see `provisional`): containers.watch sends a snapshot then deltas,
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
  /**
   * A fresh window does not wait for the engine status before it asks for the list: the watch opens at
   * once (one round trip sooner, bench/first-row.ts) and is adopted when the status says an engine runs.
   * Until then its errors are not shown (the engine may simply be down); any other status drops it.
   */
  let provisional = false;

  const open = () => {
    watch = subscribeResilient<Change<ContainerSummary>>((h) => api.containers.watch({}, h), {
      next(changes) {
        hooks.onAlive();
        // For bench/list-scale.ts: when the snapshot reached the page (paired with the table's mark).
        if (hasSnapshot(changes)) globalThis.performance?.mark?.(SNAPSHOT_MARK);
        store.getState().applyContainerChanges(changes);
      },
      error(err) {
        hooks.onAlive();
        if (provisional) {
          // Let the engine status decide; a running engine then opens a new watch.
          watch?.dispose();
          watch = undefined;
          return;
        }
        store.getState().containersFailed(err.message);
      },
    });
  };

  const follow = (state: ContainersSlice & EngineState) => {
    const next = selectRunningKey(state);
    if (provisional) {
      if (state.engineStatus === undefined) return;
      provisional = false;
      if (next !== null && watch) {
        key = next;
        return;
      }
      watch?.dispose();
      watch = undefined;
      if (next === null) {
        state.containersReset();
        return;
      }
    }
    if (next === key) return;
    key = next;
    watch?.dispose();
    watch = undefined;
    if (next === null) {
      state.containersReset();
      return;
    }
    state.containersLoading();
    open();
  };

  const unsubscribe = store.subscribe((state) => follow(state));
  if (store.getState().engineStatus === undefined) {
    provisional = true;
    store.getState().containersLoading();
    open();
  } else follow(store.getState());
  return {
    dispose() {
      unsubscribe();
      watch?.dispose();
      watch = undefined;
    },
  };
}
