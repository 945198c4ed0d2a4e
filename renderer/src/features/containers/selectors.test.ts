import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../../contract/index.js';
import { container, runningStatus } from '../../testing/fake-api.js';
import type { ContainerMap } from './reducer.js';
import { matchesFilter, selectContainerCounts, selectContainerRows, selectContainersView, type ContainerRow } from './selectors.js';

const mapOf = (...cs: ContainerSummary[]): ContainerMap => new Map(cs.map((c) => [c.id, c]));
const rowsOf = (containers: ContainerMap, containerFilter = '', collapsed: string[] = []) =>
  selectContainerRows({ containers, containerFilter, collapsedProjects: new Set(collapsed) });
const describeRows = (rows: ContainerRow[]) =>
  rows.map((r) => (r.kind === 'group' ? `[${r.project} ${r.total}/${r.running}]` : `${r.inGroup ? '  ' : ''}${r.container.name}`));

const list = mapOf(
  container('1', { name: 'zeta' }),
  container('2', { name: 'web-db-1', composeProject: 'web', composeService: 'db', state: 'exited' }),
  container('3', { name: 'web-app-1', composeProject: 'web', composeService: 'app' }),
  container('4', { name: 'alpha' }),
  container('5', { name: 'api-1', labels: { 'com.docker.compose.project': 'api', 'com.docker.compose.service': 'api' } }),
  container('6', { name: 'item10' }),
  container('7', { name: 'item9', state: 'paused' }),
);

describe('selectContainerRows', () => {
  it('groups by Compose project (sorted), then the rest by name, with natural number order', () => {
    expect(describeRows(rowsOf(list))).toEqual([
      '[api 1/1]',
      '  api-1',
      '[web 2/1]',
      '  web-app-1',
      '  web-db-1',
      'alpha',
      'item9',
      'item10',
      'zeta',
    ]);
  });

  it('counts total and running containers per group', () => {
    const web = rowsOf(list).find((r) => r.kind === 'group' && r.project === 'web');
    expect(web).toMatchObject({ total: 2, running: 1, collapsed: false });
  });

  it('hides the members of a collapsed group but keeps its row', () => {
    expect(describeRows(rowsOf(list, '', ['web'])).slice(2, 4)).toEqual(['[web 2/1]', 'alpha']);
  });

  it('filters rows and drops groups with no match', () => {
    expect(describeRows(rowsOf(list, 'app'))).toEqual(['[web 1/1]', '  web-app-1']);
    expect(describeRows(rowsOf(list, 'ALPHA'))).toEqual(['alpha']);
  });

  it('uses the id as a stable key and keeps names with the same text in id order', () => {
    const rows = rowsOf(mapOf(container('b', { name: 'same' }), container('a', { name: 'same' })));
    expect(rows.map((r) => r.key)).toEqual(['a', 'b']);
  });

  it('returns no rows for no containers', () => {
    expect(rowsOf(new Map())).toEqual([]);
  });
});

describe('matchesFilter', () => {
  const c = container('abc123', { name: 'shop', image: 'nginx:1.27', composeProject: 'store', state: 'exited' });
  it('matches name, image, project, state and id prefix', () => {
    for (const f of ['sho', 'NGINX', 'store', 'exited', 'abc1', '  ']) expect(matchesFilter(c, f)).toBe(true);
  });
  it('rejects other text', () => {
    expect(matchesFilter(c, 'redis')).toBe(false);
    expect(matchesFilter(c, '123')).toBe(false);
  });
});

describe('selectContainerCounts', () => {
  it('counts running, paused and stopped', () => {
    expect(selectContainerCounts(list)).toEqual({ total: 7, running: 5, paused: 1, stopped: 1 });
  });
});

describe('selectContainersView', () => {
  const base = { containers: new Map() as ContainerMap, containersPhase: 'idle' as const, backend: 'connected' as const };
  it('waits for the back end, then for the engine', () => {
    expect(selectContainersView({ ...base, backend: 'connecting' })).toMatchObject({ kind: 'loading', text: expect.stringContaining('back end') });
    expect(selectContainersView({ ...base, engineStatus: { state: 'starting', managed: true } })).toMatchObject({ kind: 'loading', text: expect.stringContaining('start') });
  });
  it('says the back end is down when it is and nothing is known', () => {
    expect(selectContainersView({ ...base, backend: 'unreachable' })).toEqual({ kind: 'backend-down' });
  });
  it('keeps showing known containers as stale when the back end is down', () => {
    expect(selectContainersView({ ...base, containers: list, containersPhase: 'live', backend: 'unreachable' })).toEqual({ kind: 'table', stale: true });
  });
  it('explains a stopped engine with its message', () => {
    const v = selectContainersView({ ...base, engineStatus: { state: 'error', managed: false, message: 'Cannot connect to dockerd' } });
    expect(v).toEqual({ kind: 'engine-down', text: 'Cannot connect to dockerd' });
  });
  it('loads, then shows the empty state or the table', () => {
    expect(selectContainersView({ ...base, engineStatus: runningStatus, containersPhase: 'loading' }).kind).toBe('loading');
    expect(selectContainersView({ ...base, engineStatus: runningStatus, containersPhase: 'live' })).toEqual({ kind: 'empty' });
    expect(selectContainersView({ ...base, engineStatus: runningStatus, containersPhase: 'live', containers: list })).toEqual({ kind: 'table', stale: false });
  });
  it('shows a failure, as a warning over known data or on its own', () => {
    expect(selectContainersView({ ...base, engineStatus: runningStatus, containersPhase: 'error', containersError: 'boom' })).toEqual({ kind: 'error', message: 'boom' });
    expect(selectContainersView({ ...base, engineStatus: runningStatus, containersPhase: 'error', containersError: 'boom', containers: list })).toEqual({
      kind: 'table',
      stale: true,
      warning: 'boom',
    });
  });
});
