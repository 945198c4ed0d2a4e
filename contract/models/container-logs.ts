/** Wire shapes of the container logs slice (logs stream, inspect). */

export type LogStreamName = 'stdout' | 'stderr';

/**
 * One event of `containers.logs`: consecutive lines of ONE stream, in order. Lines are grouped (up to
 * thousands per event when the log floods) so a container printing a million lines costs a few hundred
 * events, not a million. The lines travel as ONE string joined with "\n": one JSON string (or one
 * structured-clone string over IPC) is far cheaper to encode, send and decode than an array of a
 * thousand small ones; `logChunkLines` splits it back.
 */
export interface LogChunk {
  stream: LogStreamName;
  /**
   * The lines' text joined with "\n" (no trailing newline; lines carry no newline and no engine
   * timestamp prefix). A chunk with lines holds at least one, so "" with count 1 is one empty line.
   */
  text: string;
  /**
   * How many lines `text` holds (its "\n" count + 1). 0 only in the first event of
   * `containers.logs`, sent once the engine has answered: the log is open (and may be empty so far).
   */
  count: number;
  /**
   * When timestamps were asked for: one per line, ms since the epoch with sub-ms precision as the
   * fraction (the engine's RFC 3339 nano timestamp), or null when a line had none.
   */
  ts?: (number | null)[];
}

/** The lines of a chunk, in order. */
export function logChunkLines(chunk: Pick<LogChunk, 'text'>): string[] {
  return chunk.text.split('\n');
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
