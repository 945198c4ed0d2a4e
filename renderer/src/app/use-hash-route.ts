import { useSyncExternalStore } from 'react';
import { hashQueryParam, parseHash, parseHashParams, type RouteId } from './routes.js';

const subscribe = (cb: () => void) => {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
};

/** The page named by location.hash, re-rendering on hashchange. */
export function useHashRoute(): RouteId {
  return useSyncExternalStore(subscribe, () => parseHash(window.location.hash));
}

/** The rest of the hash path after the page id, e.g. a container id and a tab. */
export function useHashParams(): string[] {
  const raw = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseHashParams(raw);
}

/** One value of the hash's query (`?tag=web%3A1`), re-rendering on hashchange. */
export function useHashQueryParam(key: string): string | undefined {
  return useSyncExternalStore(subscribe, () => hashQueryParam(window.location.hash, key));
}
