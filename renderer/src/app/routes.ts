export type RouteId = 'containers' | 'compose' | 'images' | 'volumes' | 'networks' | 'registries' | 'disk-usage' | 'recently-removed' | 'engine' | 'settings';

export interface RouteDef {
  id: RouteId;
  label: string;
}

/** The pages, in sidebar order. */
export const routes: readonly RouteDef[] = [
  { id: 'containers', label: 'Containers' },
  { id: 'compose', label: 'Compose' },
  { id: 'images', label: 'Images' },
  { id: 'volumes', label: 'Volumes' },
  { id: 'networks', label: 'Networks' },
  { id: 'registries', label: 'Registries' },
  { id: 'disk-usage', label: 'Disk usage' },
  // Its own page: it holds removed volumes as well as containers, and a volume's user never looked under Containers.
  { id: 'recently-removed', label: 'Recently removed' },
  { id: 'engine', label: 'Engine' },
  { id: 'settings', label: 'Settings' },
];

export const defaultRoute: RouteId = 'containers';

/**
 * Where pages used to be, and where they are now: old links and bookmarks still land on the page
 * (Recently removed was `#/containers/recently-removed` until it got its own place in the sidebar).
 */
const movedPages: readonly { from: RegExp; to: string }[] = [{ from: /^#\/?containers\/recently-removed(?=$|[/?])/i, to: '#/recently-removed' }];

/** The hash a page has now, for one it had before (`#/containers/recently-removed?x` → `#/recently-removed?x`); the hash itself otherwise. */
export function currentHash(hash: string): string {
  for (const m of movedPages) if (m.from.test(hash)) return hash.replace(m.from, m.to);
  return hash;
}

/** `#/engine` → 'engine'. Anything unknown (or no hash) is the default page. */
export function parseHash(hash: string): RouteId {
  const id = currentHash(hash).replace(/^#\/?/, '').split(/[/?]/)[0]?.toLowerCase() ?? '';
  return routes.find((r) => r.id === id)?.id ?? defaultRoute;
}

export function hrefFor(id: RouteId): string {
  return `#/${id}`;
}

export function labelOf(id: RouteId): string {
  return routes.find((r) => r.id === id)?.label ?? id;
}

/** The path after the page id: `#/containers/abc123/logs` → ['abc123', 'logs']. */
export function parseHashParams(hash: string): string[] {
  return currentHash(hash)
    .replace(/^#\/?/, '')
    .split('?')[0]!
    .split('/')
    .slice(1)
    .filter(Boolean)
    .map((p) => decodeURIComponent(p));
}

/** One value of the hash's query: `#/images/abc/inspect?tag=web%3A1`, 'tag' → 'web:1'; undefined when absent or empty. */
export function hashQueryParam(hash: string, key: string): string | undefined {
  const i = hash.indexOf('?');
  return (i < 0 ? undefined : new URLSearchParams(hash.slice(i + 1)).get(key)) || undefined;
}
