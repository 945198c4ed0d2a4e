import type { ContainerSummary } from '../../../../contract/index.js';

/** The container a route names: by full id, name, or id prefix (at least 4 characters). */
export function findContainer(containers: ReadonlyMap<string, ContainerSummary>, ref: string): ContainerSummary | undefined {
  const exact = containers.get(ref);
  if (exact) return exact;
  let byPrefix: ContainerSummary | undefined;
  for (const c of containers.values()) {
    if (c.name === ref) return c;
    if (!byPrefix && ref.length >= 4 && c.id.startsWith(ref)) byPrefix = c;
  }
  return byPrefix;
}

export const detailTabs = [
  { id: 'logs', label: 'Logs' },
  { id: 'terminal', label: 'Terminal' },
  { id: 'stats', label: 'Stats' },
  { id: 'files', label: 'Files' },
  { id: 'inspect', label: 'Inspect' },
  { id: 'ports', label: 'Ports' },
  { id: 'resources', label: 'Resources' },
] as const;

export type DetailTabId = (typeof detailTabs)[number]['id'];

/** The tab a route names; anything unknown (or none) is Logs. */
export function parseDetailTab(tab: string | undefined): DetailTabId {
  return detailTabs.find((t) => t.id === tab?.toLowerCase())?.id ?? 'logs';
}

export function detailsHref(ref: string, tab: DetailTabId): string {
  return `#/containers/${encodeURIComponent(ref)}/${tab}`;
}

/** What in a container's summary should make the page ask the engine for inspect again. */
export function inspectRefreshKey(c: ContainerSummary | undefined): string {
  if (!c) return '';
  const health = /\((healthy|unhealthy|health: starting)\)/.exec(c.status)?.[1] ?? '';
  return `${c.id}|${c.state}|${health}|${c.ports.map((p) => `${p.ip ?? ''}:${p.publicPort ?? ''}>${p.privatePort}`).join(',')}`;
}
