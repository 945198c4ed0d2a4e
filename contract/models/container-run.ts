/** Wire shapes of the run-a-container slice (containers.run, validateRun, update, resources, networks). */

/** Why the engine's checks refused a run spec: a stable code the UI can act on (never its English text). */
export const runIssueReasons = ['image-missing', 'name-taken', 'network-missing', 'cpus-over-engine', 'port-taken', 'port-busy', 'host-path-missing', 'host-path-unshared'] as const;
export type RunIssueReason = (typeof runIssueReasons)[number];

/** One problem with a run spec, naming the field the way the spec does (e.g. "ports.0.hostPort"). */
export interface RunIssue {
  field: string;
  message: string;
  /** Set by the back end's checks; absent for the schema's own issues (the form checks those as you type). */
  reason?: RunIssueReason;
}

export interface RunValidation {
  /** Empty when the engine has nothing against the spec. */
  issues: RunIssue[];
}

export interface RunResult {
  id: string;
  name: string;
  /** Warnings the engine returned when creating the container (e.g. about limits). */
  warnings: string[];
  /** Named volumes Berth created because they did not exist yet. */
  createdVolumes: string[];
}

/** CPU and memory limits of a container, from inspect (and current usage when it runs). */
export interface ContainerResources {
  id: string;
  name: string;
  running: boolean;
  /** CPU limit in CPUs (NanoCpus / 1e9); null = no limit. */
  cpus: number | null;
  /** Memory limit in bytes; null = no limit. */
  memory: number | null;
  /** Memory + swap limit in bytes; null = not set, -1 = unlimited swap. */
  memorySwap: number | null;
  /** Current memory usage in bytes (running containers only). */
  memoryUsage?: number;
  /** CPUs the engine has (the upper bound for a CPU limit). */
  engineCpus: number;
  /** Memory the engine has, in bytes. */
  engineMemory: number;
}

export interface NetworkChoice {
  id: string;
  name: string;
  driver: string;
}
