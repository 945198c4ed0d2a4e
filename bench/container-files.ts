import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, openAsBlob, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BerthApi } from '../contract/index.js';
import type { RunningBerth } from '../e2e/support/berth.js';
import { startDownload } from '../renderer/src/features/files/download-transfer.js';
import { uploadFile } from '../renderer/src/features/files/upload-transfer.js';
import { connectNodeClient, engineRunning } from './support/node-client.js';

const run = promisify(execFile);
const docker = async (...args: string[]) => (await run('docker', args, { maxBuffer: 256 * 1024 * 1024 })).stdout.trim();
const mibps = (bytes: number, ms: number) => (bytes / 1024 / 1024 / (ms / 1000)).toFixed(1);

/**
 * The renderer's own transfer code, reading a file-backed Blob as a browser reads a File (and as
 * `docker cp` reads the file). An in-memory Blob is no stand-in: Node's first read of one took
 * 0.9-1.2 s for 32 MiB, a file-backed one 44-59 ms.
 */
async function upload(api: BerthApi, id: string, file: string): Promise<void> {
  await uploadFile(api, { id, dir: '/tmp', file: Object.assign(await openAsBlob(file), { name: 'bench.bin' }) }, () => undefined);
}

function download(api: BerthApi, id: string): Promise<number> {
  return new Promise((resolve, reject) => {
    startDownload(api, { id, path: '/tmp/bench.bin' }, {
      onStart: () => undefined,
      onProgress: () => undefined,
      onDone: (blob) => resolve(blob.size),
      onError: reject,
    });
  });
}

/** Upload and download of a 32 MiB file through the contract (WebSocket), against `docker cp` both ways. */
export async function benchContainerFiles(berth: RunningBerth, image: string): Promise<void> {
  await measure(berth, image);
}

/**
 * The back end's peak resident memory while `work` runs (VmHWM after resetting it with clear_refs 5,
 * and VmRSS sampled every 5 ms where the reset is not allowed), and the CPU time it used.
 */
async function peakRss<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peakMiB: number; beforeMiB: number; cpuMs: number }> {
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
  try {
    const result = await work();
    const peak = Math.max(sampled, reset ? kib('VmHWM') : 0);
    return { result, peakMiB: peak / 1024, beforeMiB, cpuMs: cpu() - cpuBefore };
  } finally {
    clearInterval(timer);
  }
}

async function measure(berth: RunningBerth, image: string): Promise<void> {
  const size = 32 * 1024 * 1024;
  const data = randomBytes(size);
  const dir = mkdtempSync(join(tmpdir(), 'berth-bench-files-'));
  const local = join(dir, 'bench.bin');
  writeFileSync(local, data);
  const name = `berth-bench-files-${Date.now().toString(36)}`;
  const id = await docker('run', '-d', '--name', name, image, 'sleep', '600');
  const { api, close } = await connectNodeClient(berth.origin, berth.token);
  try {
    await engineRunning(api);
    const pid = berth.process.pid!;
    let t = performance.now();
    const upMem = await peakRss(pid, () => upload(api, id, local));
    const up = performance.now() - t;
    t = performance.now();
    const downMem = await peakRss(pid, () => download(api, id));
    const got = downMem.result;
    const down = performance.now() - t;
    if (got !== size) throw new Error(`downloaded ${got} bytes, expected ${size}`);
    t = performance.now();
    await docker('cp', local, `${id}:/tmp/cp.bin`);
    const cpUp = performance.now() - t;
    t = performance.now();
    await docker('cp', `${id}:/tmp/cp.bin`, join(dir, 'back.bin'));
    const cpDown = performance.now() - t;
    console.log(`upload 32 MiB: Berth ${up.toFixed(0)} ms (${mibps(size, up)} MiB/s), docker cp ${cpUp.toFixed(0)} ms (${mibps(size, cpUp)} MiB/s); ratio ${(up / cpUp).toFixed(2)}`);
    console.log(`download 32 MiB: Berth ${down.toFixed(0)} ms (${mibps(size, down)} MiB/s), docker cp ${cpDown.toFixed(0)} ms (${mibps(size, cpDown)} MiB/s); ratio ${(down / cpDown).toFixed(2)}`);
    const mem = (m: { peakMiB: number; beforeMiB: number }) => `${m.peakMiB.toFixed(0)} MiB (${m.beforeMiB.toFixed(0)} MiB before)`;
    console.log(`back end peak RSS: upload ${mem(upMem)}, download ${mem(downMem)}; back end CPU: upload ${upMem.cpuMs} ms, download ${downMem.cpuMs} ms`);
  } finally {
    close();
    await docker('rm', '-f', id).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}
