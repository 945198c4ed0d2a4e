import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../../contract/index.js';
import { detailsHref, inspectRefreshKey, parseDetailTab } from './detail-route.js';

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
