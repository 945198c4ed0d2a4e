import { useEffect, useState } from 'react';
import type { Change } from '../../../../contract/model.js';
import type { VolumeSizes, VolumeSummary } from '../../../../contract/models/volumes.js';
import { useApi, useAppStore } from '../../app/runtime-context.js';
import { hasSnapshot, reduceLive, type LiveMap } from '../../lib/live-collection.js';
import { subscribeResilient } from '../../lib/resilient-stream.js';
import { selectRunningKey } from '../docker-engine/selectors.js';

export interface LiveVolumes {
  volumes: LiveMap<VolumeSummary>;
  phase: 'idle' | 'loading' | 'live' | 'error';
  error?: string;
}

const EMPTY: LiveMap<VolumeSummary> = new Map();
/** performance.mark set when the first snapshot reaches the page (the bench measures from it to the rows). */
export const VOLUMES_SNAPSHOT_MARK = 'berth:volumes-snapshot';
const byName = (v: VolumeSummary) => v.name;

/** The live volume list while a page needs it (and `active`): volumes.watch applied by the one live reducer. */
export function useLiveVolumes(active = true): LiveVolumes {
  const api = useApi();
  const engineKey = useAppStore(selectRunningKey);
  const [live, setLive] = useState<LiveVolumes>({ volumes: EMPTY, phase: 'idle' });

  useEffect(() => {
    if (engineKey === null || !active) {
      setLive({ volumes: EMPTY, phase: 'idle' });
      return;
    }
    setLive({ volumes: EMPTY, phase: 'loading' });
    const sub = subscribeResilient<Change<VolumeSummary>>((h) => api.volumes.watch({}, h), {
      next(changes) {
        if (hasSnapshot(changes) && !performance.getEntriesByName(VOLUMES_SNAPSHOT_MARK).length) performance.mark(VOLUMES_SNAPSHOT_MARK);
        setLive((s) => {
          const volumes = reduceLive(s.volumes, changes, byName);
          if (hasSnapshot(changes)) return { volumes, phase: 'live' };
          return volumes === s.volumes ? s : { ...s, volumes };
        });
      },
      error(err) {
        setLive((s) => ({ ...s, phase: 'error', error: err.message }));
      },
    });
    return () => sub.dispose();
  }, [api, engineKey, active]);

  return live;
}

const NO_SIZES: VolumeSizes = { sizes: {}, measuring: false };

/** Sizes as the back end measures them (on demand, and after events that change them), with `measure()`. */
export function useVolumeSizes(): { sizes: VolumeSizes; measure(): void } {
  const api = useApi();
  const engineKey = useAppStore(selectRunningKey);
  const [sizes, setSizes] = useState<VolumeSizes>(NO_SIZES);
  useEffect(() => {
    if (engineKey === null) return;
    const sub = subscribeResilient<VolumeSizes>((h) => api.volumes.sizes({}, h), {
      next: (batch) => {
        const last = batch.at(-1);
        if (last) setSizes(last);
      },
    });
    return () => sub.dispose();
  }, [api, engineKey]);
  return {
    sizes,
    measure: () => {
      api.volumes.measure({}).then(setSizes, () => undefined);
    },
  };
}
