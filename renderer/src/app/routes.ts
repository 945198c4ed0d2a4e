export type RouteId = 'containers' | 'compose' | 'images' | 'volumes' | 'networks' | 'registries' | 'disk-usage' | 'engine' | 'settings';

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
  { id: 'engine', label: 'Engine' },
  { id: 'settings', label: 'Settings' },
];

export const defaultRoute: RouteId = 'containers';

/** `#/engine` → 'engine'. Anything unknown (or no hash) is the default page. */
export function parseHash(hash: string): RouteId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0]?.toLowerCase() ?? '';
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
  return hash
    .replace(/^#\/?/, '')
    .split('?')[0]!
    .split('/')
    .slice(1)
    .filter(Boolean)
    .map((p) => decodeURIComponent(p));
}
