import type { RecycleBinListing } from '../../../../contract/models/recycle-bin.js';

/**
 * What Recently removed says as it nears its entry limit (the back end keeps at most `maxEntries`
 * containers' configurations and volumes' copies together, and drops the oldest beyond that): nothing
 * below 90 % of the limit; from there, how many are left before entries start to go; when full, which
 * entry the next removal drops.
 */
export function capacityNote(listing: RecycleBinListing | undefined): string | undefined {
  if (!listing || listing.maxEntries <= 0) return undefined;
  const all = [...listing.entries, ...listing.volumes];
  const max = listing.maxEntries;
  if (all.length < Math.ceil(max * 0.9)) return undefined;
  if (all.length < max) {
    const left = max - all.length;
    return `Recently removed holds ${all.length} of at most ${max} entries: after ${left} more removal${left === 1 ? '' : 's'}, each one drops the oldest entry for good.`;
  }
  const oldest = all.reduce((a, b) => (b.removedAt < a.removedAt ? b : a));
  const kind = 'containerId' in oldest ? 'the configuration of container' : 'the copy of volume';
  return `Recently removed is full (${max} entries): the next removal drops the oldest entry for good, ${kind} ${oldest.name}. Restore what you need, or delete what you don’t.`;
}
