import { useSyncExternalStore } from 'react';
import { parseHash, type RouteId } from './routes.js';

const subscribe = (cb: () => void) => {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
};

/** The page named by location.hash, re-rendering on hashchange. */
export function useHashRoute(): RouteId {
  return useSyncExternalStore(subscribe, () => parseHash(window.location.hash));
}
