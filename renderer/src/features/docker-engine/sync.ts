import type { BerthApi, Disposable, EngineStatus, PortForwardsView } from '../../../../contract/index.js';
import type { StoreApi } from 'zustand/vanilla';
import { subscribeResilient } from '../../lib/resilient-stream.js';
import { selectRunningKey } from './selectors.js';
import type { EngineSlice } from './store.js';
import { messageOf } from '../../lib/error-message.js';

export interface EngineSync extends Disposable {
  /** Fetch engine.info again (the Engine page calls it on open and from its Refresh button). */
  refreshInfo(): void;
}

export interface SyncHooks {
  /** Something arrived from the back end. */
  onAlive(): void;
}

/**
 * Keeps the engine slice in step with the back end: the status is pushed by engine.statusChanges
 * (reopened if the back end ends it); engine.info is fetched each time an engine comes up.
 */
/** The part of the API this sync uses (narrow, so tests can fake it). */
export interface EngineSyncApi {
  engine: Pick<BerthApi['engine'], 'statusChanges' | 'info'> & Partial<Pick<BerthApi['engine'], 'portForwards'>>;
}

export function startEngineSync(api: EngineSyncApi, store: StoreApi<EngineSlice>, hooks: SyncHooks): EngineSync {
  let disposed = false;
  let infoRequest = 0;

  const refreshInfo = () => {
    if (disposed) return;
    const mine = ++infoRequest;
    store.getState().engineInfoLoading();
    api.engine.info({}).then(
      (info) => {
        if (!disposed && mine === infoRequest) store.getState().engineInfoLoaded(info);
      },
      (err: unknown) => {
        if (!disposed && mine === infoRequest) store.getState().engineInfoFailed(messageOf(err));
      },
    );
  };

  const status = subscribeResilient<EngineStatus>((h) => api.engine.statusChanges({}, h), {
    next(events) {
      hooks.onAlive();
      const last = events.at(-1);
      if (last) store.getState().setEngineStatus(last);
    },
    error(err) {
      hooks.onAlive();
      store.getState().engineStatusFailed(err.message);
    },
  });

  // Forwards from Berth's VM (and taken host ports), for the containers' rows and Ports tabs.
  const portForwards = api.engine.portForwards;
  const forwards = portForwards
    ? subscribeResilient<PortForwardsView>((h) => portForwards({}, h), {
        next(views) {
          const last = views.at(-1);
          if (last) store.getState().setPortForwards(last);
        },
      })
    : undefined;

  let runningKey = selectRunningKey(store.getState());
  const unsubscribe = store.subscribe((state) => {
    const key = selectRunningKey(state);
    if (key === runningKey) return;
    runningKey = key;
    if (key !== null) refreshInfo();
  });

  return {
    refreshInfo,
    dispose() {
      disposed = true;
      unsubscribe();
      status.dispose();
      forwards?.dispose();
    },
  };
}
