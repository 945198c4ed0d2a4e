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

/** A volume removed through Berth, with its content kept. */
export interface RecycleBinVolumeEntry {
  id: string;
  name: string;
  driver: string;
  labels: Record<string, string>;
  options: Record<string, string>;
  /** Size of the kept copy (compressed), bytes. */
  bytes: number;
  removedAt: number;
  expiresAt: number;
}

export interface RecycleBinVolumeRestoreResult {
  name: string;
}

export interface RecycleBinListing {
  entries: RecycleBinEntry[];
  /** Removed volumes kept with their content (newest first). */
  volumes: RecycleBinVolumeEntry[];
  /** A removed volume is kept only up to this size (bytes; 0: never). */
  volumeLimitBytes: number;
  /** How long removed containers are kept, in ms. */
  retentionMs: number;
  /** Most entries kept; the oldest go first. */
  maxEntries: number;
}

export interface RecycleBinRestoreResult {
  containerId: string;
  name: string;
  started: boolean;
  /**
   * Set when the container was recreated but a later step failed: what it lacks, one short clause each
   * ("not started: Port 8080 is already in use…", "not connected to backend: …"). The container exists
   * and its entry has left the bin, so restoring again would only find the name taken.
   */
  incomplete?: string[];
}
