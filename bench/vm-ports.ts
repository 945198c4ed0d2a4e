import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pack } from 'tar-stream';
import { startBerth } from '../e2e/support/berth.js';
import { isQemuProcess, readPidFile } from '../vm/drivers/qemu/qemu-process.js';
import { vmPaths } from '../vm/vm-files.js';
import { connectNodeClient, engineRunning } from './support/node-client.js';

/**
 * `npm run bench -- vm-ports`: Berth with its VM (`--engine vm`, TCG here), 20 containers each publishing
 * a host port; for each, the time from the engine's `start` event reaching Berth's API to the host's
 * 127.0.0.1:PORT answering HTTP, p50 and p95 (goal ≤ 1 s p95). The forward is made from the event, with no
 * polling (vm/ports, engine/providers/vm-port-forwards.ts); the bench itself polls the port every 5 ms.
 */
const COUNT = 20;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

async function answers(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) });
    return (await res.text()).includes('ok');
  } catch {
    return false;
  }
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

export async function benchVmPorts(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'berth-vm-ports-'));
  const dataDir = join(root, 'data');
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_CONFIG: join(root, 'docker-config') };
  delete env.DOCKER_HOST;
  const docker = (args: string[], input?: Buffer) =>
    new Promise<string>((resolve, reject) => {
      const child = spawn('docker', ['--context', 'berth', ...args], { env });
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (err += d));
      child.on('close', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`docker ${args.join(' ')}: ${err}`))));
      child.stdin.end(input);
    });
  const t0 = Date.now();
  const berth = await startBerth(['--engine', 'vm', '--data-dir', dataDir], { DOCKER_CONFIG: env.DOCKER_CONFIG });
  const { api, close } = await connectNodeClient(berth.origin, berth.token);
  try {
    await engineRunning(api, 900_000);
    console.log(`VM engine running after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const p = pack();
    p.entry({ name: 'bin/busybox', mode: 0o755 }, readFileSync('/bin/busybox'));
    for (const name of ['sh', 'httpd', 'mkdir', 'echo']) p.entry({ name: `bin/${name}`, type: 'symlink', linkname: 'busybox' });
    p.finalize();
    const chunks: Buffer[] = [];
    for await (const c of p) chunks.push(c as Buffer);
    await docker(['import', '-', 'berth-bench/web:latest'], Buffer.concat(chunks));

    const started = new Map<string, number>();
    const waiting = new Map<string, (at: number) => void>();
    const sub = api.engine.events({ types: ['container'] }, {
      next: (events) => {
        const at = performance.now();
        for (const e of events) {
          if (e.action !== 'start') continue;
          started.set(e.id, at);
          waiting.get(e.id)?.(at);
        }
      },
      error: () => undefined,
    });
    const latencies: number[] = [];
    try {
      for (let i = 0; i < COUNT; i++) {
        const port = await freePort();
        const id = await docker(['run', '-d', '--name', `bench-port-${i}`, '-p', `${port}:80`, 'berth-bench/web', 'sh', '-c', 'mkdir -p /w && echo ok > /w/index.html && exec httpd -f -p 80 -h /w']);
        const eventAt = started.get(id) ?? (await new Promise<number>((resolve) => waiting.set(id, resolve)));
        const deadline = performance.now() + 30_000;
        while (!(await answers(port))) {
          if (performance.now() > deadline) throw new Error(`port ${port} of bench-port-${i} did not answer within 30 s`);
          await new Promise((r) => setTimeout(r, 5));
        }
        latencies.push(performance.now() - eventAt);
      }
    } finally {
      sub.dispose();
      await docker(['rm', '-f', ...Array.from({ length: COUNT }, (_, i) => `bench-port-${i}`)]).catch(() => undefined);
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    const ms = (v: number) => `${Math.round(v)} ms`;
    console.log(`start event → host 127.0.0.1:PORT answering, ${COUNT} containers: p50 ${ms(pct(sorted, 50))}, p95 ${ms(pct(sorted, 95))}, max ${ms(sorted.at(-1)!)} (goal ≤ 1000 ms p95)`);
    console.log(`  each: ${latencies.map((l) => Math.round(l)).join(' ')}`);
  } finally {
    close();
    await berth.stop();
    const pid = readPidFile(vmPaths(dataDir, 'berth').pidFile);
    if (pid && isQemuProcess(pid)) process.kill(pid, 'SIGKILL');
    rmSync(root, { recursive: true, force: true });
  }
}
