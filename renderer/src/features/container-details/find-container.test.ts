import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../../contract/index.js';
import { detailsHref, findContainer, inspectRefreshKey, parseDetailTab } from './find-container.js';

const c = (id: string, name: string, extra: Partial<ContainerSummary> = {}): ContainerSummary => ({
  id,
  name,
  image: 'img',
  imageId: 'sha',
  command: '',
  state: 'running',
  status: 'Up 1 minute',
  ports: [],
  created: 0,
  labels: {},
  ...extra,
});

describe('findContainer', () => {
  const map = new Map([
    ['abcdef123456', c('abcdef123456', 'web')],
    ['abc999', c('abc999', 'abcd')],
  ]);
  it('finds by id, by name before prefix, and by id prefix', () => {
    expect(findContainer(map, 'abcdef123456')?.name).toBe('web');
    expect(findContainer(map, 'web')?.id).toBe('abcdef123456');
    expect(findContainer(map, 'abcd')?.id).toBe('abc999'); // a name wins over an id prefix
    expect(findContainer(map, 'abcde')?.id).toBe('abcdef123456');
    expect(findContainer(map, 'abc')).toBeUndefined(); // too short for a prefix
    expect(findContainer(map, 'nope')).toBeUndefined();
  });
});

describe('tabs and keys', () => {
  it('parses tabs with Logs as the default', () => {
    expect(parseDetailTab(undefined)).toBe('logs');
    expect(parseDetailTab('Inspect')).toBe('inspect');
    expect(parseDetailTab('bogus')).toBe('logs');
    expect(detailsHref('my web', 'ports')).toBe('#/containers/my%20web/ports');
  });

  it('changes the refresh key on state and health changes, not on uptime text', () => {
    const a = inspectRefreshKey(c('x', 'n', { status: 'Up 1 minute (healthy)' }));
    expect(inspectRefreshKey(c('x', 'n', { status: 'Up 2 minutes (healthy)' }))).toBe(a);
    expect(inspectRefreshKey(c('x', 'n', { status: 'Up 2 minutes (unhealthy)' }))).not.toBe(a);
    expect(inspectRefreshKey(c('x', 'n', { state: 'exited', status: 'Exited (0)' }))).not.toBe(a);
    expect(inspectRefreshKey(undefined)).toBe('');
  });
});
