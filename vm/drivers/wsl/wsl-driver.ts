import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Disposable } from '../../../contract/define.js';
import type { VmConfig, VmDriver, VmPortForward, VmProgress, VmResources, VmShare, VmStartResult } from '../../driver.js';
import { EngineSocket } from '../../engine-socket/engine-socket.js';
import { UserspaceForwarder } from '../../ports/userspace-forwarder.js';
import { vmPaths, type VmPaths } from '../../vm-files.js';
import { readEngineCerts, writeEngineSeed } from '../engine-certs.js';
import { EngineStart } from '../engine-start.js';
import { NoSuspendDriver } from '../no-suspend-driver.js';
import { wslExec, wslGuestAddress, wslImport, wslListNames, wslPipe, wslStartEngine, wslStopEngine, wslTerminate, wslUnregister, wslVersion, wslWriteSeed, type WslCommand } from './wsl-commands.js';
import { decodeWslOutput, explainWslError, parseWslNames } from './wsl-output.js';

export interface WslRunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one wsl.exe command to its end, output decoded (injected in tests). */
export type WslRunner = (cmd: WslCommand, stdin?: Buffer) => Promise<WslRunResult>;

export interface WslDriverOptions {
  dataDir: string;
  name?: string;
  /** The built image dir; WSL needs only rootfs.tar.gz. */
  imageDir: string;
  /** dockerd's TLS port on the distro's loopback (all WSL 2 distros share one network: not 2376). */
  enginePort?: number;
  bootTimeoutMs?: number;
  run?: WslRunner;
  log?: (line: string) => void;
}

export const runWsl: WslRunner = (cmd, stdin) =>
  new Promise((resolve, reject) => {
    const child = spawn(cmd.file, cmd.args, { windowsHide: true });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout: decodeWslOutput(Buffer.concat(out)), stderr: decodeWslOutput(Buffer.concat(err)) }));
    child.stdin.end(stdin);
  });

/**
 * WSL 2 (Windows). Berth's own distro, imported from the image's rootfs tar; dockerd started in it by a
 * long-lived `wsl.exe --exec`; the host's named pipe relays over mutual TLS to dockerd on the distro's
 * 127.0.0.1 (WSL forwards loopback to Windows). Windows drives are mounted by WSL at /mnt/<letter>, so
 * shares are not configured; bind mounts are translated (vm/shares). Not run on these Linux machines:
 * only its commands, output decoding and paths are tested.
 */
export class WslDriver extends NoSuspendDriver implements VmDriver {
  readonly name = 'wsl' as const;
  readonly paths: VmPaths;
  private readonly distro: string;
  private readonly run: WslRunner;
  private readonly socket: EngineSocket;
  private engine: ReturnType<typeof spawn> | undefined;

  constructor(private readonly opts: WslDriverOptions) {
    super();
    this.distro = opts.name ?? 'berth';
    this.paths = vmPaths(opts.dataDir, this.distro);
    this.run = opts.run ?? runWsl;
    // TODO(vm/engine-socket): EngineSocket.listen unlinks an existing path first; a \\.\pipe\ path must be skipped there.
    this.socket = new EngineSocket(wslPipe(this.distro).path);
    if (existsSync(this.paths.config)) this.statusCell.set({ state: 'stopped' });
  }

  async available(): Promise<{ ok: true } | { ok: false; message: string; remedy: string }> {
    if (process.platform !== 'win32') return { ok: false, message: 'The WSL 2 driver runs only on Windows.', remedy: 'Use the QEMU driver on this system.' };
    const v = await this.run(wslVersion()).catch(() => undefined);
    if (!v || v.code !== 0) {
      return {
        ok: false,
        message: 'WSL 2 is not installed, or it is the old built-in version, and Berth needs it to run the engine.',
        remedy: 'Run `wsl --install --no-distribution` (or `wsl --update`) in a terminal opened as administrator, then restart Windows.',
      };
    }
    if (!existsSync(join(this.opts.imageDir, 'rootfs.tar.gz'))) {
      return { ok: false, message: `The VM image at ${this.opts.imageDir} has no rootfs.tar.gz.`, remedy: 'Build it with `npm run vm:image`.' };
    }
    return { ok: true };
  }

  private async must(cmd: WslCommand, stdin?: Buffer): Promise<WslRunResult> {
    const r = await this.run(cmd, stdin);
    if (r.code !== 0) throw new Error(explainWslError(`${r.stderr}\n${r.stdout}`));
    return r;
  }

  async create(config: VmConfig, onProgress?: (p: VmProgress) => void): Promise<void> {
    this.statusCell.set({ state: 'creating', message: 'Importing the WSL distribution' });
    mkdirSync(this.paths.dir, { recursive: true });
    const names = parseWslNames((await this.must(wslListNames())).stdout);
    if (!names.includes(this.distro)) {
      onProgress?.({ step: 'Importing the WSL distribution' });
      await this.must(wslImport(this.distro, join(this.paths.dir, 'distro'), join(this.opts.imageDir, 'rootfs.tar.gz')));
    }
    writeFileSync(this.paths.config, JSON.stringify(config, null, 2));
    await writeEngineSeed(this.paths);
    this.statusCell.set({ state: 'stopped' });
  }

  async start(onProgress?: (p: VmProgress) => void, signal?: AbortSignal): Promise<VmStartResult> {
    const start = new EngineStart(this.statusCell, onProgress);
    try {
      start.step('Starting the WSL distribution');
      await this.must(wslWriteSeed(this.distro), readFileSync(this.paths.seedDisk));
      start.reached('seed');
      const port = this.opts.enginePort ?? 23750;
      const cmd = wslStartEngine(this.distro, { port });
      const engine = spawn(cmd.file, cmd.args, { windowsHide: true, stdio: ['ignore', 'pipe', 'pipe'] });
      const log = createWriteStream(this.paths.consoleLog);
      engine.stdout?.pipe(log);
      engine.stderr?.pipe(log);
      this.engine = engine;
      let exited: string | undefined;
      engine.on('close', (code) => {
        exited = `dockerd in WSL ended (exit code ${code})`;
        if (this.engine === engine && this.statusCell.now.state === 'running') this.statusCell.set({ state: 'error', message: `${exited} unexpectedly.` });
      });
      this.socket.setTarget(port, readEngineCerts(this.paths));
      await this.socket.listen();
      start.step('Waiting for dockerd');
      await start.waitForEngine({ socketPath: this.socket.path, signal, exited: () => exited, timeoutMs: this.opts.bootTimeoutMs ?? 120_000, who: 'dockerd in WSL' });
      const dockerHost = wslPipe(this.distro).dockerHost;
      this.statusCell.set({ state: 'running', dockerHost });
      return start.result(dockerHost);
    } catch (e) {
      await this.halt();
      this.statusCell.set({ state: 'error', message: (e as Error).message });
      throw e;
    }
  }

  protected async halt(): Promise<void> {
    this.forwards.disposeAll();
    await this.run(wslTerminate(this.distro)).catch(() => undefined);
    this.engine?.kill();
    this.engine = undefined;
    await this.socket.close();
  }

  async stop(options: { timeoutMs?: number } = {}): Promise<void> {
    this.statusCell.set({ state: 'stopping', message: 'Stopping the engine' });
    await this.run(wslStopEngine(this.distro, Math.ceil((options.timeoutMs ?? 20_000) / 1000))).catch(() => undefined);
    await this.halt();
    this.statusCell.set({ state: 'stopped' });
  }

  /** WSL has no save/restore of a distro's memory: quitting Berth stops the engine. */
  async suspend(): Promise<void> {
    throw new Error('WSL cannot save a running distribution; stop the VM instead.');
  }

  /** The distro lives in WSL's own registry: unregistered (one already gone is fine). */
  protected override async removeOutside(): Promise<void> {
    const r = await this.run(wslUnregister(this.distro));
    if (r.code !== 0 && !/NOT_FOUND/i.test(r.stderr + r.stdout)) throw new Error(explainWslError(`${r.stderr}\n${r.stdout}`));
  }

  /**
   * Stored only: WSL 2 runs every distro in one VM whose CPUs and memory come from %UserProfile%\.wslconfig
   * ([wsl2] processors=, memory=), for all distros at once; Berth does not rewrite the user's file.
   */
  async setResources(resources: VmResources): Promise<void> {
    const config = JSON.parse(readFileSync(this.paths.config, 'utf8')) as VmConfig;
    writeFileSync(this.paths.config, JSON.stringify({ ...config, resources }, null, 2));
  }

  /** Nothing to mount: WSL mounts every Windows drive at /mnt/<letter>; bind mounts are translated. */
  async setShares(_shares: VmShare[]): Promise<void> {}

  /**
   * A userspace forward to the distro's address. WSL's own localhost relay also publishes TCP ports it
   * sees listening in the distro (a few seconds later, and silently on a conflict); ours is immediate, does
   * UDP and reports a taken port. Not measured on Windows yet: see vm/README.md.
   */
  async forwardPort(forward: VmPortForward): Promise<Disposable> {
    const address = (await this.must(wslGuestAddress(this.distro))).stdout.trim();
    if (!/^\d+\.\d+\.\d+\.\d+$/.test(address)) throw new Error(`Cannot find the WSL distribution's address (got "${address}").`);
    return this.forwards.add(forward, await new UserspaceForwarder({ target: (s) => ({ host: address, port: s.guestPort }) }).forward(forward));
  }

  /** For diagnostics: run a command in the distro as root. */
  exec(argv: string[]): Promise<WslRunResult> {
    return this.run(wslExec(this.distro, argv));
  }
}
