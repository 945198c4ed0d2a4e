import type { Disposable } from '../contract/define.js';
import { dockerConfigDir, writeDockerContext } from './docker-context.js';
import type { VmConfig, VmDriver, VmProgress, VmStartResult, VmState, VmStatus } from './driver.js';
import { acquireVmLock } from './vm-files.js';

export type VmAction = 'create' | 'start' | 'stop' | 'restart' | 'suspend' | 'delete' | 'reset';

/** Which actions each state allows; anything else is refused with the state named. */
const allowed: Record<VmState, VmAction[]> = {
  absent: ['create', 'start'],
  creating: [],
  stopped: ['start', 'delete', 'reset', 'create'],
  starting: ['stop'],
  running: ['stop', 'restart', 'suspend', 'delete', 'reset'],
  stopping: [],
  suspending: [],
  suspended: ['start', 'stop', 'delete', 'reset'],
  deleting: [],
  error: ['start', 'stop', 'delete', 'reset', 'create'],
};

export interface VmManagerOptions {
  driver: VmDriver;
  /** The VM's configuration for `create` (name, resources, shares, image); a function to read it when needed. */
  config: VmConfig | (() => VmConfig);
  /** Lock file: one Berth per VM. */
  lockPath: string;
  /** Where the docker CLI keeps contexts; null writes no `berth` context. Default $DOCKER_CONFIG or ~/.docker. */
  dockerConfigDir?: string | null;
  log?: (line: string) => void;
}

/** Progress of the running action, with the elapsed times for the UI ("Waiting for dockerd · 12 s"). */
export interface VmManagerProgress extends VmProgress {
  action: VmAction;
}

/**
 * The VM's lifecycle for the back end: an explicit state machine over a driver, one action at a time,
 * progress with elapsed time, the lock against a second Berth, and the `berth` Docker context.
 *
 *   const vm = new VmManager({ driver: new QemuDriver({ dataDir, imageDir }), config, lockPath });
 *   vm.onProgress((p) => …); vm.onStatus((s) => …);
 *   const { dockerHost } = await vm.start();   // creates the VM on first use; resumes when suspended
 *   await vm.quit();                            // on app quit: suspend where possible, else stop
 */
export class VmManager {
  private state: VmState;
  private busy: VmAction | undefined;
  private lock: { release(): void } | undefined;
  private readonly progressListeners = new Set<(p: VmManagerProgress) => void>();
  private readonly statusListeners = new Set<(s: VmStatus) => void>();
  private lastStatus: VmStatus;
  private readonly driverSub: Disposable;

  constructor(private readonly opts: VmManagerOptions) {
    this.lastStatus = { state: 'absent' };
    this.state = 'absent';
    this.driverSub = opts.driver.onStatus((s) => {
      this.state = s.state;
      this.lastStatus = s;
      for (const l of [...this.statusListeners]) l(s);
    });
  }

  private config(): VmConfig {
    return typeof this.opts.config === 'function' ? this.opts.config() : this.opts.config;
  }

  get currentState(): VmState {
    return this.state;
  }

  onStatus(listener: (s: VmStatus) => void): Disposable {
    this.statusListeners.add(listener);
    listener(this.lastStatus);
    return { dispose: () => this.statusListeners.delete(listener) };
  }

  onProgress(listener: (p: VmManagerProgress) => void): Disposable {
    this.progressListeners.add(listener);
    return { dispose: () => this.progressListeners.delete(listener) };
  }

  /** Current status with the driver's details (resources, disk use, console tail). */
  status(): Promise<VmStatus> {
    return this.opts.driver.status();
  }

  private async run<T>(action: VmAction, body: (progress: (step: string) => void) => Promise<T>): Promise<T> {
    if (this.busy) throw new Error(`The VM is busy (${this.busy}); try again when it is done.`);
    if (!allowed[this.state].includes(action)) throw new Error(`Cannot ${action} the VM while it is ${this.state}.`);
    this.busy = action;
    const t0 = Date.now();
    let step = '';
    let stepAt = t0;
    const progress = (s: string) => {
      if (s !== step) [step, stepAt] = [s, Date.now()];
      const p: VmManagerProgress = { action, step: s, elapsedMs: Date.now() - t0, stepElapsedMs: Date.now() - stepAt };
      for (const l of [...this.progressListeners]) l(p);
    };
    try {
      return await body(progress);
    } finally {
      this.busy = undefined;
    }
  }

  private takeLock(): void {
    this.lock ??= acquireVmLock(this.opts.lockPath);
  }

  async create(): Promise<void> {
    await this.run('create', async (progress) => {
      this.takeLock();
      const avail = await this.opts.driver.available();
      if (!avail.ok) throw new Error(`${avail.message} ${avail.remedy}`);
      progress('Creating the VM');
      await this.opts.driver.create(this.config());
    });
  }

  /** Starts (or resumes) the VM and waits for dockerd; creates it first when absent. */
  async start(signal?: AbortSignal): Promise<VmStartResult> {
    if (this.state === 'absent') await this.create();
    return this.run('start', async (progress) => {
      this.takeLock();
      const result = await this.opts.driver.start((p) => progress(p.step), signal);
      const configDir = this.opts.dockerConfigDir === undefined ? dockerConfigDir() : this.opts.dockerConfigDir;
      if (configDir) writeDockerContext(configDir, result.dockerHost);
      return result;
    });
  }

  async stop(timeoutMs?: number): Promise<void> {
    await this.run('stop', async (progress) => {
      progress('Stopping the VM');
      if (this.state === 'suspended') await this.opts.driver.discardSuspended();
      else await this.opts.driver.stop({ timeoutMs });
    });
  }

  async restart(): Promise<VmStartResult> {
    await this.run('restart', async (progress) => {
      progress('Stopping the VM');
      await this.opts.driver.stop();
    });
    return this.start();
  }

  async suspend(): Promise<void> {
    await this.run('suspend', async (progress) => {
      progress('Saving the VM');
      await this.opts.driver.suspend();
    });
  }

  /** Removes the VM and its data disk: every image, container and volume in it. Ask the user first. */
  async delete(): Promise<void> {
    await this.run('delete', async (progress) => {
      progress('Deleting the VM');
      await this.opts.driver.delete();
    });
  }

  /** Delete, then create anew (a fresh, empty engine). Ask the user first: images, containers and volumes go. */
  async reset(): Promise<void> {
    await this.run('reset', async (progress) => {
      progress('Deleting the VM');
      await this.opts.driver.delete();
      progress('Creating the VM');
      await this.opts.driver.create(this.config());
    });
  }

  /** On app quit: suspend a running VM where the driver can, else stop it; then release the lock. */
  async quit(): Promise<void> {
    try {
      if (this.state === 'running') {
        if (this.opts.driver.canSuspend) {
          await this.suspend().catch((err: Error) => {
            this.opts.log?.(`vm: not saved, stopping it instead (it cold-boots next time): ${err.message}`);
            return this.stop();
          });
        }
        else await this.stop();
      } else if (this.state === 'starting' || this.state === 'error') {
        await this.opts.driver.stop({ timeoutMs: 10_000 });
      }
    } finally {
      this.driverSub.dispose();
      this.lock?.release();
      this.lock = undefined;
    }
  }
}
