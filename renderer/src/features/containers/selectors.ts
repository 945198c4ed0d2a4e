import type { ContainerState, ContainerSummary, EngineStatus } from '../../../../contract/index.js';
import type { BackendState } from '../../app/connection-monitor.js';
import type { ContainerMap } from './reducer.js';
import { matchesQuery, parseQuery } from './query.js';
import { compareBy, compareIds, compareText, defaultSort, type ContainerSort } from './sort.js';
import type { ContainersState } from './store.js';

export const COMPOSE_PROJECT_LABEL = 'com.docker.compose.project';
export const COMPOSE_SERVICE_LABEL = 'com.docker.compose.service';

export type ContainerRow =
  | { kind: 'group'; key: string; project: string; total: number; running: number; collapsed: boolean }
  | { kind: 'container'; key: string; container: ContainerSummary; inGroup: boolean };

export interface ContainerCounts {
  total: number;
  running: number;
  paused: number;
  /** Everything neither running nor paused (created, exited, dead, restarting, removing). */
  stopped: number;
}

export function projectOf(c: ContainerSummary): string | undefined {
  const p = c.composeProject ?? c.labels?.[COMPOSE_PROJECT_LABEL];
  return p && p.trim() ? p : undefined;
}

function serviceOf(c: ContainerSummary): string {
  return c.composeService ?? c.labels?.[COMPOSE_SERVICE_LABEL] ?? '';
}

const byName = (a: ContainerSummary, b: ContainerSummary) => compareText(a.name, b.name) || compareIds(a.id, b.id);
const byServiceThenName = (a: ContainerSummary, b: ContainerSummary) => compareText(serviceOf(a), serviceOf(b)) || byName(a, b);

/**
 * Case-insensitive match on name, image, state, Compose project or service, or an id prefix; also
 * understands `key:value` terms (state:running label:com.example=x image:nginx -name:test), see query.ts.
 */
export function matchesFilter(c: ContainerSummary, filter: string): boolean {
  return matchesQuery(c, parseQuery(filter));
}

const isRunning = (s: ContainerState) => s === 'running';

/**
 * The rows of the containers table: one group row per Compose project (sorted by name) followed by
 * its containers (by service, then name) unless collapsed; then containers outside any project,
 * by name. Only containers matching the filter are counted and shown.
 */
export function selectContainerRows(
  state: Pick<ContainersState, 'containers' | 'containerFilter' | 'collapsedProjects'> & { containerSort?: ContainerSort },
): ContainerRow[] {
  const groups = new Map<string, ContainerSummary[]>();
  const loose: ContainerSummary[] = [];
  const query = parseQuery(state.containerFilter);
  const sort = state.containerSort ?? defaultSort;
  const isDefault = sort.key === defaultSort.key && sort.dir === defaultSort.dir;
  const inGroup = isDefault ? byServiceThenName : compareBy(sort);
  const outside = isDefault ? byName : compareBy(sort);
  for (const c of state.containers.values()) {
    if (!matchesQuery(c, query)) continue;
    const project = projectOf(c);
    if (project === undefined) loose.push(c);
    else {
      const list = groups.get(project);
      if (list) list.push(c);
      else groups.set(project, [c]);
    }
  }
  const rows: ContainerRow[] = [];
  for (const project of [...groups.keys()].sort(compareText)) {
    const members = (groups.get(project) ?? []).sort(inGroup);
    const collapsed = state.collapsedProjects.has(project);
    rows.push({
      kind: 'group',
      key: `group:${project}`,
      project,
      total: members.length,
      running: members.filter((c) => isRunning(c.state)).length,
      collapsed,
    });
    if (!collapsed) for (const c of members) rows.push({ kind: 'container', key: c.id, container: c, inGroup: true });
  }
  for (const c of loose.sort(outside)) rows.push({ kind: 'container', key: c.id, container: c, inGroup: false });
  return rows;
}

export function selectContainerCounts(containers: ContainerMap): ContainerCounts {
  const counts: ContainerCounts = { total: 0, running: 0, paused: 0, stopped: 0 };
  for (const c of containers.values()) {
    counts.total++;
    if (c.state === 'running') counts.running++;
    else if (c.state === 'paused') counts.paused++;
    else counts.stopped++;
  }
  return counts;
}

export type ContainersView =
  | { kind: 'loading'; text: string }
  | { kind: 'backend-down' }
  | { kind: 'engine-down'; text: string }
  | { kind: 'error'; message: string }
  | { kind: 'empty' }
  | { kind: 'table'; stale: boolean; warning?: string };

export interface ContainersViewInput extends Pick<ContainersState, 'containers' | 'containersPhase' | 'containersError'> {
  engineStatus?: EngineStatus;
  backend: BackendState;
}

/** Which state the Containers page is in. Every branch ends somewhere; nothing spins forever. */
export function selectContainersView(s: ContainersViewInput): ContainersView {
  const hasData = s.containers.size > 0;
  if (s.backend === 'unreachable') return hasData ? { kind: 'table', stale: true } : { kind: 'backend-down' };
  if (s.containersPhase === 'live') return hasData ? { kind: 'table', stale: false } : { kind: 'empty' };
  if (s.containersPhase === 'error') {
    const message = s.containersError ?? 'The container list could not be loaded.';
    return hasData ? { kind: 'table', stale: true, warning: message } : { kind: 'error', message };
  }
  const engine = s.engineStatus;
  if (!engine) return { kind: 'loading', text: s.backend === 'connecting' ? 'Connecting to Berth’s back end…' : 'Checking the Docker engine…' };
  if (engine.state === 'starting') return { kind: 'loading', text: 'Waiting for the Docker engine to start…' };
  if (engine.state !== 'running') {
    return { kind: 'engine-down', text: engine.message?.trim() || 'The Docker engine is not running, so there are no containers to show.' };
  }
  return { kind: 'loading', text: 'Loading containers…' };
}

/** Ids of the container rows shown (for select-all and keyboard moves), in order. */
export function selectVisibleIds(rows: readonly ContainerRow[]): string[] {
  const ids: string[] = [];
  for (const r of rows) if (r.kind === 'container') ids.push(r.container.id);
  return ids;
}
