/** Plain data shapes that cross the wire. No Docker or dockerode types here: engine/ maps to these. */

export type EngineState = 'stopped' | 'starting' | 'running' | 'error';
export type EndpointSource = 'setting' | 'DOCKER_HOST' | 'context' | 'default' | 'embedded' | 'vm';
/** Where the engine comes from: one that already runs, Berth's own dockerd on this machine, or Berth's VM. */
export type EngineProviderKind = 'native' | 'embedded' | 'vm';

/** One step of a long start (e.g. "Starting the VM", "Waiting for dockerd"), with its time. */
export interface EngineStep {
  label: string;
  state: 'pending' | 'active' | 'done' | 'failed';
  /** Milliseconds spent in the step so far (active) or in all (done, failed). */
  elapsedMs?: number;
}

/** The VM that runs the engine, as the Engine page shows it. */
export interface VmView {
  state: 'absent' | 'creating' | 'stopped' | 'starting' | 'running' | 'stopping' | 'suspending' | 'deleting' | 'error';
  driver: string;
  cpus: number;
  memoryMiB: number;
  diskGiB: number;
  /** Accelerator in use (kvm, hvf, tcg…), and a warning when it is slow. */
  accel?: string;
  warning?: string;
  /** Last lines of the VM console. */
  consoleTail?: string[];
  /** Host folders shared with the VM (at the same paths inside), as the running VM has them. */
  shares?: { hostPath: string; readOnly?: boolean }[];
  /** How they are shared: 9p (QEMU) or virtio-fs (vfkit). */
  shareFs?: '9p' | 'virtiofs';
}

/** A container port published in Berth's VM, forwarded to this computer. */
export interface PortForward {
  containerId: string;
  protocol: 'tcp' | 'udp';
  /** Where it listens on this computer: 127.0.0.1 and ::1 by default, 0.0.0.0 and :: with the setting. */
  hostIp: string;
  hostPort: number;
}

/** A published port that could not be forwarded (the host port is taken): the container keeps running. */
export interface PortForwardWarning {
  containerId: string;
  containerName: string;
  protocol: 'tcp' | 'udp';
  hostIp: string;
  hostPort: number;
  message: string;
}

/** Berth's port forwards from its VM to this computer (inactive when the engine is not in Berth's VM). */
export interface PortForwardsView {
  active: boolean;
  allInterfaces: boolean;
  forwards: PortForward[];
  warnings: PortForwardWarning[];
}

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
  /** Which provider runs the engine (or is being tried), and why it was chosen. */
  provider?: EngineProviderKind;
  why?: string;
  /** Progress of a long start, step by step. */
  steps?: EngineStep[];
  /** Berth's VM, when the VM provider is in use. */
  vm?: VmView;
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
  /** HostConfig.NetworkMode: "default", "bridge" or a network's name, or "host", "none", "container:<id>" (then it joins no other network). */
  networkMode?: string;
}

/**
 * One change to a live collection (containers, images; volumes, networks and compose projects next):
 * a watch sends one snapshot, then deltas driven by engine events. `snapshot` replaces the whole list
 * (first, and again after the back end may have missed events, e.g. its event stream reconnected);
 * `upsert` adds or replaces one item by its id; `remove` drops the item with this id.
 */
export type Change<T> = { kind: 'snapshot'; items: T[] } | { kind: 'upsert'; item: T } | { kind: 'remove'; id: string };

export interface EngineEvent {
  type: string;
  action: string;
  id: string;
  name?: string;
  attributes: Record<string, string>;
  /** ms since the epoch (from timeNano). */
  time: number;
}
