/** Wire shapes of the Volumes page (list, sizes, create/remove/prune, export/import/clone/empty). */

/** A container that mounts a volume. */
export interface VolumeUser {
  id: string;
  name: string;
  running: boolean;
}

export interface VolumeSummary {
  name: string;
  driver: string;
  /** local or global. */
  scope: string;
  mountpoint: string;
  labels: Record<string, string>;
  /** Driver options it was created with (local: type, device, o). */
  options: Record<string, string>;
  /** ms since the epoch; null when the driver does not say. */
  createdAt: number | null;
  /** Made by the engine for a container (`-v /path` or an image VOLUME), not named by anyone. */
  anonymous: boolean;
  /** Containers (any state) that mount it, by name. */
  usedBy: VolumeUser[];
}

/** One size measurement (GET /system/df): bytes, or null when the driver cannot tell. */
export interface VolumeSize {
  bytes: number | null;
  /** ms since the epoch. */
  measuredAt: number;
}

/** The last sizes known, by volume name. */
export interface VolumeSizes {
  sizes: Record<string, VolumeSize>;
  /** A measurement is running now. */
  measuring: boolean;
  /** Why the last measurement failed, if it did. */
  error?: string;
}

/** What removing one volume would do. */
export interface VolumeRemovePlan {
  name: string;
  /** Containers that block the removal (the engine refuses while any mounts it). */
  usedBy: VolumeUser[];
  /** Its content, measured now (null when the driver cannot tell). */
  bytes: number | null;
  /** The recycle bin keeps volumes up to this size (bytes; 0: none are kept). */
  limitBytes: number;
  /** True when a copy of its content fits in the recycle bin. */
  fits: boolean;
}

export interface VolumeRemoveResult {
  name: string;
  /** The recycle-bin entry that can restore it, when a copy was kept. */
  keptAs?: string;
}

/** What a prune would remove: unused volumes with their sizes. */
export interface VolumePrunePlan {
  volumes: { name: string; bytes: number | null; anonymous: boolean; fits: boolean }[];
  totalBytes: number;
  limitBytes: number;
}

export interface VolumePruneResult {
  removed: string[];
  /** Copies kept in the recycle bin (names). */
  kept: string[];
  /** Volumes that could not be removed, and why (e.g. a container started using one meanwhile). */
  failed: { name: string; message: string }[];
  /** Bytes freed: the sizes measured just before each removal. */
  spaceFreed: number;
}

export interface VolumeImportDone {
  name: string;
  /** Bytes of the archive read. */
  bytes: number;
}

/** Progress of a long volume job (clone, empty): bytes moved so far, then the end. */
export type VolumeJobEvent =
  | { type: 'progress'; bytes: number; total: number | null }
  | { type: 'done'; bytes: number; volume: string };
