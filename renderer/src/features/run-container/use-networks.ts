import { useMemo } from 'react';
import type { NetworkChoice } from '../../../../contract/models/container-run.js';
import { useLiveNetworks } from '../networks/use-live-networks.js';

/** The engine's networks, live while the dialog is open (one created meanwhile shows up at once). */
export function useNetworks(): { networks: NetworkChoice[]; error?: string } {
  const live = useLiveNetworks();
  const networks = useMemo(
    () =>
      [...live.networks.values()]
        .map((n) => ({ id: n.id, name: n.name, driver: n.driver }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    [live.networks],
  );
  return { networks, error: live.phase === 'error' ? `Networks could not be listed: ${live.error ?? 'unknown reason'}` : undefined };
}
