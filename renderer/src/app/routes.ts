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

/** One value of the hash's query: `#/images/abc/inspect?tag=web%3A1`, 'tag' → 'web:1'; undefined when absent or empty. */
export function hashQueryParam(hash: string, key: string): string | undefined {
  const i = hash.indexOf('?');
  return (i < 0 ? undefined : new URLSearchParams(hash.slice(i + 1)).get(key)) || undefined;
}
