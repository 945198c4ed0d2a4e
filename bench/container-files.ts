import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, openAsBlob, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BerthApi } from '../contract/index.js';
import type { RunningBerth } from '../e2e/support/berth.js';
import { startDownload } from '../renderer/src/features/files/download-transfer.js';
import { uploadFile } from '../renderer/src/features/files/upload-transfer.js';
import { connectNodeClient, engineRunning } from './support/node-client.js';
import { fmt, percentile } from './support/stats.js';

const run = promisify(execFile);
export const docker = async (...args: string[]) => (await run('docker', args, { maxBuffer: 256 * 1024 * 1024 })).stdout.trim();
const MIB = 1024 * 1024;
export const SIZE = 32 * MIB;
/** The issue's goal: a copy through Berth takes at most this many times `docker cp`'s time. */
export const GOAL = 1.2;
/** Measured rounds per direction (at least 3; odd, so the median is one of them); BERTH_BENCH_FILES_ROUNDS overrides. */
export const ROUNDS = Math.max(3, Number(process.env.BERTH_BENCH_FILES_ROUNDS) || 5);

/**
 * The renderer's own transfer code, reading a file-backed Blob as a browser reads a File (and as
 * `docker cp` reads the file). An in-memory Blob is no stand-in: Node's first read of one took
 * 0.9-1.2 s for 32 MiB, a file-backed one 44-59 ms.
 */
async function upload(api: BerthApi, id: string, file: string): Promise<void> {
  await uploadFile(api, { id, dir: '/tmp', file: Object.assign(await openAsBlob(file), { name: 'bench.bin' }) }, () => undefined);
}

function download(api: BerthApi, id: string): Promise<Blob> {
  return new Promise((resolve, reject) => {
    startDownload(api, { id, path: '/tmp/bench.bin' }, {
      onStart: () => undefined,
      onProgress: () => undefined,
      onDone: (blob) => resolve(blob),
      onError: reject,
    });
  });
}

/**
 * Upload and download of a 32 MiB file through the contract (WebSocket, the renderer's transfer code),
 * against `docker cp` both ways, in the same run: one warm-up of each, then ROUNDS rounds that each
 * time both directions both ways, in alternating order (Berth first, then `docker cp` first), so a
 * burst of load on the shared machine hits both sides. Prints every round, the median ratio per
 * direction against the goal, the load average, and the back end's peak RSS and CPU.
 */
export async function benchContainerFiles(berth: RunningBerth, image: string): Promise<void> {
  const data = randomBytes(SIZE);
  const digest = createHash('sha256').update(data).digest('hex');
  const dir = mkdtempSync(join(tmpdir(), 'berth-bench-files-'));
  const local = join(dir, 'bench.bin');
  writeFileSync(local, data);
  const name = `berth-bench-files-${Date.now().toString(36)}`;
  const id = await docker('run', '-d', '--name', name, image, 'sleep', '600');
  const { api, close } = await connectNodeClient(berth.origin, berth.token);
  const pid = berth.process.pid!;
  const timed = async <T>(work: () => Promise<T>) => {
    const t = performance.now();
    const result = await work();
    return { ms: performance.now() - t, result };
  };
  const berthUp = () => peakRss(pid, () => timed(() => upload(api, id, local)));
  const berthDown = () => peakRss(pid, () => timed(() => download(api, id)));
  const cpUp = () => cliCpu(() => timed(() => docker('cp', local, `${id}:/tmp/cp.bin`)));
  const cpDown = () => cliCpu(() => timed(() => docker('cp', `${id}:/tmp/cp.bin`, join(dir, 'back.bin'))));
  try {
    await engineRunning(api);
    // Warm-up (JIT, the engine's first archive calls), and a check that the bytes went through whole.
    await berthUp();
    const check = async () => {
      const got = Buffer.from(await (await berthDown()).result.result.arrayBuffer());
      if (got.length !== SIZE || createHash('sha256').update(got).digest('hex') !== digest) throw new Error(`the download (${got.length} bytes) is not the file uploaded`);
    };
    // In a function of its own, so the 32 MiB it holds is garbage before the rounds.
    await check();
    await cpUp();
    await cpDown();

    const up: { berth: number; cp: number }[] = [];
    const down: { berth: number; cp: number }[] = [];
    const mem = { upPeak: 0, downPeak: 0, before: Infinity, upCpu: [] as number[], downCpu: [] as number[], upClientCpu: [] as number[], downClientCpu: [] as number[], upCliCpu: [] as number[], downCliCpu: [] as number[] };
    const loads: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const berthFirst = round % 2 === 0;
      const pair = async <T extends { ms: number }>(b: () => Promise<Measured<T>>, cp: () => Promise<{ ms: number; cliCpuMs: number }>) => {
        let bm: Awaited<ReturnType<typeof b>>;
        let cm: { ms: number; cliCpuMs: number };
        if (berthFirst) {
          bm = await b();
          cm = await cp();
        } else {
          cm = await cp();
          bm = await b();
        }
        return { bm, cm };
      };
      const u = await pair(berthUp, cpUp);
      const d = await pair(berthDown, cpDown);
      if (d.bm.result.result.size !== SIZE) throw new Error(`downloaded ${d.bm.result.result.size} bytes, expected ${SIZE}`);
      up.push({ berth: u.bm.result.ms, cp: u.cm.ms });
      down.push({ berth: d.bm.result.ms, cp: d.cm.ms });
      mem.upPeak = Math.max(mem.upPeak, u.bm.peakMiB);
      mem.downPeak = Math.max(mem.downPeak, d.bm.peakMiB);
      mem.before = Math.min(mem.before, u.bm.beforeMiB, d.bm.beforeMiB);
      mem.upCpu.push(u.bm.cpuMs);
      mem.downCpu.push(d.bm.cpuMs);
      mem.upClientCpu.push(u.bm.clientCpuMs);
      mem.downClientCpu.push(d.bm.clientCpuMs);
      mem.upCliCpu.push(u.cm.cliCpuMs);
      mem.downCliCpu.push(d.cm.cliCpuMs);
      loads.push(loadavg()[0]!);
      const line = (dir: string, r: { berth: number; cp: number }) =>
        `${dir} Berth ${fmt(r.berth, 0)} ms (${mibps(r.berth)} MiB/s), docker cp ${fmt(r.cp, 0)} ms (${mibps(r.cp)} MiB/s), ratio ${fmt(r.berth / r.cp, 2)}`;
      console.log(`round ${round + 1}/${ROUNDS} (${berthFirst ? 'Berth first' : 'docker cp first'}): ${line('upload', up.at(-1)!)}; ${line('download', down.at(-1)!)}`);
    }
    const median = (v: number[]) => percentile(v, 50);
    const summary = (dir: string, rs: { berth: number; cp: number }[]) => {
      const ratio = median(rs.map((r) => r.berth / r.cp));
      const verdict = ratio <= GOAL ? 'within' : 'OVER';
      return `${dir} 32 MiB: median Berth ${fmt(median(rs.map((r) => r.berth)), 0)} ms, docker cp ${fmt(median(rs.map((r) => r.cp)), 0)} ms; median ratio ${fmt(ratio, 2)} (${verdict} the goal of ${GOAL}×; rounds ${rs.map((r) => fmt(r.berth / r.cp, 2)).join(', ')})`;
    };
    console.log(summary('upload', up));
    console.log(summary('download', down));
    console.log(`load average (1 min) during the rounds: ${loads.map((l) => fmt(l, 2)).join(', ')}`);
    console.log(
      `back end peak RSS: upload ${fmt(mem.upPeak, 0)} MiB, download ${fmt(mem.downPeak, 0)} MiB (${fmt(mem.before, 0)} MiB before); ` +
        `back end CPU per copy (median): upload ${median(mem.upCpu)} ms, download ${median(mem.downCpu)} ms; ` +
        `client CPU per copy (median, this process: the renderer's transfer code and the WebSocket): upload ${fmt(median(mem.upClientCpu), 0)} ms, download ${fmt(median(mem.downClientCpu), 0)} ms; ` +
        `docker cp's CPU per copy (median, the CLI): upload ${median(mem.upCliCpu)} ms, download ${median(mem.downCliCpu)} ms`,
    );
  } finally {
    close();
    await docker('rm', '-f', id).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

export const mibps = (ms: number) => fmt(SIZE / MIB / (ms / 1000));

/** The CPU time of the child processes that `work` ran and reaped (the docker CLI): cutime + cstime. */
export async function cliCpu<T extends object>(work: () => Promise<T>): Promise<T & { cliCpuMs: number }> {
  const children = () => readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ').slice(13, 15).reduce((a, b) => a + Number(b), 0) * 10;
  const before = children();
  const result = await work();
  return { ...result, cliCpuMs: children() - before };
}

export interface Measured<T> {
  result: T;
  peakMiB: number;
  beforeMiB: number;
  /** The back end's CPU time. */
  cpuMs: number;
  /** This process's CPU time: the client's side of the copy. */
  clientCpuMs: number;
}

/**
 * The back end's peak resident memory while `work` runs (VmHWM after resetting it with clear_refs 5,
 * and VmRSS sampled every 5 ms where the reset is not allowed), and the CPU time it and this process used.
 */
export async function peakRss<T>(pid: number, work: () => Promise<T>): Promise<Measured<T>> {
  const status = () => readFileSync(`/proc/${pid}/status`, 'utf8');
  // utime + stime (fields 14 and 15 of /proc/pid/stat), in clock ticks of 10 ms.
  const cpu = () => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ').slice(11, 13).reduce((a, b) => a + Number(b), 0) * 10;
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status())?.[1] ?? 0);
  let reset = true;
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    reset = false;
  }
  const beforeMiB = kib('VmRSS') / 1024;
  let sampled = kib('VmRSS');
  const timer = setInterval(() => (sampled = Math.max(sampled, kib('VmRSS'))), 5);
  const cpuBefore = cpu();
  const clientBefore = process.cpuUsage();
  try {
    const result = await work();
    const client = process.cpuUsage(clientBefore);
    const peak = Math.max(sampled, reset ? kib('VmHWM') : 0);
    return { result, peakMiB: peak / 1024, beforeMiB, cpuMs: cpu() - cpuBefore, clientCpuMs: (client.user + client.system) / 1000 };
  } finally {
    clearInterval(timer);
  }
}
