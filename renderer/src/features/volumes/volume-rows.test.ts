import { describe, expect, it } from 'vitest';
import type { VolumeSummary } from '../../../../contract/models/volumes.js';
import { parseLimitMiB } from './removed-volumes.js';
import { selectVolumeRows } from './volume-rows.js';

const vol = (name: string, over: Partial<VolumeSummary> = {}): VolumeSummary => ({
  name,
  driver: 'local',
  scope: 'local',
  mountpoint: `/var/lib/docker/volumes/${name}/_data`,
  labels: {},
  options: {},
  createdAt: 0,
  anonymous: false,
  usedBy: [],
  ...over,
});

describe('volume rows', () => {
  const map = new Map([
    ['b', vol('b', { usedBy: [{ id: 'c1', name: 'web', running: true }] })],
    ['a', vol('a', { labels: { team: 'blue' } })],
    ['f'.repeat(64), vol('f'.repeat(64), { anonymous: true })],
  ]);
  const sizes = { sizes: { a: { bytes: 10, measuredAt: 1 }, b: { bytes: 99, measuredAt: 1 } }, measuring: false };

  it('filters, searches (labels and users too) and sorts with sizes attached', () => {
    expect(selectVolumeRows(map, sizes, '', 'all', { key: 'size', dir: 'desc' }).map((r) => [r.volume.name, r.size?.bytes])).toEqual([
      ['b', 99],
      ['a', 10],
      ['f'.repeat(64), undefined],
    ]);
    expect(selectVolumeRows(map, sizes, 'blue', 'all', { key: 'name', dir: 'asc' }).map((r) => r.volume.name)).toEqual(['a']);
    expect(selectVolumeRows(map, sizes, 'web', 'all', { key: 'name', dir: 'asc' }).map((r) => r.volume.name)).toEqual(['b']);
    expect(selectVolumeRows(map, sizes, '', 'unused', { key: 'name', dir: 'asc' }).map((r) => r.volume.name)).toEqual(['a', 'f'.repeat(64)]);
    expect(selectVolumeRows(map, sizes, '', 'anonymous', { key: 'name', dir: 'asc' })).toHaveLength(1);
  });

  it('searches what a volume holds now: a live update (a new object) is found by its new labels and users, not its old ones', () => {
    const live = new Map(map);
    const q = (text: string) => selectVolumeRows(live, sizes, text, 'all', { key: 'name', dir: 'asc' }).map((r) => r.volume.name);
    expect(q('blue')).toEqual(['a']);
    live.set('a', vol('a', { labels: { team: 'red' }, usedBy: [{ id: 'c2', name: 'db', running: false }] }));
    expect(q('blue')).toEqual([]);
    expect(q('team=red')).toEqual(['a']);
    expect(q('DB')).toEqual(['a']);
    // The row carries the live objects themselves (rows re-render only when their volume or size object changes).
    const [row] = selectVolumeRows(live, sizes, 'red', 'all', { key: 'name', dir: 'asc' });
    expect(row!.volume).toBe(live.get('a'));
    expect(row!.size).toBe(sizes.sizes.a);
  });

  it('sorts names as people read them: numbers by value, case ignored', () => {
    const names = ['data-10', 'data-2', 'Zeta', 'alpha', 'data-1'];
    const rows = selectVolumeRows(new Map(names.map((n) => [n, vol(n)])), { sizes: {}, measuring: false }, '', 'all', { key: 'name', dir: 'asc' });
    expect(rows.map((r) => r.volume.name)).toEqual(['alpha', 'data-1', 'data-2', 'data-10', 'Zeta']);
  });

  it('parses the recycle bin limit in MiB', () => {
    expect(parseLimitMiB(' 512 ')).toEqual({ bytes: 512 * 1024 * 1024 });
    expect(parseLimitMiB('1.5')).toEqual({ error: 'The size limit must be a whole number of MiB (0 keeps no volume)' });
    expect(parseLimitMiB('-5')).toEqual({ error: 'The size limit cannot be negative: 0 keeps no volume' });
    expect(parseLimitMiB('2000000')).toEqual({ error: 'The size limit must be at most 1,048,576 MiB (1 TiB)' });
  });
});
