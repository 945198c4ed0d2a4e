import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Disposable } from '../../contract/define.js';
import { BerthError } from '../../contract/errors.js';
import { LineDecoder } from '../streams/line-decoder.js';
import { embeddedPaths, type EmbeddedPaths } from './embedded-paths.js';
import { RotatingLogFile } from './log-file.js';
import { LogTail } from './log-tail.js';

export type SupervisorState = 'stopped' | 'starting' | 'running' | 'stopping' | 'error';

export interface SupervisorStatus {
  state: SupervisorState;
  /** Why it is in `error`, in plain words. */
  message?: string;
  /** Last lines of dockerd's output. */
  logTail: string[];
  pid?: number;
}

export interface DockerdSupervisorOptions {
  dataDir: string;
  /**
   * Appended to dockerd's arguments. Beside another dockerd, give it its own bridge
   * (--bridge=<existing bridge> --iptables=false --ip6tables=false); NOT --bridge=none, which makes
   * dockerd delete the host's docker0 at startup.
   */
  extraArgs?: readonly string[];
  /** Default: "dockerd" (looked up on PATH). */
  dockerdPath?: string;
  /** How long to wait for _ping after spawning (default 60 s). */
  startTimeoutMs?: number;
  /** How long to wait after SIGTERM before SIGKILL (default 20 s). */
  stopTimeoutMs?: number;
  /** Lines kept in memory for error reports (default 50). */
  tailLines?: number;
  /** Resolves when the engine at this socket answers GET /_ping. */
  ping(socketPath: string): Promise<void>;
  log?: (line: string) => void;
  /** Parent of the exec root when <dataDir>/engine/run is too long for unix sockets (default /run). */
  runDir?: string;
}

/**
 * Runs Berth's own dockerd (Linux, as root) as an explicit state machine:
 * stopped → starting → running → stopping → stopped, or → error (with the reason and the log tail).
 * Its output goes to <dataDir>/engine/dockerd.log and to a ring of the last lines. A dockerd left
 * running by an earlier Berth that crashed (found through our pid file, on our data root) is adopted
 * instead of started twice. Only a dockerd this supervisor started or adopted is ever stopped.
 */
export class DockerdSupervisor {
  readonly paths: EmbeddedPaths;
  private readonly options: DockerdSupervisorOptions;
  private readonly tail: LogTail;
  private readonly listeners = new Set<(s: SupervisorStatus) => void>();
  private current: SupervisorStatus = { state: 'stopped', logTail: [] };
  private child?: ChildProcess;
  private adoptedPid?: number;
  private exited?: Promise<void>;
  private logFile?: RotatingLogFile;
  private stopping = false;
  private spawnError?: Error;
  private exitText?: string;
  /** Set while waiting for readiness: dockerd's "API listen on" line calls it. */
  private readyHint?: () => void;

  constructor(options: DockerdSupervisorOptions) {
    this.options = options;
    this.paths = embeddedPaths(options.dataDir, options.runDir);
    this.tail = new LogTail(options.tailLines ?? 50);
  }

  get status(): SupervisorStatus {
    return this.current;
  }

  onChange(listener: (s: SupervisorStatus) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  /** Start dockerd and wait until it answers _ping. Rejects (state `error`) with the reason. */
  async start(): Promise<void> {
    if (this.current.state === 'starting' || this.current.state === 'running') throw new BerthError('CONFLICT', `The embedded engine is already ${this.current.state}`);
    if (this.current.state === 'stopping') throw new BerthError('CONFLICT', 'The embedded engine is stopping');
    this.stopping = false;
    this.spawnError = undefined;
    this.exitText = undefined;
    this.set({ state: 'starting' });
    try {
      this.prepare();
      if (await this.adoptOrphan()) return;
      await this.spawnAndWait();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      // Unless stop() took over meanwhile: kill what we started and report why.
      if (!this.stopping) {
        this.kill('SIGKILL');
        await this.exited;
        this.cleanFiles();
        this.set({ state: 'error', message });
      }
      throw new BerthError('ENGINE_UNAVAILABLE', message, { logTail: this.tail.lines(), logFile: this.paths.logFile });
    }
  }

  /** SIGTERM, wait up to stopTimeoutMs, then SIGKILL. Safe to call in any state. */
  async stop(): Promise<void> {
    if (!this.child && this.adoptedPid === undefined) {
      await this.logFile?.close();
      this.logFile = undefined;
      if (this.current.state !== 'error') this.set({ state: 'stopped' });
      return;
    }
    this.stopping = true;
    this.set({ state: 'stopping' });
    this.log('stopping the embedded engine');
    this.kill('SIGTERM');
    const timeout = this.options.stopTimeoutMs ?? 20_000;
    if (!(await this.waitExit(timeout))) {
      this.log(`dockerd did not stop within ${timeout} ms; killing it`);
      this.kill('SIGKILL');
      await this.waitExit(5_000);
    }
    this.cleanFiles();
    await this.logFile?.close();
    this.logFile = undefined;
    this.set({ state: 'stopped' });
  }

  private prepare(): void {
    const p = this.paths;
    for (const dir of [p.dir, p.dataRoot, p.execRoot]) mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!existsSync(p.configFile)) writeFileSync(p.configFile, '{}\n', { mode: 0o600 });
    this.logFile ??= new RotatingLogFile(p.logFile);
  }

  /** A dockerd from an earlier run of Berth on this data dir, still alive: take it over. */
  private async adoptOrphan(): Promise<boolean> {
    const pid = readPid(this.paths.pidFile);
    if (pid === undefined) return false;
    if (!isAlive(pid) || !cmdline(pid).includes(this.paths.dataRoot)) {
      rmSync(this.paths.pidFile, { force: true }); // stale: that process is gone (or the pid was reused)
      return false;
    }
    this.log(`found the embedded engine of an earlier run (pid ${pid}); adopting it`);
    this.adoptedPid = pid;
    this.exited = this.watchPid(pid);
    await this.waitReady();
    this.set({ state: 'running', pid });
    return true;
  }

  private async spawnAndWait(): Promise<void> {
    const p = this.paths;
    rmSync(p.socketPath, { force: true });
    const args = [
      '--host', p.host,
      '--data-root', p.dataRoot,
      '--exec-root', p.execRoot,
      '--pidfile', p.pidFile,
      '--config-file', p.configFile,
      // Its own containerd namespaces, in case it shares a system containerd with another dockerd.
      '--containerd-namespace', 'berth',
      '--containerd-plugins-namespace', 'berth-plugins',
      ...(this.options.extraArgs ?? []),
    ];
    const bin = this.options.dockerdPath ?? 'dockerd';
    this.log(`starting ${bin} ${args.join(' ')}`);
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    this.child = child;
    const lines = new LineDecoder({ maxLineLength: 8192 });
    const onLines = (items: ReturnType<LineDecoder['push']>) => {
      for (const item of items) {
        const line = item.kind === 'line' ? item.text : `(a line longer than ${item.limit} characters was left out)`;
        this.tail.push(line);
        this.logFile?.write(line);
        if (item.kind === 'line' && line.includes('API listen on')) this.readyHint?.();
      }
    };
    child.stdout?.on('data', (chunk: Buffer) => onLines(lines.push(chunk)));
    child.stderr?.on('data', (chunk: Buffer) => onLines(lines.push(chunk)));
    this.exited = new Promise((resolve) => {
      child.once('error', (err) => {
        this.spawnError = err;
        this.child = undefined;
        resolve();
      });
      child.once('exit', (code, signal) => {
        onLines(lines.end());
        this.onExit(code, signal);
        resolve();
      });
    });
    this.set({ state: 'starting', pid: child.pid });
    await this.waitReady();
    this.set({ state: 'running', pid: child.pid });
  }

  /** Ping when dockerd logs "API listen on", and every 500 ms as a fallback; fail on exit or timeout. */
  private waitReady(): Promise<void> {
    const timeoutMs = this.options.startTimeoutMs ?? 60_000;
    return new Promise<void>((resolve, reject) => {
      let done = false;
      let inFlight = false;
      const finish = (err?: Error) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        clearInterval(interval);
        this.readyHint = undefined;
        if (err) reject(err);
        else resolve();
      };
      const tryPing = () => {
        if (done || inFlight) return;
        inFlight = true;
        this.options.ping(this.paths.socketPath).then(
          () => finish(),
          () => (inFlight = false),
        );
      };
      const timer = setTimeout(() => finish(new Error(`The embedded engine did not answer within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
      const interval = setInterval(tryPing, 500);
      this.readyHint = tryPing;
      void this.exited?.then(() => {
        if (this.spawnError) {
          const e = this.spawnError as NodeJS.ErrnoException;
          finish(new Error(e.code === 'ENOENT' ? `dockerd was not found (${this.options.dockerdPath ?? 'dockerd'})` : `dockerd could not be started: ${e.message}`));
        } else {
          finish(new Error(`dockerd exited during startup${this.exitText ? ` (${this.exitText})` : ''}`));
        }
      });
      tryPing();
    });
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    this.exitText = signal ? `killed by ${signal}` : `exit code ${code ?? '?'}`;
    this.log(`dockerd exited (${this.exitText})`);
    this.child = undefined;
    if (this.current.state === 'running' && !this.stopping) {
      this.cleanFiles();
      this.set({ state: 'error', message: `The embedded engine stopped unexpectedly (${this.exitText})` });
    }
  }

  /** For an adopted dockerd (not our child): no exit event exists, so check every 200 ms. */
  private watchPid(pid: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setInterval(() => {
        if (isAlive(pid)) return;
        clearInterval(t);
        this.adoptedPid = undefined;
        this.exitText = 'exited';
        if (this.current.state === 'running' && !this.stopping) this.set({ state: 'error', message: 'The embedded engine stopped unexpectedly' });
        resolve();
      }, 200);
      t.unref();
    });
  }

  private kill(signal: NodeJS.Signals): void {
    const pid = this.child?.pid ?? this.adoptedPid;
    if (pid === undefined) return;
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }

  private async waitExit(ms: number): Promise<boolean> {
    if (!this.exited) return true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<false>((r) => (timer = setTimeout(() => r(false), ms)));
    const result = await Promise.race([this.exited.then(() => true as const), timeout]);
    clearTimeout(timer);
    return result;
  }

  /** dockerd removes these on a clean exit; after a kill we do. */
  private cleanFiles(): void {
    rmSync(this.paths.socketPath, { force: true });
    rmSync(this.paths.pidFile, { force: true });
  }

  private set(next: Omit<SupervisorStatus, 'logTail'>): void {
    this.current = { ...next, logTail: next.state === 'error' ? this.tail.lines() : [] };
    for (const l of [...this.listeners]) l(this.current);
  }

  private log(line: string): void {
    this.options.log?.(`embedded engine: ${line}`);
  }
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}
