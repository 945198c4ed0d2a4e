import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { arch as hostArch } from 'node:os';
import type { Disposable } from '../../../contract/define.js';
import type { VmConfig, VmDriver, VmPortForward, VmProgress, VmResources, VmShare, VmStartResult, VmStatus } from '../../driver.js';
import { EngineSocket } from '../../engine-socket/engine-socket.js';
import { pingOnce } from '../../engine-socket/ping.js';
import { vmPaths, type VmPaths } from '../../vm-files.js';
import { cachedAccel, detectAccel, type AccelChoice } from './accel.js';
import { ConsoleFollower, GuestPanicError } from './console-stages.js';
import { dataDiskUsage, diskFullMessage, freezeDataDisk, mountShares, requestGuestShutdown, setGuestClock, thawDataDisk, unmountShares } from './guest-actions.js';
import { freePort } from '../free-port.js';
import { HostForwards } from './host-forwards.js';
import { imageId, machineInput } from './machine-input.js';
import { machineKey, qemuArgs, qemuBinary, type QemuAccel, type QemuArch, type QemuArgsInput } from './qemu-args.js';
import { qemuAvailability } from './qemu-available.js';
import { QemuVmFiles } from './qemu-vm-files.js';
import { adoptQemu, isQemuFor, killLeftover, readPidFile, spawnQemu, tailFile, waitGone, type SpawnedQemu } from './qemu-process.js';
import { QmpClient } from './qmp-client.js';
import { discardState, finishIncoming, incomingCommand, readState, saveState } from './suspend-state.js';
import { VmStatusCell } from '../../vm-status-cell.js';

export interface QemuDriverOptions {
  /** Berth's data dir; the VM's files live in `<dataDir>/vm/<name>/`. */
  dataDir: string;
  name?: string;
  /** A built guest image dir (vm/image): vmlinuz (and vmlinux on x86, for vfkit), initrd.img, rootfs.img, manifest.json. */
  imageDir: string;
  qemuBinary?: string;
  arch?: QemuArch;
  accel?: QemuAccel | 'auto';
  /** How long a cold boot may take until `_ping` (default 10 min: TCG on a loaded machine is slow). */
  bootTimeoutMs?: number;
  extraCmdline?: string[];
  tcgTbSizeMiB?: number;
  /** `-bios`; on x86 the default is qboot where installed. */
  firmware?: string;
  log?: (line: string) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The QEMU driver: Linux (KVM or TCG) and macOS (HVF), x86_64 and aarch64. See vm/README.md. */
export class QemuDriver implements VmDriver {
  readonly name = 'qemu' as const;
  readonly canSuspend = true;
  readonly paths: VmPaths;
  private readonly binary: string;
  private readonly arch: QemuArch;
  private accelChoice: AccelChoice | undefined;
  private qemu: SpawnedQemu | undefined;
  private qmp: QmpClient | undefined;
  private readonly files: QemuVmFiles;
  private readonly socket: EngineSocket;
  private readonly forwards = new HostForwards(() => this.qmp);
  private readonly statusCell = new VmStatusCell({ state: 'absent' });

  constructor(private readonly opts: QemuDriverOptions) {
    this.paths = vmPaths(opts.dataDir, opts.name ?? 'berth');
    this.arch = opts.arch ?? (hostArch() === 'arm64' ? 'aarch64' : 'x86_64');
    this.binary = opts.qemuBinary ?? qemuBinary(this.arch);
    this.files = new QemuVmFiles(this.paths, opts.log);
    this.socket = new EngineSocket(this.paths.engineSocket);
    if (this.files.exists()) this.statusCell.set({ state: existsSync(this.paths.stateMeta) ? 'suspended' : 'stopped' });
  }

  async available(): Promise<{ ok: true } | { ok: false; message: string; remedy: string }> {
    return qemuAvailability(this.binary, this.arch, this.opts.imageDir);
  }

  async create(config: VmConfig): Promise<void> {
    await this.files.create(config);
    this.statusCell.set({ state: existsSync(this.paths.stateMeta) ? 'suspended' : 'stopped' });
  }

  /** QEMU's arguments (see machine-input.ts), its engine forward on host port `port`. */
  private argsInput(port: number): QemuArgsInput {
    const { imageDir, extraCmdline, tcgTbSizeMiB, firmware } = this.opts;
    const accel = this.accelChoice?.accel ?? 'tcg';
    const resources = this.files.config().resources;
    return machineInput({ arch: this.arch, accel, imageDir, paths: this.paths, resources, shares: this.files.sharesNow(), extraCmdline, tcgTbSizeMiB, firmware }, port);
  }

  async start(onProgress?: (p: VmProgress) => void, signal?: AbortSignal): Promise<VmStartResult> {
    const avail = await this.available();
    if (!avail.ok) throw new Error(`${avail.message} ${avail.remedy}`);
    const adopted = await this.tryAdopt();
    if (adopted) return adopted;
    const leftover = await killLeftover(this.paths.pidFile);
    if (leftover) this.opts.log?.(`ended a QEMU (pid ${leftover}) left behind by an earlier Berth`);
    if (!this.accelChoice) {
      const forced = this.opts.accel && this.opts.accel !== 'auto' ? { accel: this.opts.accel } : undefined;
      this.accelChoice = forced ?? (await cachedAccel(this.paths.accelCache, this.binary, () => detectAccel(this.binary, this.arch)));
      if (this.accelChoice.warning) this.opts.log?.(this.accelChoice.warning);
    }
    this.statusCell.set({ state: 'starting', message: 'Starting the VM' });
    try {
      const key = machineKey(this.argsInput(0));
      const saved = readState(this.paths.state, this.paths.stateMeta, key, imageId(this.opts.imageDir));
      if (saved) {
        try {
          return await this.boot(onProgress, signal, incomingCommand(this.paths.state, saved));
        } catch (e) {
          // The disk is the truth: a state that cannot be resumed is dropped and the VM boots cold.
          this.opts.log?.(`resume failed, booting cold: ${(e as Error).message}`);
          await this.kill();
          discardState(this.paths.state, this.paths.stateMeta);
        }
      }
      return await this.coldBoot(onProgress, signal);
    } catch (e) {
      await this.kill();
      rmSync(this.paths.accelCache, { force: true }); // probed again next time: one that passed may fail the VM
      const tail = tailFile(this.paths.consoleLog).concat(tailFile(this.paths.qemuLog, 10));
      this.statusCell.set({ state: 'error', message: (e as Error).message, logTail: tail });
      throw new Error(`${(e as Error).message}\n${tail.slice(-12).join('\n')}`, { cause: e });
    }
  }

  /**
   * A cold boot, tried once more when the guest kernel panicked: under TCG the Debian kernel has panicked
   * 1.5 s into a boot ("Fatal exception in interrupt", in sched_clock_cpu) and booted fine the next time.
   */
  private async coldBoot(onProgress: ((p: VmProgress) => void) | undefined, signal: AbortSignal | undefined): Promise<VmStartResult> {
    try {
      return await this.boot(onProgress, signal);
    } catch (e) {
      if (!(e instanceof GuestPanicError) || signal?.aborted) throw e;
      const tail = tailFile(this.paths.consoleLog, 15);
      this.opts.log?.(`the guest kernel panicked while booting; booting it once more. The VM console's last lines:\n${tail.join('\n')}`);
      await this.kill();
      onProgress?.({ step: 'The guest kernel panicked; starting the VM again', elapsedMs: 0, stepElapsedMs: 0 });
      return await this.boot(onProgress, signal).catch((again: unknown) => {
        throw again instanceof GuestPanicError ? new Error(`${again.message} It had panicked on the boot before too.`, { cause: again }) : again;
      });
    }
  }

  private async boot(onProgress: ((p: VmProgress) => void) | undefined, signal: AbortSignal | undefined, incoming?: string): Promise<VmStartResult> {
    const t0 = Date.now();
    let stepName = 'Starting the VM';
    let stepAt = t0;
    const progress = (step: string) => {
      if (step !== stepName) [stepName, stepAt] = [step, Date.now()];
      this.statusCell.set({ state: 'starting', message: step });
      onProgress?.({ step, elapsedMs: Date.now() - t0, stepElapsedMs: Date.now() - stepAt });
    };
    const stages: VmStartResult['stages'] = [];
    const port = await freePort();
    for (const p of [this.paths.qmpSocket, this.paths.guestAgentSocket, this.paths.consoleLog]) rmSync(p, { force: true });
    await this.socket.listen();
    this.socket.setTarget(port, this.files.certs());
    if (!incoming) await this.files.writeSeed();
    const args = qemuArgs({ ...this.argsInput(port), incoming });
    this.opts.log?.(`${this.binary} ${args.join(' ')}`);
    progress(incoming ? 'Resuming the VM' : 'Starting the VM');
    const qemu = spawnQemu(this.binary, args, this.paths.qemuLog);
    this.qemu = qemu;
    // What a back end started later needs to take this QEMU over (see tryAdopt).
    writeFileSync(this.paths.runtime, JSON.stringify({ enginePort: port, accel: this.accelChoice, shares: this.files.sharesNow() }), { mode: 0o600 });
    let exited: string | undefined;
    void qemu.exited.then(({ code, signal: sig }) => {
      exited = `QEMU ended (${sig ?? `exit code ${code}`})`;
      if (this.qemu === qemu) this.onQemuExit(exited);
    });
    const deadline = t0 + (incoming ? 60_000 : (this.opts.bootTimeoutMs ?? 600_000));
    const follower = new ConsoleFollower(this.paths.consoleLog);
    const check = () => {
      if (signal?.aborted) throw new Error('Starting the VM was cancelled.');
      // A panic is named even when QEMU then ended (panic=-1): it is the cause, and worth a second boot.
      if (follower.panic) throw new GuestPanicError(follower.panic);
      if (exited) throw new Error(`${exited} before the engine answered.`);
      if (Date.now() > deadline) {
        throw new Error(`The VM did not answer within ${Math.round((deadline - t0) / 1000)} s (the console's last lines are below).`);
      }
    };
    while (!this.qmp) {
      follower.poll();
      check();
      try {
        if (existsSync(this.paths.qmpSocket)) this.qmp = await QmpClient.connect(this.paths.qmpSocket, 2000);
      } catch {
        // not listening yet
      }
      if (!this.qmp) await sleep(50);
    }
    stages.push({ name: 'qemu', hostMs: Date.now() - t0 });
    let afterResume: Promise<void> = Promise.resolve();
    this.watchQmp(this.qmp);
    if (incoming) {
      await finishIncoming(this.qmp, 60_000);
      // From here the disk moves on: the state must never be resumed again.
      discardState(this.paths.state, this.paths.stateMeta);
      stages.push({ name: 'resumed', hostMs: Date.now() - t0 });
      // Thaw, clock and forwards go on while dockerd is pinged; start resolves when all are done.
      afterResume = (async () => {
        await thawDataDisk(this.paths.guestAgentSocket, this.opts.log);
        await setGuestClock(this.paths.guestAgentSocket, this.opts.log);
        stages.push({ name: 'clock', hostMs: Date.now() - t0 });
        await this.remountShares();
        await this.forwards.restore(this.opts.log);
      })();
    }
    let lastTick = Date.now();
    if (!incoming) progress('Waiting for the kernel');
    for (;;) {
      const newStages = follower.poll();
      check();
      for (const s of newStages) {
        stages.push({ name: s.name, hostMs: Date.now() - t0, guestUptimeS: s.guestUptimeS });
        if (s.name === 'initramfs') progress('Waiting for dockerd');
      }
      if ((incoming || stages.some((s) => s.name === 'dockerd')) && (await pingOnce(this.socket.path, 2000))) break;
      if (Date.now() - lastTick >= 1000) [lastTick] = [Date.now(), progress(stepName)];
      await sleep(incoming ? 20 : 100);
    }
    stages.push({ name: 'ping', hostMs: Date.now() - t0 });
    await afterResume;
    this.statusCell.set({ state: 'running', dockerHost: this.socket.dockerHost, resources: this.files.config().resources, shares: this.files.sharesNow(), accel: this.accelChoice?.accel, warning: this.accelChoice?.warning });
    return { dockerHost: this.socket.dockerHost, resumed: Boolean(incoming), stages, totalMs: Date.now() - t0 };
  }

  private watchQmp(qmp: QmpClient): void {
    qmp.onEvent((e) => {
      if (e.event === 'BLOCK_IO_ERROR' && e.data?.nospace) {
        this.statusCell.set({ state: 'error', message: 'The host disk holding the VM data disk is full: QEMU paused the VM. Free space on the host, then restart the VM.' });
      }
    });
  }

  /**
   * A QEMU this VM's earlier back end started and left running (the back end restarted, or Berth was
   * ended without quitting): taken over instead of ended, so containers keep running. It must be ours
   * (its command line names this VM's QMP socket), answer QMP, be running, and its dockerd must answer.
   * Anything less and it is ended as a leftover, and the VM starts as usual.
   */
  private async tryAdopt(): Promise<VmStartResult | undefined> {
    const t0 = Date.now();
    const pid = readPidFile(this.paths.pidFile);
    if (!pid || !isQemuFor(pid, this.paths.qmpSocket) || !existsSync(this.paths.runtime)) return undefined;
    let qmp: QmpClient | undefined;
    try {
      const runtime = JSON.parse(readFileSync(this.paths.runtime, 'utf8')) as { enginePort: number; accel?: AccelChoice; shares?: VmShare[] };
      qmp = await QmpClient.connect(this.paths.qmpSocket, 3000);
      const { status } = await qmp.execute<{ status: string }>('query-status');
      if (status !== 'running') throw new Error(`it is ${status}`);
      await this.socket.listen();
      this.socket.setTarget(runtime.enginePort, this.files.certs());
      if (!(await pingOnce(this.socket.path, 5000))) throw new Error('its dockerd does not answer');
      this.accelChoice ??= runtime.accel;
      const qemu = adoptQemu(pid);
      this.qemu = qemu;
      this.qmp = qmp;
      this.watchQmp(qmp);
      void qemu.exited.then(() => this.qemu === qemu && this.onQemuExit('QEMU ended'));
      // Host forwards the earlier back end made are dropped; the port manager makes them again.
      await this.forwards.clearAllBut(runtime.enginePort);
      this.opts.log?.(`took over the running VM (QEMU pid ${pid}) left by an earlier back end`);
      this.statusCell.set({ state: 'running', dockerHost: this.socket.dockerHost, resources: this.files.config().resources, shares: runtime.shares ?? [], accel: this.accelChoice?.accel, warning: this.accelChoice?.warning });
      return { dockerHost: this.socket.dockerHost, resumed: false, adopted: true, stages: [{ name: 'adopted', hostMs: Date.now() - t0 }], totalMs: Date.now() - t0 };
    } catch (e) {
      qmp?.close();
      if (this.qmp === qmp) this.qmp = undefined;
      this.opts.log?.(`a QEMU (pid ${pid}) was left running but cannot be taken over (${(e as Error).message}); ending it`);
      return undefined;
    }
  }

  /** Mounts the shared folders in the guest again, if it has any (they were unmounted to save the VM). */
  private async remountShares(): Promise<void> {
    if (this.files.sharesNow().length) await mountShares(this.paths.guestAgentSocket, this.opts.log);
  }

  private onQemuExit(why: string): void {
    this.qmp?.close();
    this.qmp = undefined;
    this.qemu = undefined;
    rmSync(this.paths.pidFile, { force: true });
    rmSync(this.paths.runtime, { force: true });
    const s = this.statusCell.now.state;
    if (s !== 'running') return;
    // The guest's last words (a kernel panic ends QEMU: panic=-1 with -no-reboot) go to Berth's log too,
    // so a diagnostics bundle made after a restart still has them.
    const logTail = tailFile(this.paths.consoleLog);
    this.opts.log?.(`${why} unexpectedly; the VM console's last lines:\n${logTail.join('\n')}`);
    this.statusCell.set({ state: 'error', message: `${why} unexpectedly.`, logTail });
  }

  /** Ends QEMU at once (quit, then SIGKILL). */
  private async kill(): Promise<void> {
    const qemu = this.qemu;
    const pid = qemu?.pid ?? readPidFile(this.paths.pidFile);
    await this.qmp?.execute('quit').catch(() => undefined);
    if (pid && !(await waitGone(pid, 3000))) process.kill(pid, 'SIGKILL');
    if (pid) await waitGone(pid, 5000);
    if (qemu) this.onQemuExit('QEMU was stopped');
  }

  async stop(options: { timeoutMs?: number } = {}): Promise<void> {
    const timeoutMs = options.timeoutMs ?? 60_000;
    this.statusCell.set({ state: 'stopping', message: 'Stopping the VM' });
    const qemu = this.qemu;
    if (qemu && this.qmp) {
      // The guest agent's shutdown (→ /sbin/shutdown → init), and the ACPI power button (→ busybox acpid →
      // init) as a second way: after a resume the power button alone went unanswered (measured).
      // Init stops dockerd and containerd, unmounts the data disk and powers off.
      requestGuestShutdown(this.paths.guestAgentSocket, this.opts.log);
      await this.qmp.execute('system_powerdown').catch(() => undefined);
      const clean = await Promise.race([qemu.exited.then(() => true), sleep(timeoutMs).then(() => false)]);
      if (!clean) this.opts.log?.(`the guest did not power off within ${timeoutMs / 1000} s; ending QEMU`);
    }
    await this.kill();
    await this.socket.close();
    this.statusCell.set({ state: existsSync(this.paths.stateMeta) ? 'suspended' : 'stopped' });
  }

  async suspend(): Promise<void> {
    if (!this.qmp || !this.qemu) throw new Error('The VM is not running.');
    const running = this.statusCell.now;
    this.statusCell.set({ state: 'suspending', message: 'Saving the VM' });
    const t0 = Date.now();
    // QEMU cannot save a VM while a 9p share is mounted: unmount them first (mounted again on resume).
    // A container's bind mount keeps a share in use; then the VM cannot be saved and is stopped instead.
    const notUnmounted = this.files.sharesNow().length ? await unmountShares(this.paths.guestAgentSocket) : undefined;
    if (notUnmounted) {
      await this.remountShares();
      this.statusCell.set(running);
      throw new Error(notUnmounted);
    }
    // Flush and freeze the data disk first, so even a state that is later lost leaves a clean disk.
    await freezeDataDisk(this.paths.guestAgentSocket, this.opts.log);
    const t1 = Date.now();
    try {
      await saveState(this.qmp, this.paths.state, this.paths.stateMeta, { machineKey: machineKey(this.argsInput(0)), image: imageId(this.opts.imageDir) });
    } catch (e) {
      // Not saved: the VM goes on as it was (the caller stops it, or not).
      await this.qmp.execute('cont').catch(() => undefined);
      await thawDataDisk(this.paths.guestAgentSocket, this.opts.log);
      await this.remountShares();
      this.statusCell.set(running);
      throw e;
    }
    const t2 = Date.now();
    await this.kill();
    const mb = existsSync(this.paths.state) ? (statSync(this.paths.state).size / 1e6).toFixed(0) : '?';
    this.opts.log?.(`saved the VM: freeze ${t1 - t0} ms, state ${t2 - t1} ms (${mb} MB), QEMU gone ${Date.now() - t2} ms`);
    await this.socket.close();
    this.statusCell.set({ state: 'suspended' });
  }

  async discardSuspended(): Promise<void> {
    discardState(this.paths.state, this.paths.stateMeta);
    if (this.statusCell.now.state === 'suspended') this.statusCell.set({ state: 'stopped' });
  }

  async delete(): Promise<void> {
    if (this.qemu) await this.kill();
    await killLeftover(this.paths.pidFile);
    await this.socket.close();
    this.statusCell.set({ state: 'deleting' });
    rmSync(this.paths.dir, { recursive: true, force: true });
    this.statusCell.set({ state: 'absent' });
  }

  async status(): Promise<VmStatus> {
    const s: VmStatus = { ...this.statusCell.now };
    if (this.files.exists()) s.resources = this.files.config().resources;
    s.logTail = tailFile(this.paths.consoleLog, 20);
    if (s.state === 'running') {
      s.disk = await dataDiskUsage(this.paths.guestAgentSocket);
      s.message = diskFullMessage(s.disk) ?? s.message;
    }
    return s;
  }

  onStatus(listener: (s: VmStatus) => void): Disposable {
    return this.statusCell.subscribe(listener);
  }

  async setResources(resources: VmResources): Promise<void> {
    this.files.setResources(resources);
  }

  async setShares(shares: VmShare[]): Promise<void> {
    this.files.setShares(shares);
  }

  forwardPort(forward: VmPortForward): Promise<Disposable> {
    return this.forwards.add(forward);
  }

  forwardedPorts(): VmPortForward[] {
    return this.forwards.list();
  }

  /** QEMU's pid while it runs (for the benchmark's CPU and RSS figures). */
  get pid(): number | undefined {
    return this.qemu?.pid;
  }
}

