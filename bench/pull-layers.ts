import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BerthApi } from '../contract/index.js';
import type { RunningBerth } from '../e2e/support/berth.js';
import { connectNodeClient } from './support/node-client.js';
import { fmt, mean, percentile } from './support/stats.js';

const run = promisify(execFile);
const docker = async (...args: string[]) => (await run('docker', args, { env: process.env, maxBuffer: 16 * 1024 * 1024 })).stdout.trim();

/** kB of a /proc/<pid>/status field (VmRSS, VmHWM), or NaN. */
function procKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : NaN;
  } catch {
    return NaN;
  }
}

function pullViaBerth(api: BerthApi, reference: string): Promise<{ layers: number }> {
  return new Promise((resolve, reject) => {
    const layers = new Set<string>();
    let done = false;
    api.images.pull(
      { reference },
      {
        next: (events) => {
          for (const e of events) {
            if (e.kind === 'layer') layers.add(e.layer.id);
            if (e.kind === 'done') done = true;
          }
        },
        error: reject,
        complete: () => (done ? resolve({ layers: layers.size }) : reject(new Error('the pull ended without a done event'))),
      },
    );
  });
}

/**
 * Pull of an image with ≥ 20 layers from the local registry (127.0.0.1:5000): Berth's images.pull
 * over the WebSocket (per-layer progress aggregated) versus `docker pull`, alternating, the image
 * removed locally before each pull (the base layer stays). Prints times, the ratio (target ≤ 1.1)
 * and the back end's peak memory (VmRSS sampled during Berth's pulls, and VmHWM).
 */
export async function benchPullLayers(berth: RunningBerth, baseImage: string, options: { layers?: number; kib?: number; rounds?: number } = {}): Promise<{ ratio: number }> {
  const layers = options.layers ?? 24;
  const kib = options.kib ?? 512;
  const rounds = options.rounds ?? Number(process.env.BERTH_BENCH_ROUNDS ?? 5);
  const ref = `127.0.0.1:5000/berth-bench/pull-layers:${Date.now().toString(36)}`;
  const dir = mkdtempSync(join(tmpdir(), 'berth-bench-pull-'));
  const pid = berth.process.pid!;
  const { api, close } = await connectNodeClient(berth.origin, berth.token);
  try {
    const steps = Array.from({ length: layers }, (_, i) => `RUN dd if=/dev/urandom of=/f${i} bs=1k count=${kib} 2>/dev/null`);
    writeFileSync(join(dir, 'Dockerfile'), [`FROM ${baseImage}`, ...steps].join('\n') + '\n');
    await docker('build', '-q', '--no-cache', '-t', ref, dir);
    await docker('push', '-q', ref);
    const rm = () => docker('rmi', ref);
    await rm();

    const berthMs: number[] = [];
    const cliMs: number[] = [];
    let peakRss = procKb(pid, 'VmRSS');
    const startRss = peakRss;
    let seenLayers = 0;
    for (let i = 0; i < rounds; i++) {
      let t = performance.now();
      const sampler = setInterval(() => (peakRss = Math.max(peakRss, procKb(pid, 'VmRSS'))), 20);
      try {
        seenLayers = (await pullViaBerth(api, ref)).layers;
      } finally {
        clearInterval(sampler);
      }
      berthMs.push(performance.now() - t);
      await rm();
      t = performance.now();
      await docker('pull', '-q', ref);
      cliMs.push(performance.now() - t);
      await rm();
    }
    const ratio = percentile(berthMs, 50) / percentile(cliMs, 50);
    const bestRatio = Math.min(...berthMs) / Math.min(...cliMs);
    console.log(
      `pull of ${layers + 1} layers (${layers} × ${kib} KiB new + the base; Berth saw ${seenLayers} layers), ${rounds} rounds each, alternating: ` +
        `Berth images.pull p50 ${fmt(percentile(berthMs, 50), 0)} ms (mean ${fmt(mean(berthMs), 0)}; ${berthMs.map((x) => fmt(x, 0)).join(', ')}); ` +
        `docker pull p50 ${fmt(percentile(cliMs, 50), 0)} ms (mean ${fmt(mean(cliMs), 0)}; ${cliMs.map((x) => fmt(x, 0)).join(', ')}); ` +
        `ratio (p50) ${fmt(ratio, 2)} (target ≤ 1.1) — ${ratio <= 1.1 ? 'met' : 'MISSED'}; best-of ratio ${fmt(bestRatio, 2)}`,
    );
    console.log(
      `back end memory: VmRSS ${fmt(startRss / 1024, 1)} MiB before, peak ${fmt(peakRss / 1024, 1)} MiB during Berth's pulls (+${fmt((peakRss - startRss) / 1024, 1)} MiB); VmHWM ${fmt(procKb(pid, 'VmHWM') / 1024, 1)} MiB`,
    );
    return { ratio };
  } finally {
    close();
    await docker('rmi', ref).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}
