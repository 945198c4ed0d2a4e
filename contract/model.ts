/** Plain data shapes that cross the wire. No Docker or dockerode types here: engine/ maps to these. */

export type EngineState = 'stopped' | 'starting' | 'running' | 'error';
export type EndpointSource = 'setting' | 'DOCKER_HOST' | 'context' | 'default' | 'embedded';

export interface EngineEndpoint {
  /** e.g. unix:///var/run/docker.sock, tcp://127.0.0.1:2375, npipe:////./pipe/docker_engine */
  host: string;
  source: EndpointSource;
  /** Docker context name when source is 'context'. */
  context?: string;
}

export interface EngineStatus {
  state: EngineState;
  endpoint?: EngineEndpoint;
  /** True when Berth started this dockerd itself (and will stop it on quit). */
  managed: boolean;
  /** Why the engine is not running, in plain words. */
  message?: string;
  /** What the user can do about it, e.g. "Install Docker Engine: sudo apt-get install docker.io". */
  remedy?: string;
  /** Last lines of the embedded dockerd's log, when it failed. */
  logTail?: string[];
}

export interface EngineInfo {
  endpoint: EngineEndpoint;
  client: { berthVersion: string; dockerodeVersion: string; apiVersion: string; os: string; arch: string };
  server: {
    version: string;
    apiVersion: string;
    minApiVersion: string;
    gitCommit: string;
    goVersion: string;
    os: string;
    arch: string;
    kernelVersion: string;
    buildTime: string;
    containerdVersion?: string;
    runcVersion?: string;
    initVersion?: string;
  };
  system: {
    name: string;
    operatingSystem: string;
    osType: string;
    architecture: string;
    kernelVersion: string;
    storageDriver: string;
    cgroupDriver: string;
    cgroupVersion: string;
    dockerRootDir: string;
    cpus: number;
    memTotal: number;
    containers: number;
    containersRunning: number;
    containersPaused: number;
    containersStopped: number;
    images: number;
  };
}

export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

export interface PortMapping {
  /** Host IP the port is published on, when published. */
  ip?: string;
  privatePort: number;
  publicPort?: number;
  type: 'tcp' | 'udp' | 'sctp';
}

export interface ContainerSummary {
  id: string;
  name: string;
  image: string;
  imageId: string;
  command: string;
  state: ContainerState;
  /** The engine's status text, e.g. "Up 3 minutes" or "Exited (0) 2 seconds ago", as read. */
  status: string;
  /** When that text counts from (ms since the epoch), so the UI can keep it current (contract/status-text.ts). */
  statusSince?: number;
  ports: PortMapping[];
  /** Creation time, ms since the epoch. */
  created: number;
  labels: Record<string, string>;
  composeProject?: string;
  composeService?: string;
}

/** A live view of the container list: one snapshot, then deltas driven by engine events. */
export type ContainerChange =
  | { kind: 'snapshot'; containers: ContainerSummary[] }
  | { kind: 'upsert'; container: ContainerSummary }
  | { kind: 'remove'; id: string };

export interface EngineEvent {
  type: string;
  action: string;
  id: string;
  name?: string;
  attributes: Record<string, string>;
  /** ms since the epoch (from timeNano). */
  time: number;
}
