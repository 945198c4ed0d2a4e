import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BerthApi } from '../contract/index.js';
import type { RunningBerth } from '../e2e/support/berth.js';
import { connectNodeClient, engineRunning } from './support/node-client.js';
import { fmt, mean } from './support/stats.js';

const run = promisify(execFile);

function upViaBerth(api: BerthApi, file: string, projectName: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let done = false;
    api.compose.up({ files: [file], projectName }, {
      next: (events) => {
        if (events.some((e) => e.kind === 'done')) done = true;
      },
      error: reject,
      complete: () => (done ? resolve() : reject(new Error('up ended without its done event'))),
    });
  });
}

/**
 * Up of a 10-service project (independent services, no build, image present) from a cold start (no
 * containers, no network): Berth's compose.up over the WebSocket versus `docker-compose up -d`
 * (Debian's 1.29), alternating, on the same engine in one run. Each round uses fresh project names;
 * teardown is not timed. Target: ratio ≤ 1.0 (Berth creates and starts the services in parallel).
 */
export async function benchComposeUp(berth: RunningBerth, image: string, options: { services?: number; rounds?: number } = {}): Promise<{ ratio: number }> {
  const services = options.services ?? 10;
  const rounds = options.rounds ?? Number(process.env.BERTH_BENCH_ROUNDS ?? 3);
  const dir = mkdtempSync(join(tmpdir(), 'berth-bench-compose-'));
  const file = join(dir, 'compose.yaml');
  // The trap makes stop (teardown) take under a second instead of the 10 s kill timeout.
  const body = Array.from({ length: services }, (_, i) => `  s${i}:\n    image: ${image}\n    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]\n`).join('');
  writeFileSync(file, `services:\n${body}`);
  const { api, close } = await connectNodeClient(berth.origin, berth.token);
  const env = { ...process.env };
  const berthMs: number[] = [];
  const v1Ms: number[] = [];
  try {
    await engineRunning(api);
    for (let r = 0; r < rounds; r++) {
      const tag = `${Date.now().toString(36)}${r}`;
      const pb = `bench-berth-${tag}`;
      const pv = `bench-v1-${tag}`;
      let t = performance.now();
      await upViaBerth(api, file, pb);
      berthMs.push(performance.now() - t);
      t = performance.now();
      await run('docker-compose', ['-p', pv, '-f', file, 'up', '-d'], { env, cwd: dir });
      v1Ms.push(performance.now() - t);
      await api.compose.down({ project: pb, volumes: false, images: 'none' });
      await run('docker-compose', ['-p', pv, '-f', file, 'down'], { env, cwd: dir });
    }
  } finally {
    close();
    rmSync(dir, { recursive: true, force: true });
  }
  const ratio = mean(berthMs) / mean(v1Ms);
  console.log(`compose up of ${services} services, ${rounds} rounds: Berth ${fmt(mean(berthMs), 0)} ms (${berthMs.map((x) => fmt(x, 0)).join(', ')}), docker-compose 1.29 up -d ${fmt(mean(v1Ms), 0)} ms (${v1Ms.map((x) => fmt(x, 0)).join(', ')})`);
  console.log(`ratio Berth / docker-compose: ${fmt(ratio, 2)} (goal ≤ 1.0)`);
  return { ratio };
}
