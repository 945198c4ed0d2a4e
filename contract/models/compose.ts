/** Wire shapes of compose projects (pure types). Field names follow the compose spec, camel-cased. */

/** A problem in a compose file, where it is: the file, its 1-based line and column, and what is wrong in words. */
export interface ComposeIssue {
  file: string;
  line: number;
  column: number;
  message: string;
  /** The key path, e.g. "services.web.ports.0". */
  path?: string;
  /** A file given to load is not there (or a folder given has no compose file): nothing can be opened from it. */
  missing?: true;
}

export interface ComposePort {
  target: number;
  /** Undefined: the engine picks a free host port. */
  published?: number;
  hostIp?: string;
  protocol: 'tcp' | 'udp' | 'sctp';
}

export type ComposeMount =
  /** source: an absolute host path (relative ones resolved against the project folder). */
  | { type: 'bind'; source: string; target: string; readOnly: boolean }
  /** source: a volume key of the file (or absent: an anonymous volume). */
  | { type: 'volume'; source?: string; target: string; readOnly: boolean }
  /**
   * size: the long syntax's `tmpfs.size` in bytes. options: the short syntax's (`tmpfs: /run:size=64m`)
   * mount options as written, '' when none; such a mount goes in HostConfig.Tmpfs as docker compose
   * sends it (the engine then adds its noexec,nosuid,nodev defaults).
   */
  | { type: 'tmpfs'; target: string; size?: number; options?: string };

export interface ComposeHealthcheck {
  /** ["CMD", …], ["CMD-SHELL", "…"] or ["NONE"]. */
  test: string[];
  /** Nanoseconds, as the engine takes them. */
  interval?: number;
  timeout?: number;
  startPeriod?: number;
  retries?: number;
}

export type DependencyCondition = 'service_started' | 'service_healthy' | 'service_completed_successfully';

export interface ComposeBuild {
  /** Absolute folder on the back-end host. */
  context: string;
  dockerfile?: string;
  args: Record<string, string>;
  target?: string;
}

export interface ComposeService {
  name: string;
  /** The image to run; for a build without `image`, "<project>-<service>" (compose v2). */
  image: string;
  build?: ComposeBuild;
  command?: string[];
  entrypoint?: string[];
  /** null: named without a value and not set in Berth's environment (left out of the container). */
  environment: Record<string, string | null>;
  ports: ComposePort[];
  expose: string[];
  volumes: ComposeMount[];
  /** bridge, host or none: instead of the project's networks. */
  networkMode?: string;
  /** Network key → aliases. */
  networks: Record<string, { aliases: string[] }>;
  dependsOn: Record<string, { condition: DependencyCondition }>;
  healthcheck?: ComposeHealthcheck;
  restart?: string;
  labels: Record<string, string>;
  user?: string;
  workingDir?: string;
  containerName?: string;
  hostname?: string;
  tty?: boolean;
  stdinOpen?: boolean;
  init?: boolean;
  privileged?: boolean;
  readOnly?: boolean;
  capAdd: string[];
  capDrop: string[];
  extraHosts: string[];
  dns: string[];
  stopSignal?: string;
  /** Seconds. */
  stopGracePeriod?: number;
  /** deploy.resources.limits: CPUs (e.g. 0.5) and memory in bytes. */
  limits?: { cpus?: number; memory?: number };
  profiles: string[];
}

export interface ComposeNetwork {
  /** The engine's name: "<project>_<key>" unless `name:` or external. */
  name: string;
  external: boolean;
  driver?: string;
  labels: Record<string, string>;
}

export interface ComposeVolume {
  name: string;
  external: boolean;
  driver?: string;
  labels: Record<string, string>;
}

/** A compose project as loaded from its files: everything interpolated, merged, extended and checked. */
export interface ComposeProject {
  name: string;
  workingDir: string;
  configFiles: string[];
  /** Services enabled by the active profiles, in file order. */
  services: ComposeService[];
  /** Services left out because none of their profiles is active. */
  disabledServices: string[];
  networks: Record<string, ComposeNetwork>;
  volumes: Record<string, ComposeVolume>;
  warnings: ComposeIssue[];
}

/** What `up` would do to one service. */
export type ServicePlan = 'create' | 'recreate' | 'start' | 'unchanged';

/** The answer to `compose.load`: the project, or why it cannot be loaded. */
export type ComposeLoadResult =
  | { ok: true; project: ComposeProject; plan: Record<string, ServicePlan> }
  | { ok: false; errors: ComposeIssue[]; warnings: ComposeIssue[] };

export type ServiceStep = 'waiting' | 'pulling' | 'building' | 'creating' | 'recreating' | 'starting' | 'healthy' | 'running' | 'exited' | 'stopped' | 'removed' | 'unchanged' | 'failed';

/** One event of `compose.up`/`compose.run`. */
export type ComposeEvent =
  | { kind: 'service'; service: string; step: ServiceStep; message?: string; container?: string }
  | { kind: 'resource'; what: 'network' | 'volume'; name: string; step: 'created' | 'exists' | 'removed' }
  | { kind: 'log'; text: string }
  | { kind: 'done'; message: string };

/** A project known from its containers' labels (running, or started by docker-compose). */
export interface ComposeDownPlan {
  project: string;
  containers: string[];
  networks: string[];
  volumes: string[];
  /** The project's named volumes `down` leaves in place (all of them unless volumes are removed too): the dialog says they stay. */
  keptVolumes: string[];
  images: string[];
  /**
   * Set when the project's files were given but could not be used (moved, deleted, or no longer
   * valid): why, in words. The plan then comes from the compose labels alone, as `docker compose
   * down -p NAME` does without files.
   */
  filesNotRead?: string;
}

/** One line of a merged log: which container (index into the request's list), its stream, the engine's timestamp (ms). */
export interface MergedLogLine {
  source: number;
  stream: 'stdout' | 'stderr';
  ts: number | null;
  text: string;
}
