import type { VolumeSize, VolumeSizes, VolumeSummary } from '../../../../contract/models/volumes.js';
import type { LiveMap } from '../../lib/live-collection.js';
import { compareNames } from '../containers/compare-plain.js';

export type VolumeSortKey = 'name' | 'driver' | 'size' | 'created' | 'users';
export interface VolumeSort {
  key: VolumeSortKey;
  dir: 'asc' | 'desc';
}
export type VolumeFilter = 'all' | 'in-use' | 'unused' | 'anonymous';

export interface VolumeRow {
  volume: VolumeSummary;
  size?: VolumeSize;
}

/** What the search looks in, built once per volume object (the live map keeps an unchanged volume's object, so typing does not rebuild 1,000 strings a key). */
const searchText = new WeakMap<VolumeSummary, string>();
function text(v: VolumeSummary): string {
  let t = searchText.get(v);
  if (t === undefined) {
    t = [v.name, v.driver, v.mountpoint, ...Object.entries(v.labels).map(([k, x]) => `${k}=${x}`), ...v.usedBy.map((u) => u.name)].join('\n').toLowerCase();
    searchText.set(v, t);
  }
  return t;
}

/** Filter, search and sort the live volumes into rows (pure). */
export function selectVolumeRows(volumes: LiveMap<VolumeSummary>, sizes: VolumeSizes, query: string, filter: VolumeFilter, sort: VolumeSort): VolumeRow[] {
  const q = query.trim().toLowerCase();
  const rows: VolumeRow[] = [];
  for (const v of volumes.values()) {
    if (filter === 'in-use' && !v.usedBy.length) continue;
    if (filter === 'unused' && v.usedBy.length) continue;
    if (filter === 'anonymous' && !v.anonymous) continue;
    if (q && !text(v).includes(q)) continue;
    rows.push({ volume: v, size: sizes.sizes[v.name] });
  }
  const sign = sort.dir === 'asc' ? 1 : -1;
  // Not localeCompare: 1,000 names sorted in 0.3 ms instead of 14-22 ms (Node 20, warm, this machine under load).
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const by: Record<VolumeSortKey, (a: VolumeRow, b: VolumeRow) => number> = {
    // Names as people read them ("data-2" before "data-10", case ignored), without ICU.
    name: (a, b) => compareNames(a.volume.name, b.volume.name),
    driver: (a, b) => cmp(a.volume.driver, b.volume.driver),
    size: (a, b) => (a.size?.bytes ?? -1) - (b.size?.bytes ?? -1),
    created: (a, b) => (a.volume.createdAt ?? 0) - (b.volume.createdAt ?? 0),
    users: (a, b) => a.volume.usedBy.length - b.volume.usedBy.length,
  };
  return rows.sort((a, b) => sign * by[sort.key](a, b) || compareNames(a.volume.name, b.volume.name));
}
