import { describe, expect, it } from 'vitest';
import type { RecycleBinListing } from '../../../../contract/models/recycle-bin.js';
import { binItems, deleteItems, describeItems } from './empty-bin.js';

const listing = {
  entries: [{ id: 'c1', name: 'web' }, { id: 'c2', name: 'db' }],
  volumes: [{ id: 'v1', name: 'data' }],
  retentionMs: 1,
  volumeLimitBytes: 1,
  maxEntries: 50,
} as unknown as RecycleBinListing;

describe('emptying Recently removed', () => {
  it('lists containers then volumes, and says how many of each in words', () => {
    const items = binItems(listing);
    expect(items.map((i) => `${i.kind}:${i.name}`)).toEqual(['container:web', 'container:db', 'volume:data']);
    expect(describeItems(items)).toBe('the configurations of 2 containers and the copy of 1 volume');
    expect(describeItems(items.slice(0, 1))).toBe('the configuration of 1 container');
    expect(describeItems([...items.slice(2), { id: 'v2', name: 'logs', kind: 'volume' }])).toBe('the copies of 2 volumes');
    expect(binItems(undefined)).toEqual([]);
  });

  it('deletes every item shown, keeps going after a failure, and counts one already gone as deleted', async () => {
    const asked: string[] = [];
    const outcome = await deleteItems(binItems(listing), async (id) => {
      asked.push(id);
      if (id === 'c2') throw Object.assign(new Error('That entry is no longer in Recently removed'), { code: 'NOT_FOUND' });
      if (id === 'c1') throw Object.assign(new Error('EACCES: permission denied'), { code: 'INTERNAL' });
    });
    expect(asked).toEqual(['c1', 'c2', 'v1']);
    expect(outcome).toBe('1 item could not be deleted (web: EACCES: permission denied). The others were deleted.');
    expect(await deleteItems(binItems(listing), async () => undefined)).toBeUndefined();
  });
});
