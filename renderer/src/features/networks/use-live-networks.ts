import { useEffect, useState } from 'react';
import type { Change } from '../../../../contract/model.js';
import type { NetworkSummary } from '../../../../contract/models/networks.js';
import { useApi, useAppStore } from '../../app/runtime-context.js';
import { byId, hasSnapshot, reduceLive, type LiveMap } from '../../lib/live-collection.js';
import { subscribeResilient } from '../../lib/resilient-stream.js';
import { selectRunningKey } from '../docker-engine/selectors.js';

export interface LiveNetworks {
  networks: LiveMap<NetworkSummary>;
  phase: 'idle' | 'loading' | 'live' | 'error';
  error?: string;
}

const EMPTY: LiveMap<NetworkSummary> = new Map();

/**
 * The live network list while a view that shows it is open: networks.watch (a snapshot, then deltas)
 * applied by the one reducer, reopened when the engine changes, disposed on unmount.
 */
export function useLiveNetworks(): LiveNetworks {
  const api = useApi();
  const engineKey = useAppStore(selectRunningKey);
  const [live, setLive] = useState<LiveNetworks>({ networks: EMPTY, phase: 'idle' });

  useEffect(() => {
    if (engineKey === null) {
      setLive({ networks: EMPTY, phase: 'idle' });
      return;
    }
    setLive({ networks: EMPTY, phase: 'loading' });
    const sub = subscribeResilient<Change<NetworkSummary>>((h) => api.networks.watch({}, h), {
      next(changes) {
        setLive((s) => {
          const networks = reduceLive(s.networks, changes, byId);
          if (hasSnapshot(changes)) return { networks, phase: 'live' };
          return networks === s.networks ? s : { ...s, networks };
        });
      },
      error(err) {
        setLive((s) => ({ ...s, phase: 'error', error: err.message }));
      },
    });
    return () => sub.dispose();
  }, [api, engineKey]);

  return live;
}

/** A network by id, id prefix or name, as the engine resolves a reference. */
export function findNetwork(networks: LiveMap<NetworkSummary>, ref: string): NetworkSummary | undefined {
  const exact = networks.get(ref);
  if (exact) return exact;
  for (const n of networks.values()) if (n.name === ref) return n;
  if (/^[0-9a-f]{6,64}$/.test(ref)) for (const n of networks.values()) if (n.id.startsWith(ref)) return n;
  return undefined;
}
