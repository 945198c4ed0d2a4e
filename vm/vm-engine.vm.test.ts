import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { pack } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, startBerth, type RunningBerth } from '../e2e/support/berth.js';
import { guestAgent } from './drivers/qemu/guest-agent.js';
import { isQemuProcess, readPidFile } from './drivers/qemu/qemu-process.js';
import { buildImage, findImage } from './image/image-key.js';
import { vmPaths } from './vm-files.js';

/**
 * The engine in Berth's VM, the way a user gets it: `npm run web -- --engine vm`, under TCG here.
 * ONE cold boot shared by every check (it takes 20 s on a quiet machine, minutes on a loaded one),
 * then one resume. Needs a build of dist/ (npm test builds first).
 */
const root = mkdtempSync(join(tmpdir(), 'berth-vm-'));
const dataDir = join(root, 'data');
const dockerConfig = join(root, 'docker-config');
const paths = vmPaths(dataDir, 'berth');
let berth: RunningBerth | undefined;
let browser: Browser;
let page: Page;
let pid: number | undefined;

/** The docker CLI through the `berth` context Berth wrote (the socket is served by Berth's process). */
function docker(args: string[], input?: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const e: NodeJS.ProcessEnv = { ...process.env, DOCKER_CONFIG: dockerConfig };
    delete e.DOCKER_HOST;
    const child = spawn('docker', ['--context', 'berth', ...args], { env: e, timeout: 300_000 });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`docker ${args.join(' ')} (exit ${code}): ${err}`))));
    child.stdin.end(input);
  });
}

/** A one-binary image from the host's static busybox (no registry needed). */
async function busyboxTar(): Promise<Buffer> {
  const p = pack();
  p.entry({ name: 'bin/busybox', mode: 0o755 }, readFileSync('/bin/busybox'));
  for (const name of ['sh', 'echo', 'sleep', 'date', 'cat', 'true']) p.entry({ name: `bin/${name}`, type: 'symlink', linkname: 'busybox' });
  p.finalize();
  const chunks: Buffer[] = [];
  for await (const c of p) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function openBerth(): Promise<void> {
  berth = await startBerth(['--engine', 'vm', '--data-dir', dataDir], { DOCKER_CONFIG: dockerConfig });
  ({ page } = await openApp(browser, berth, '#/engine'));
}

/** The Connection card's State, as the Engine page shows it. */
const connectionState = () => page.getByRole('table', { name: 'Connection' }).getByRole('row', { name: /^State / }).getByRole('cell');

beforeAll(async () => {
  process.env.BERTH_VM_IMAGE ||= findImage() ?? buildImage();
  browser = await launchBrowser();
}, 1_200_000);

afterAll(async () => {
  await berth?.stop();
  await browser?.close();
  pid = readPidFile(paths.pidFile) ?? pid;
  if (pid && isQemuProcess(pid)) process.kill(pid, 'SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

describe('Berth with --engine vm', () => {
  it('shows the VM starting step by step on the Engine page, then a running engine', async () => {
    await openBerth();
    // The steps appear while it boots (a cold boot under TCG takes a while).
    await page.getByRole('list', { name: 'Start progress' }).first().waitFor({ timeout: 120_000 });
    expect(await page.getByRole('list', { name: 'Start progress' }).first().innerText()).toMatch(/Starting the VM/);
    await expect.poll(() => connectionState().innerText(), { timeout: 600_000, interval: 1000 }).toBe('running');
    const fields = page.getByRole('table', { name: 'Connection' });
    expect(await fields.getByRole('row', { name: /^Provider / }).innerText()).toMatch(/dockerd in Berth’s Linux VM/);
    expect(await fields.getByRole('row', { name: /^Why this engine / }).innerText()).toMatch(/--engine vm/);
    const vm = page.getByRole('region', { name: 'Virtual machine' });
    expect(await vm.getByRole('row', { name: /^VM state / }).innerText()).toMatch(/running/);
    expect(await vm.getByRole('row', { name: /^Hypervisor / }).innerText()).toMatch(/qemu \((tcg|kvm)/);
    pid = readPidFile(paths.pidFile);
    expect(pid && isQemuProcess(pid)).toBe(true);
  });

  it('serves the engine on a host socket: docker --context berth run --rm prints the marker', async () => {
    expect(await docker(['version', '--format', '{{.Server.Os}}'])).toBe('linux');
    await docker(['import', '--change', 'CMD ["/bin/sh"]', '-', 'berth-smoke/busybox:latest'], await busyboxTar());
    expect(await docker(['run', '--rm', 'berth-smoke/busybox', 'echo', 'berth-vm-marker-42'])).toBe('berth-vm-marker-42');
  });

  it('quitting Berth suspends the VM; the next start resumes it with containers kept and the clock right', async () => {
    await docker(['create', '--name', 'kept', 'berth-smoke/busybox', 'true']);
    await docker(['run', '-d', '--name', 'sleeper', 'berth-smoke/busybox', 'sleep', '3600']);
    expect(await berth!.stop()).toBe(0);
    berth = undefined;
    expect(pid && isQemuProcess(pid)).toBe(false);
    expect(existsSync(paths.stateMeta)).toBe(true);
    // Let the host clock move on, so a guest that missed the fix would be behind.
    await new Promise((r) => setTimeout(r, 3000));
    const t0 = Date.now();
    await openBerth();
    await expect.poll(() => connectionState().innerText(), { timeout: 300_000, interval: 250 }).toBe('running');
    console.log(`resume → running on the Engine page in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    pid = readPidFile(paths.pidFile);
    const names = (await docker(['ps', '-a', '--format', '{{.Names}} {{.State}}'])).split('\n').sort();
    expect(names).toEqual(['kept created', 'sleeper running']);
    const before = Date.now();
    const guestNs = await guestAgent<number>(paths.guestAgentSocket, 'guest-get-time');
    const after = Date.now();
    expect(guestNs / 1e6).toBeGreaterThan(before - 1000);
    expect(guestNs / 1e6).toBeLessThan(after + 1000);
    // The state is used once: the disk moved on, so a later start must not resume from it.
    expect(existsSync(paths.stateMeta)).toBe(false);
  });

  it('Stop on the Engine page stops the VM cleanly, leaving no QEMU behind', async () => {
    const vm = page.getByRole('region', { name: 'Virtual machine' });
    await vm.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => connectionState().innerText(), { timeout: 180_000, interval: 500 }).toBe('stopped');
    expect(await vm.getByRole('row', { name: /^VM state / }).innerText()).toMatch(/stopped/);
    expect(pid && isQemuProcess(pid)).toBe(false);
    expect(execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })).not.toContain(paths.qmpSocket);
    expect(await berth!.stop()).toBe(0);
    berth = undefined;
  });
});
