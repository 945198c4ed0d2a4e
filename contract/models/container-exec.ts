/** Wire shapes of the exec/attach terminal and of container stats. Pure data, no Docker types. */

/** What an exec (or attach) stream emits, in order: one `ready`, any number of `output`, then one `exit`. */
export type ExecEvent =
  | {
      kind: 'ready';
      /** Id of this session: pass it to containers.execInput / containers.execResize. Only the calling connection may use it. */
      session: string;
      /** True when attached to the container's main process rather than a new exec. */
      attached: boolean;
      /** Whether the process has a TTY (always true for exec; the container's own setting for attach). */
      tty: boolean;
    }
  /** Terminal output, already decoded from UTF-8 (characters split across chunks are kept whole). */
  | { kind: 'output'; data: string }
  /**
   * The process ended (or the attach was detached). `code` is the exit code when known (null when the
   * engine did not say, e.g. after a detach). `reason` explains a failure in plain words, e.g. when the
   * command does not exist in the container.
   */
  | { kind: 'exit'; code: number | null; reason?: ExecExitReason; message?: string };

/** Why a session ended abnormally. */
export type ExecExitReason = 'command-not-found' | 'not-running' | 'engine-error';

/** One live stats sample of one container, computed as the docker CLI does. */
export interface ContainerStats {
  /** When the engine read this sample (ms since the epoch). */
  time: number;
  /** CPU use in percent of one core (can exceed 100 on several cores), from cpu/system deltas × online CPUs. */
  cpuPercent: number;
  onlineCpus: number;
  /** Memory in use without page cache (usage − inactive_file / total_inactive_file), bytes. */
  memoryBytes: number;
  /** The memory limit (the host's memory when the container has none), bytes. */
  memoryLimitBytes: number;
  /** memoryBytes / memoryLimitBytes × 100 (0 when the limit is unknown). */
  memoryPercent: number;
  /** Cumulative bytes over all network interfaces. */
  networkRxBytes: number;
  networkTxBytes: number;
  /** Bytes per second since the previous sample (0 for the first). */
  networkRxRate: number;
  networkTxRate: number;
  /** Cumulative block I/O, bytes. */
  blockReadBytes: number;
  blockWriteBytes: number;
  /** Bytes per second since the previous sample (0 for the first). */
  blockReadRate: number;
  blockWriteRate: number;
  /** Processes/threads in the container. */
  pids: number;
}

/** What containers.stats emits: samples, or a note that the container is not running (stream ends). */
export type ContainerStatsEvent = { kind: 'sample'; stats: ContainerStats } | { kind: 'stopped' };

/** A compact sample for the list's sparklines (≤ 1 per second per container). */
export interface StatsSummarySample {
  id: string;
  cpuPercent: number;
  memoryBytes: number;
  /** ms since the epoch. */
  time: number;
}

/** What containers.statsSummary emits: a sample, or that a container stopped (forget its history). */
export type StatsSummaryEvent = { kind: 'sample'; sample: StatsSummarySample } | { kind: 'stopped'; id: string };
