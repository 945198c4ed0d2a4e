import { execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';

/** Is `pid` alive and a QEMU (so a recycled pid is never killed)? */
export function isQemuProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  let cmd: string;
  try {
    cmd = existsSync(`/proc/${pid}/cmdline`)
      ? readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      : execFileSync('ps', ['-p', String(pid), '-o', 'command='], { encoding: 'utf8' });
  } catch {
    return false;
  }
  return /qemu-system/.test(cmd);
}

export function readPidFile(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `pid` is gone; false after `timeoutMs`. */
export async function waitGone(pid: number, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (!isQemuProcess(pid)) return true;
    await sleep(100);
  }
  return !isQemuProcess(pid);
}

/**
 * A QEMU left by a Berth that was killed (its pidfile is still there): ended before anything else
 * starts, so no QEMU is ever left behind and the disks are never opened twice. Returns its pid if any.
 */
export async function killLeftover(pidFile: string): Promise<number | undefined> {
  const pid = readPidFile(pidFile);
  if (pid === undefined) return undefined;
  if (isQemuProcess(pid)) {
    process.kill(pid, 'SIGTERM');
    if (!(await waitGone(pid, 5000))) {
      process.kill(pid, 'SIGKILL');
      await waitGone(pid, 5000);
    }
  }
  rmSync(pidFile, { force: true });
  return pid;
}

export interface SpawnedQemu {
  pid: number | undefined;
  /** Resolves with the exit code (or signal) when QEMU ends. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * A QEMU an earlier back end of this Berth started and left running (the back end restarted): not our
 * child, so its end is noticed by polling its pid (the exit code is not known then).
 */
export function adoptQemu(pid: number, pollMs = 500): SpawnedQemu & { release(): void } {
  let timer: NodeJS.Timeout | undefined;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    timer = setInterval(() => {
      if (isQemuProcess(pid)) return;
      clearInterval(timer);
      resolve({ code: null, signal: null });
    }, pollMs);
    timer.unref();
  });
  return { pid, exited, release: () => clearInterval(timer) };
}

/** True when the live `pid` is a QEMU whose command line names `marker` (e.g. this VM's QMP socket path). */
export function isQemuFor(pid: number, marker: string): boolean {
  if (!isQemuProcess(pid)) return false;
  try {
    const cmd = existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, 'utf8') : execFileSync('ps', ['-p', String(pid), '-o', 'command='], { encoding: 'utf8' });
    return cmd.includes(marker);
  } catch {
    return false;
  }
}

/** Starts QEMU in its own process group with stderr to `stderrLog` (shown when it fails to start). */
export function spawnQemu(binary: string, args: string[], stderrLog: string): SpawnedQemu {
  const fd = openSync(stderrLog, 'w');
  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', fd], detached: true });
  closeSync(fd);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
    child.on('error', () => resolve({ code: -1, signal: null }));
  });
  return { pid: child.pid, exited };
}

/** Last `lines` lines of a log file (reads only its end). */
export function tailFile(path: string, lines = 30, maxBytes = 16_384): string[] {
  try {
    const buf = readFileSync(path);
    const text = buf.subarray(Math.max(0, buf.length - maxBytes)).toString('utf8');
    // eslint-disable-next-line no-control-regex
    return text.replace(/\r/g, '').replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').split('\n').filter((l) => l.trim()).slice(-lines);
  } catch {
    return [];
  }
}
