import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pack } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pingOnce } from './engine-socket/ping.js';
import { guestAgent } from './drivers/qemu/guest-agent.js';
import { isQemuProcess } from './drivers/qemu/qemu-process.js';
import { QemuDriver } from './drivers/qemu/qemu-driver.js';
import { buildImage, findImage } from './image/image-key.js';
import { VmManager } from './vm-manager.js';

// The real VM, under TCG here: ONE boot shared by every check (a boot takes 20 s to minutes).
const dataDir = mkdtempSync(join(tmpdir(), 'berth-vm-'));
const dockerConfig = join(dataDir, 'docker-config');
const log: string[] = [];
let driver: QemuDriver;
let vm: VmManager;
let pid: number | undefined;

/** The docker CLI through the `berth` context that VmManager wrote (async: the socket is served here). */
function docker(args: string[], input?: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_CONFIG: dockerConfig };
    delete env.DOCKER_HOST;
    const child = spawn('docker', ['--context', 'berth', ...args], { env, timeout: 300_000 });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`docker ${args.join(' ')} (exit ${code}): ${err}`))));
    child.stdin.end(input);
  });
}

/** A one-binary image from the host's static busybox, imported through the VM's engine (no registry). */
async function busyboxTar(): Promise<Buffer> {
  const p = pack();
  p.entry({ name: 'bin/busybox', mode: 0o755 }, readFileSync('/bin/busybox'));
  for (const name of ['sh', 'echo', 'sleep', 'date', 'cat']) p.entry({ name: `bin/${name}`, type: 'symlink', linkname: 'busybox' });
  p.finalize();
  const chunks: Buffer[] = [];
  for await (const c of p) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  const imageDir = findImage() ?? buildImage();
  driver = new QemuDriver({ dataDir, imageDir, bootTimeoutMs: 600_000, log: (l) => log.push(l) });
  vm = new VmManager({
    driver,
    config: { name: 'berth', resources: { cpus: 2, memoryMiB: 2048, diskGiB: 16 }, shares: [], imagePath: imageDir },
    lockPath: driver.paths.lock,
    dockerConfigDir: dockerConfig,
  });
  const started = await vm.start();
  pid = driver.pid;
  console.log(`cold start → _ping in ${(started.totalMs / 1000).toFixed(1)} s:`, started.stages.map((s) => `${s.name} ${(s.hostMs / 1000).toFixed(1)}s`).join(', '));
});

afterAll(async () => {
  await vm?.quit().catch(() => undefined);
  await driver?.stop({ timeoutMs: 5000 }).catch(() => undefined);
  if (pid && isQemuProcess(pid)) process.kill(pid, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the engine in a QEMU VM', () => {
  it('answers _ping on the host socket (mutual TLS inside), and the context berth points at it', async () => {
    const status = await vm.status();
    expect(status.state).toBe('running');
    expect(status.dockerHost).toBe(`unix://${driver.paths.engineSocket}`);
    expect(await pingOnce(driver.paths.engineSocket)).toBe(true);
    expect(await docker(['version', '--format', '{{.Server.Os}}/{{.Server.Arch}}'])).toBe('linux/amd64');
    expect(status.disk?.totalBytes).toBeGreaterThan(10 * 1024 ** 3);
  });

  it('docker --context berth run --rm prints the marker', async () => {
    await docker(['import', '--change', 'CMD ["/bin/sh"]', '-', 'berth-smoke/busybox:latest'], await busyboxTar());
    expect(await docker(['run', '--rm', 'berth-smoke/busybox', 'echo', 'berth-vm-marker-42'])).toBe('berth-vm-marker-42');
  });

  it('suspend and resume: containers survive, the clock is right, the state is used once', async () => {
    await docker(['create', '--name', 'kept', 'berth-smoke/busybox', 'true']);
    await docker(['run', '-d', '--name', 'sleeper', 'berth-smoke/busybox', 'sleep', '3600']);
    await vm.suspend();
    expect(vm.currentState).toBe('suspended');
    expect(pid && isQemuProcess(pid)).toBe(false);
    // Let the host clock move on, so a guest that missed the fix would be behind.
    await new Promise((r) => setTimeout(r, 3000));
    const resumed = await vm.start();
    pid = driver.pid;
    expect(resumed.resumed).toBe(true);
    console.log(`resume → _ping in ${(resumed.totalMs / 1000).toFixed(1)} s`);
    const names = (await docker(['ps', '-a', '--format', '{{.Names}} {{.State}}'])).split('\n').sort();
    expect(names).toEqual(['kept created', 'sleeper running']);
    const before = Date.now();
    const guestNs = await guestAgent<number>(driver.paths.guestAgentSocket, 'guest-get-time');
    const after = Date.now();
    const guestMs = guestNs / 1e6;
    expect(guestMs).toBeGreaterThan(before - 1000);
    expect(guestMs).toBeLessThan(after + 1000);
    expect(readdirState()).toEqual([]);
  });

  it('stops cleanly, leaving no QEMU behind', async () => {
    await vm.stop(120_000);
    expect(vm.currentState).toBe('stopped');
    expect(pid && isQemuProcess(pid)).toBe(false);
    expect(log.some((l) => l.includes('did not power off'))).toBe(false);
    expect(execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })).not.toContain(driver.paths.qmpSocket);
  });
});

function readdirState(): string[] {
  return ['state.bin', 'state.json'].filter((f) => {
    try {
      readFileSync(join(driver.paths.dir, f));
      return true;
    } catch {
      return false;
    }
  });
}
