import { useEffect, useState } from 'react';
import type { NetworkChoice } from '../../../../contract/models/container-run.js';
import { useApi } from '../../app/runtime-context.js';
import { describeFailure } from './run-errors.js';

/** The engine's networks, read once when the dialog opens. */
export function useNetworks(): { networks: NetworkChoice[]; error?: string } {
  const api = useApi();
  const [state, setState] = useState<{ networks: NetworkChoice[]; error?: string }>({ networks: [] });
  useEffect(() => {
    let live = true;
    api.containers.networks({}).then(
      (networks) => live && setState({ networks }),
      (err: unknown) => live && setState({ networks: [], error: `Networks could not be listed: ${describeFailure(err).message}` }),
    );
    return () => {
      live = false;
    };
  }, [api]);
  return state;
}
