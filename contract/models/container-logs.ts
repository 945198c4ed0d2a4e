/** Wire shapes of the container logs slice (logs stream, inspect). */

export type LogStreamName = 'stdout' | 'stderr';

/**
 * One event of `containers.logs`: consecutive lines of ONE stream, in order. Lines are grouped (up to a
 * few hundred per event) so a container printing a million lines costs thousands of events, not a
 * million; the renderer stores them column-wise as they come.
 */
export interface LogChunk {
  stream: LogStreamName;
  /** The lines' text, without the newline (and without the engine's timestamp prefix). */
  lines: string[];
  /**
   * When timestamps were asked for: one per line, ms since the epoch with sub-ms precision as the
   * fraction (the engine's RFC 3339 nano timestamp), or null when a line had none.
   */
  ts?: (number | null)[];
}

/** One published or exposed port of a container, as `docker inspect` shows it. */
export interface InspectPort {
  privatePort: number;
  type: 'tcp' | 'udp' | 'sctp';
  /** Host addresses it is published on; empty when only exposed. */
  bindings: { hostIp: string; hostPort: number }[];
}

export interface InspectMount {
  type: string;
  /** Host path, or the volume's name for a named volume. */
  source: string;
  destination: string;
  name?: string;
  readOnly: boolean;
}

export interface InspectNetwork {
  name: string;
  ipAddress?: string;
  ipv6Address?: string;
  gateway?: string;
  macAddress?: string;
  aliases: string[];
}

export interface InspectHealth {
  status: string;
  failingStreak: number;
  /** The last health check run, when there is one. */
  lastCheck?: { start: string; end: string; exitCode: number; output: string };
}

/** The readable part of `docker inspect`, shown above the full JSON. */
export interface InspectSummary {
  id: string;
  name: string;
  image: string;
  imageId: string;
  created: string;
  state: { status: string; running: boolean; exitCode: number; startedAt?: string; finishedAt?: string; error?: string; oomKilled: boolean; pid: number };
  command: string[];
  entrypoint: string[];
  workingDir: string;
  user: string;
  hostname: string;
  tty: boolean;
  env: { name: string; value: string }[];
  labels: Record<string, string>;
  mounts: InspectMount[];
  networks: InspectNetwork[];
  ports: InspectPort[];
  restartPolicy: { name: string; maximumRetryCount: number };
  health?: InspectHealth;
}

export interface ContainerInspection {
  summary: InspectSummary;
  /** The full inspect JSON as the engine returned it (plain data). */
  raw: unknown;
}
