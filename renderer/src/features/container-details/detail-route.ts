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
  return `${c.id}|${c.name}|${c.state}|${health}|${c.ports.map((p) => `${p.ip ?? ''}:${p.publicPort ?? ''}>${p.privatePort}`).join(',')}`;
}

/** A route by name follows the container's new name after a rename; a route by id (or id prefix) stays. */
export function followedRef(ref: string, c: Pick<ContainerSummary, 'id' | 'name'> | undefined): string {
  return c && c.name !== ref && !c.id.startsWith(ref) ? c.name : ref;
}

/** Which details page is shown: `key` keeps it mounted, `containerId` is the container it was for. */
export interface PageIdentity {
  key: string;
  ref: string;
  containerId: string | undefined;
}

/**
 * The page for route `ref` (naming container `resolvedId`, if known): a new route to the container
 * already shown (it was renamed and the route followed) keeps the page; a route to another one is a
 * new page. Returns `page` itself when nothing changed.
 */
export function nextPageIdentity(page: PageIdentity, ref: string, resolvedId: string | undefined): PageIdentity {
  if (ref !== page.ref) {
    const same = resolvedId !== undefined && resolvedId === page.containerId;
    return { key: same ? page.key : ref, ref, containerId: resolvedId };
  }
  if (page.containerId === undefined && resolvedId !== undefined) return { ...page, containerId: resolvedId };
  return page;
}

/** Whether the inspected container was run with Auto-remove (`--rm`): the engine deletes it when it exits. */
export function autoRemoveOf(raw: unknown): boolean {
  const hostConfig = raw && typeof raw === 'object' ? (raw as { HostConfig?: unknown }).HostConfig : undefined;
  return !!hostConfig && typeof hostConfig === 'object' && (hostConfig as { AutoRemove?: unknown }).AutoRemove === true;
}

/**
 * Why a container the page showed is gone. One run with Auto-remove was deleted by the engine when it
 * exited: it is not in Recently removed (Berth did not remove it), so the page does not send the user there.
 */
export function removedExplanation(autoRemove: boolean): string {
  return autoRemove
    ? 'It was run with Auto-remove, so the engine deleted it when it exited. Its configuration is not kept in “Recently removed”.'
    : 'It no longer exists in the engine. If Berth removed it, it can be recreated from “Recently removed”.';
}
