import type { ContainerSummary } from '../../../../contract/index.js';

/* The details page's route: its tabs, their links, and what makes it inspect the container again. */

export const detailTabs = [
  { id: 'logs', label: 'Logs' },
  { id: 'terminal', label: 'Terminal' },
  { id: 'stats', label: 'Stats' },
  { id: 'files', label: 'Files' },
  { id: 'inspect', label: 'Inspect' },
  { id: 'ports', label: 'Ports' },
  { id: 'networks', label: 'Networks' },
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
