/** Wire shapes of the recycle bin ("Recently removed" containers). */

export interface RecycleBinEntry {
  /** Entry id (not the removed container's id). */
  id: string;
  /** The removed container's id. */
  containerId: string;
  name: string;
  image: string;
  /** ms since the epoch. */
  removedAt: number;
  /** ms since the epoch; the entry is purged after this. */
  expiresAt: number;
  /** True when it was running when removed: a restore starts it again. */
  wasRunning: boolean;
  /** Published ports, e.g. "127.0.0.1:8080→80/tcp". */
  ports: string[];
  /** Mounts, e.g. "/src → /app (bind)", "data → /var/lib/x (volume)". */
  mounts: string[];
  networks: string[];
  restartPolicy: string;
  labels: Record<string, string>;
}

export interface RecycleBinListing {
  entries: RecycleBinEntry[];
  /** How long removed containers are kept, in ms. */
  retentionMs: number;
  /** Most entries kept; the oldest go first. */
  maxEntries: number;
}

export interface RecycleBinRestoreResult {
  containerId: string;
  name: string;
  started: boolean;
}
