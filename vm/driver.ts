import type { Disposable } from '../contract/define.js';

/**
 * The lightweight Linux VM that runs dockerd where there is no native engine (macOS, Windows, or Linux
 * without root). One interface, one driver per hypervisor: qemu (Linux KVM/TCG, macOS HVF), vfkit
 * (macOS Virtualization.framework), wsl (Windows). Only qemu exists (vm/drivers/qemu); VmManager
 * (vm/vm-manager.ts) wraps a driver with the state machine, the lock and progress. Drivers hold no Docker
 * knowledge beyond `_ping`: they boot the image and expose the engine's socket on the host.
 */

/**
 * Lifecycle, an explicit state machine:
 * absent → (create) → stopped → (start) → starting → running → (stop) → stopping → stopped → (delete) → absent.
 * running → (suspend) → suspending → suspended → (start: resume) → starting → running.
 * Any step can end in `error`; from there `start`, `stop` and `delete` are still allowed.
 */
export type VmState =
  | 'absent'
  | 'creating'
  | 'stopped'
  | 'starting'
  | 'running'
  | 'stopping'
  | 'suspending'
  | 'suspended'
  | 'deleting'
  | 'error';

/** Hypervisors Berth can drive. */
export type VmDriverName = 'qemu' | 'vfkit' | 'wsl';

export interface VmResources {
  /** Virtual CPUs (at least 1). */
  cpus: number;
  /** Memory in MiB. */
  memoryMiB: number;
  /** Size of the data disk (images, containers, volumes) in GiB; it can grow, never shrink. */
  diskGiB: number;
}

/** A host directory mounted in the VM at the same path, so bind mounts work unchanged. */
export interface VmShare {
  hostPath: string;
  /** Defaults to hostPath. */
  guestPath?: string;
  readOnly?: boolean;
}

/** A port on the host forwarded into the VM (published container ports follow the engine's events). */
export interface VmPortForward {
  protocol: 'tcp' | 'udp';
  hostIp: string;
  hostPort: number;
  guestPort: number;
}

export interface VmConfig {
  /** Unique per data dir, e.g. "berth". */
  name: string;
  resources: VmResources;
  shares: VmShare[];
  /** The VM image (kernel + rootfs with dockerd) built by vm/image. */
  imagePath: string;
}

export interface VmStatus {
  state: VmState;
  /** Where the engine in the VM answers on the host, once running (unix:// or npipe://). */
  dockerHost?: string;
  resources?: VmResources;
  /** Plain words for `error` (or progress while starting, e.g. "Waiting for dockerd"). */
  message?: string;
  /** Last lines of the VM console / hypervisor log, when it failed. */
  logTail?: string[];
  /** The accelerator in use (kvm, hvf, tcg) and, for tcg, the plain warning that it is slow. */
  accel?: string;
  warning?: string;
  /** The folders the running VM shares (as it was booted; a change applies at the next start). */
  shares?: VmShare[];
  /** The data disk inside the guest, when the guest agent answers. */
  disk?: { usedBytes: number; totalBytes: number };
}

/** Progress of a long step (create, start), for the UI. */
export interface VmProgress {
  step: string;
  /** 0..1 when known. */
  fraction?: number;
  /** Since the operation (start, stop…) began, and since this step began. */
  elapsedMs?: number;
  stepElapsedMs?: number;
}

/** What `start` measured: host time of each stage since QEMU was spawned, and the guest's uptime then. */
export interface VmStartResult {
  dockerHost: string;
  /** True when the VM was resumed from a saved state rather than booted. */
  resumed: boolean;
  /** True when a VM left running by an earlier back end was taken over (no boot at all). */
  adopted?: boolean;
  /** e.g. qemu (QMP answered), initramfs, init, data, network, containerd, dockerd, ping. */
  stages: { name: string; hostMs: number; guestUptimeS?: number }[];
  totalMs: number;
}

export interface VmDriver {
  readonly name: VmDriverName;

  /** Can this driver run here (hypervisor present, permissions)? If not, why, and what to install. */
  available(): Promise<{ ok: true } | { ok: false; message: string; remedy: string }>;

  /** Create the VM's disk and configuration from the image (state absent → stopped). */
  create(config: VmConfig, onProgress?: (p: VmProgress) => void, signal?: AbortSignal): Promise<void>;
  /**
   * Boot it, or resume it from a state saved by `suspend`, and wait until dockerd answers
   * (stopped|suspended → running). A missing, stale or unreadable state means a cold boot.
   */
  start(onProgress?: (p: VmProgress) => void, signal?: AbortSignal): Promise<VmStartResult>;
  /** Shut it down cleanly, forcing it after `timeoutMs` (running → stopped). */
  stop(options?: { timeoutMs?: number }): Promise<void>;
  /** Whether `suspend` works here (else quitting Berth stops the VM). */
  readonly canSuspend: boolean;
  /** Save the running VM's memory to a file and end it, leaving the disk alone (running → suspended). */
  suspend(): Promise<void>;
  /** Drop a saved state, so the next start cold-boots. */
  discardSuspended(): Promise<void>;
  /** Remove the VM and its disk (→ absent). Destructive: the caller has asked the user first. */
  delete(): Promise<void>;

  status(): Promise<VmStatus>;
  /** The status on every change, first the current one. */
  onStatus(listener: (s: VmStatus) => void): Disposable;

  /** Change CPUs/memory/disk; takes effect on the next start. Rejects a disk smaller than the current one. */
  setResources(resources: VmResources): Promise<void>;
  /** Replace the shared directories; takes effect on the next start. */
  setShares(shares: VmShare[]): Promise<void>;

  /** Forward a host port into the VM until disposed. Rejects when the host port is taken. */
  forwardPort(forward: VmPortForward): Promise<Disposable>;
  /** Ports forwarded now. */
  forwardedPorts(): VmPortForward[];
}
