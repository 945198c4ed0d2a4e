/** Wire shapes of disk usage (`GET /system/df`) and the clean-up that goes with it. */

export const diskUsageKinds = ['containers', 'images', 'volumes', 'buildCache'] as const;
export type DiskUsageKind = (typeof diskUsageKinds)[number];

/** One kind's figures, computed as `docker system df` computes them. */
export interface DiskUsageFigures {
  kind: DiskUsageKind;
  /** How many there are. */
  count: number;
  /** How many are in use (images used by a container, running containers, volumes in use, cache in use). */
  active: number;
  /** Bytes on disk. */
  size: number;
  /** Bytes a prune of this kind would free. */
  reclaimable: number;
}

export interface DiskUsage {
  /** When the engine measured it, ms since the epoch. */
  measuredAt: number;
  kinds: DiskUsageFigures[];
}

/** One thing a clean-up would remove. */
export interface CleanupItem {
  id: string;
  /** Name, tags, or the cache record's description. */
  name: string;
  /** Bytes it frees (an image: the bytes no other image shares). */
  size: number;
}

export interface CleanupPreviewKind {
  kind: DiskUsageKind;
  items: CleanupItem[];
  /** Bytes to be freed (the sum of the items). */
  reclaimable: number;
}

export interface CleanupPreview {
  kinds: CleanupPreviewKind[];
  reclaimable: number;
  /** The recycle bin does not keep what a prune removes: said plainly before asking. */
  kept: false;
}

export interface CleanupKindResult {
  kind: DiskUsageKind;
  /** How many the engine removed. */
  removed: number;
  /** Bytes the engine reports it freed. */
  reclaimed: number;
  /** Set when this kind failed; the others still ran. */
  error?: string;
}

export interface CleanupResult {
  kinds: CleanupKindResult[];
  /** Bytes really freed: the engine's own figures, summed. */
  reclaimed: number;
  /** Disk usage measured again after the clean-up. */
  after: DiskUsage;
}
