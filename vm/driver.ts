import type { Disposable } from '../contract/define.js';

/**
 * The lightweight Linux VM that runs dockerd where there is no native engine (macOS, Windows, or Linux
 * without root). One interface, one driver per hypervisor: qemu (Linux KVM/TCG, macOS HVF), vfkit
 * (macOS Virtualization.framework), wsl (Windows). Only the interface exists for now; the drivers are
 * a later issue. Drivers hold no Docker knowledge: they boot the image and expose the engine's socket.
 */

/**
 * Lifecycle, an explicit state machine:
 * absent → (create) → stopped → (start) → starting → running → (stop) → stopping → stopped → (delete) → absent.
 * Any step can end in `error`; from there `stop` and `delete` are still allowed.
 */
export type VmState = 'absent' | 'creating' | 'stopped' | 'starting' | 'running' | 'stopping' | 'deleting' | 'error';

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
}

/** Progress of a long step (create, start), for the UI. */
export interface VmProgress {
  step: string;
  /** 0..1 when known. */
  fraction?: number;
}

export interface VmDriver {
  readonly name: VmDriverName;

  /** Can this driver run here (hypervisor present, permissions)? If not, why, and what to install. */
  available(): Promise<{ ok: true } | { ok: false; message: string; remedy: string }>;

  /** Create the VM's disk and configuration from the image (state absent → stopped). */
  create(config: VmConfig, onProgress?: (p: VmProgress) => void, signal?: AbortSignal): Promise<void>;
  /** Boot it and wait until dockerd answers (stopped → running); resolves with the engine's host. */
  start(onProgress?: (p: VmProgress) => void, signal?: AbortSignal): Promise<{ dockerHost: string }>;
  /** Shut it down cleanly, forcing it after `timeoutMs` (running → stopped). */
  stop(options?: { timeoutMs?: number }): Promise<void>;
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
