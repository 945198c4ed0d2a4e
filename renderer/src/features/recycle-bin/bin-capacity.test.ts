import { describe, expect, it } from 'vitest';
import type { RecycleBinEntry, RecycleBinListing, RecycleBinVolumeEntry } from '../../../../contract/models/recycle-bin.js';
import { capacityNote } from './bin-capacity.js';

const container = (i: number): RecycleBinEntry => ({
  id: `c${i}`, containerId: `id${i}`, name: `web-${i}`, image: 'busybox', removedAt: 1000 + i, expiresAt: 9e12,
  wasRunning: false, ports: [], mounts: [], networks: [], restartPolicy: 'no', labels: {},
});
const volume = (i: number): RecycleBinVolumeEntry => ({ id: `v${i}`, name: `data-${i}`, driver: 'local', labels: {}, options: {}, bytes: 1, removedAt: 1000 + i, expiresAt: 9e12 });
const listing = (entries: RecycleBinEntry[], volumes: RecycleBinVolumeEntry[] = [], maxEntries = 10): RecycleBinListing => ({ entries, volumes, maxEntries, retentionMs: 1, volumeLimitBytes: 1 });
const range = (from: number, n: number) => Array.from({ length: n }, (_, k) => from + k);

describe('capacityNote', () => {
  it('says nothing below 90 % of the limit', () => {
    expect(capacityNote(undefined)).toBeUndefined();
    expect(capacityNote(listing(range(0, 8).map(container)))).toBeUndefined();
  });

  it('near the limit, counts containers and volumes together and says how many removals are left', () => {
    expect(capacityNote(listing(range(0, 8).map(container), [volume(20)]))).toBe(
      'Recently removed holds 9 of at most 10 entries: after 1 more removal, each one drops the oldest entry for good.',
    );
  });

  it('when full, names the oldest entry, container or volume', () => {
    expect(capacityNote(listing(range(1, 10).map(container)))).toMatch(/^Recently removed is full \(10 entries\): the next removal drops the oldest entry for good, the configuration of container web-1\./);
    expect(capacityNote(listing(range(1, 9).map(container), [volume(0)]))).toMatch(/the copy of volume data-0\./);
  });
});
