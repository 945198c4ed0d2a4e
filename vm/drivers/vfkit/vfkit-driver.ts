import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { arch, release } from 'node:os';
import { join } from 'node:path';
import type { Disposable } from '../../../contract/define.js';
import type { VmConfig, VmDriver, VmPortForward, VmProgress, VmResources, VmShare, VmStartResult } from '../../driver.js';
import { EngineSocket } from '../../engine-socket/engine-socket.js';
import { shareTags } from '../../shares/shares.js';
import { ensureDataDisk, vmPaths, type VmPaths } from '../../vm-files.js';
import { readEngineCerts, writeEngineSeed } from '../engine-certs.js';
import { EngineStart } from '../engine-start.js';
import { freePort } from '../free-port.js';
import { NoSuspendDriver } from '../no-suspend-driver.js';
import { vfkitArgs, vmMac } from './vfkit-args.js';
import { vfkitAvailability, type VfkitAvailability } from './vfkit-available.js';
import { vfkitPortForwarder } from './vfkit-forwarder.js';

export interface VfkitDriverOptions {
  dataDir: string;
  name?: string;
  imageDir: string;
  vfkitBinary?: string;
  bootTimeoutMs?: number;
  log?: (line: string) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** dockerd's TLS listener in the guest (vm/image/guest/berth-init). */
const GUEST_ENGINE_PORT = 2376;

/**
 * macOS Virtualization.framework through vfkit. Cannot run on these Linux machines: its arguments,
 * availability and port forwarding are unit-tested, the rest is written against vfkit's documented
 * CLI and REST API and has not been run. The engine is reached over the NAT network (mutual TLS to the
 * guest's :2376, through a 127.0.0.1 hop the engine socket dials); the vsock device in the arguments is
 * for a guest-side vsock listener the image does not have yet. No suspend: vfkit only pauses in memory.
 */
export class VfkitDriver extends NoSuspendDriver implements VmDriver {
  readonly name = 'vfkit' as const;
  readonly paths: VmPaths;
  private readonly binary: string;
  private readonly mac: string;
  private readonly socket: EngineSocket;
  private vfkit: ChildProcess | undefined;
  private engineHop: Disposable | undefined;

  constructor(private readonly opts: VfkitDriverOptions) {
    super();
    const name = opts.name ?? 'berth';
    this.paths = vmPaths(opts.dataDir, name);
    this.binary = opts.vfkitBinary ?? 'vfkit';
    this.mac = vmMac(name);
    this.socket = new EngineSocket(this.paths.engineSocket);
    if (existsSync(this.paths.config)) this.statusCell.set({ state: 'stopped' });
  }

  private check(): VfkitAvailability {
    let vfkitVersion: string | undefined;
    try {
      vfkitVersion = execFileSync(this.binary, ['--version'], { encoding: 'utf8' }).trim();
    } catch {
      vfkitVersion = undefined;
    }
    return vfkitAvailability({
      platform: process.platform,
      darwinRelease: release(),
      arch: arch(),
      vfkitVersion,
      imageFiles: existsSync(this.opts.imageDir) ? readdirSync(this.opts.imageDir) : [],
      rosettaInstalled: existsSync('/Library/Apple/usr/libexec/oah/libRosettaRuntime'),
    });
  }

  async available(): Promise<{ ok: true } | { ok: false; message: string; remedy: string }> {
    const a = this.check();
    if (a.ok && a.note) this.opts.log?.(a.note);
    return a.ok ? { ok: true } : a;
  }

  async create(config: VmConfig): Promise<void> {
    mkdirSync(this.paths.dir, { recursive: true, mode: 0o700 });
    ensureDataDisk(this.paths.dataDisk, config.resources.diskGiB);
    writeFileSync(this.paths.config, JSON.stringify(config, null, 2));
    await writeEngineSeed(this.paths);
    this.statusCell.set({ state: 'stopped' });
  }

  private config(): VmConfig {
    if (!existsSync(this.paths.config)) throw new Error('The VM does not exist yet: create it first.');
    return JSON.parse(readFileSync(this.paths.config, 'utf8')) as VmConfig;
  }

  private get restSocket(): string {
    return join(this.paths.dir, 'vfkit.sock');
  }

  async start(onProgress?: (p: VmProgress) => void, signal?: AbortSignal): Promise<VmStartResult> {
    const avail = this.check();
    if (!avail.ok) throw new Error(`${avail.message} ${avail.remedy}`);
    const start = new EngineStart(this.statusCell, onProgress);
    try {
      const config = this.config();
      const img = this.opts.imageDir;
      const args = vfkitArgs({
        arch: arch() === 'arm64' ? 'arm64' : 'x86_64',
        cpus: config.resources.cpus,
        memoryMiB: config.resources.memoryMiB,
        kernel: join(img, arch() === 'arm64' ? 'Image' : 'vmlinux'),
        initrd: join(img, 'initrd.img'),
        rootDisk: join(img, 'rootfs.img'),
        dataDisk: this.paths.dataDisk,
        seedDisk: this.paths.seedDisk,
        mac: this.mac,
        shares: shareTags(config.shares).map(({ tag, share }) => ({ tag, hostPath: share.hostPath })),
        engineVsockSocket: join(this.paths.dir, 'engine-vsock.sock'),
        engineVsockPort: GUEST_ENGINE_PORT,
        restSocket: this.restSocket,
        consoleLog: this.paths.consoleLog,
        rosetta: avail.rosetta,
      });
      start.step('Starting the VM');
      rmSync(this.paths.consoleLog, { force: true });
      const child = spawn(this.binary, args, { stdio: ['ignore', 'ignore', openSync(this.paths.qemuLog, 'w')] });
      this.vfkit = child;
      let exited: string | undefined;
      child.on('exit', (code, sig) => {
        exited = `vfkit ended (${sig ?? `exit code ${code}`})`;
        if (this.vfkit === child && this.statusCell.now.state === 'running') this.statusCell.set({ state: 'error', message: `${exited} unexpectedly.` });
      });
      const hostPort = await freePort();
      this.engineHop = await vfkitPortForwarder({ mac: this.mac }).forward({ protocol: 'tcp', hostIp: '127.0.0.1', hostPort, guestPort: GUEST_ENGINE_PORT });
      this.socket.setTarget(hostPort, readEngineCerts(this.paths));
      await this.socket.listen();
      start.step('Waiting for dockerd');
      await start.waitForEngine({ socketPath: this.socket.path, signal, exited: () => exited, timeoutMs: this.opts.bootTimeoutMs ?? 180_000, who: 'The VM' });
      this.statusCell.set({ state: 'running', dockerHost: this.socket.dockerHost, resources: config.resources });
      return start.result(this.socket.dockerHost);
    } catch (e) {
      await this.halt(0);
      this.statusCell.set({ state: 'error', message: (e as Error).message });
      throw e;
    }
  }

  /** vfkit's REST API: Stop asks the guest to power off; HardStop ends it. */
  private rest(state: 'Stop' | 'HardStop'): Promise<void> {
    return new Promise((resolve) => {
      const req = request({ socketPath: this.restSocket, path: '/vm/state', method: 'POST', headers: { 'content-type': 'application/json' }, timeout: 5000 }, (res) => {
        res.resume();
        resolve();
      });
      req.on('error', () => resolve());
      req.on('timeout', () => req.destroy());
      req.end(JSON.stringify({ state }));
    });
  }

  protected async halt(timeoutMs = 0): Promise<void> {
    this.forwards.disposeAll();
    const child = this.vfkit;
    if (child && child.exitCode === null) {
      const gone = new Promise<boolean>((r) => child.once('exit', () => r(true)));
      if (timeoutMs > 0) await this.rest('Stop');
      if (!(await Promise.race([gone, sleep(timeoutMs).then(() => false)]))) {
        await this.rest('HardStop');
        if (!(await Promise.race([gone, sleep(3000).then(() => false)]))) child.kill('SIGKILL');
      }
    }
    this.vfkit = undefined;
    this.engineHop?.dispose();
    this.engineHop = undefined;
    await this.socket.close();
  }

  async stop(options: { timeoutMs?: number } = {}): Promise<void> {
    this.statusCell.set({ state: 'stopping', message: 'Stopping the VM' });
    await this.halt(options.timeoutMs ?? 60_000);
    this.statusCell.set({ state: 'stopped' });
  }

  async suspend(): Promise<void> {
    throw new Error('The vfkit driver cannot save a running VM; stop it instead.');
  }

  async setResources(resources: VmResources): Promise<void> {
    ensureDataDisk(this.paths.dataDisk, resources.diskGiB);
    writeFileSync(this.paths.config, JSON.stringify({ ...this.config(), resources }, null, 2));
  }

  async setShares(shares: VmShare[]): Promise<void> {
    writeFileSync(this.paths.config, JSON.stringify({ ...this.config(), shares }, null, 2));
  }

  async forwardPort(forward: VmPortForward): Promise<Disposable> {
    return this.forwards.add(forward, await vfkitPortForwarder({ mac: this.mac }).forward(forward));
  }
}
