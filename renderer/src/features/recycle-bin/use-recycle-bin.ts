import { useEffect, useState } from 'react';
import type { RecycleBinListing } from '../../../../contract/models/recycle-bin.js';
import { useApi, useAppStore } from '../../app/runtime-context.js';
import { subscribeResilient } from '../../lib/resilient-stream.js';
import { selectRunningKey } from '../docker-engine/selectors.js';

export interface RecycleBinView {
  listing?: RecycleBinListing;
  error?: string;
}

/**
 * The recycle bin, live: `recycleBin.watch` pushes the listing on every change (no polling). The
 * subscription is disposed on unmount and re-opened when the engine changes.
 */
export function useRecycleBin(): RecycleBinView {
  const api = useApi();
  const engineKey = useAppStore(selectRunningKey);
  const [view, setView] = useState<RecycleBinView>({});
  useEffect(() => {
    const sub = subscribeResilient<RecycleBinListing>((h) => api.recycleBin.watch({}, h), {
      next(listings) {
        const last = listings[listings.length - 1];
        if (last) setView({ listing: last });
      },
      error(err) {
        setView((v) => ({ ...v, error: err.message }));
      },
    });
    return () => sub.dispose();
  }, [api, engineKey]);
  return view;
}
