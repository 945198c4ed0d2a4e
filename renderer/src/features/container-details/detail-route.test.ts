import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../../contract/index.js';
import { autoRemoveOf, detailsHref, followedRef, inspectRefreshKey, nextPageIdentity, parseDetailTab, removedExplanation } from './detail-route.js';

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

  it('changes the refresh key on a rename (inspect shows the name)', () => {
    expect(inspectRefreshKey(c('x', 'new'))).not.toBe(inspectRefreshKey(c('x', 'old')));
  });
});

describe('a container renamed while its page is open', () => {
  it('links by its new name when the route named it, and keeps a route by id', () => {
    expect(followedRef('old', c('abcdef123', 'new'))).toBe('new');
    expect(followedRef('new', c('abcdef123', 'new'))).toBe('new');
    expect(followedRef('abcdef', c('abcdef123', 'new'))).toBe('abcdef');
    expect(followedRef('old', undefined)).toBe('old');
  });

  it('keeps the page when the route follows the same container, and starts a new page for another', () => {
    const page = { key: 'old', ref: 'old', containerId: 'id1' };
    expect(nextPageIdentity(page, 'old', undefined)).toBe(page);
    expect(nextPageIdentity(page, 'new', 'id1')).toEqual({ key: 'old', ref: 'new', containerId: 'id1' });
    expect(nextPageIdentity(page, 'other', 'id2')).toEqual({ key: 'other', ref: 'other', containerId: 'id2' });
    expect(nextPageIdentity(page, 'missing', undefined)).toEqual({ key: 'missing', ref: 'missing', containerId: undefined });
  });

  it('learns the container once the list names it', () => {
    expect(nextPageIdentity({ key: 'web', ref: 'web', containerId: undefined }, 'web', 'id1')).toEqual({ key: 'web', ref: 'web', containerId: 'id1' });
  });
});

describe('a container gone from its details page', () => {
  it('run with Auto-remove: says the engine deleted it, and not to look in Recently removed', () => {
    expect(autoRemoveOf({ HostConfig: { AutoRemove: true } })).toBe(true);
    expect(autoRemoveOf({ HostConfig: { AutoRemove: false } })).toBe(false);
    expect(autoRemoveOf({})).toBe(false);
    expect(autoRemoveOf(null)).toBe(false);
    expect(removedExplanation(true)).toBe('It was run with Auto-remove, so the engine deleted it when it exited. Its configuration is not kept in “Recently removed”.');
    expect(removedExplanation(false)).toContain('If Berth removed it, it can be recreated from “Recently removed”.');
  });
});
