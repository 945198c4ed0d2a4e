import type { DiskUsageKind } from '../../../../contract/models/disk-usage.js';

export const kindLabel: Record<DiskUsageKind, string> = {
  containers: 'Containers',
  images: 'Images',
  volumes: 'Volumes',
  buildCache: 'Build cache',
};

/** What a prune of each kind removes, in the user's words. */
export const kindPrunes: Record<DiskUsageKind, string> = {
  containers: 'stopped containers',
  images: 'images no container uses',
  volumes: 'volumes no container uses',
  buildCache: 'build cache not in use',
};

/** "3 containers", "1 image", "2 cache records". */
export function countOf(kind: DiskUsageKind, n: number): string {
  const one: Record<DiskUsageKind, string> = { containers: 'container', images: 'image', volumes: 'volume', buildCache: 'cache record' };
  return `${n} ${one[kind]}${n === 1 ? '' : 's'}`;
}
