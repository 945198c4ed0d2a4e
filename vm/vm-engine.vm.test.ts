import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createSocket } from 'node:dgram';
import { createServer, type Server } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { pack } from 'tar-stream';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { launchBrowser, openApp, startBerth, type RunningBerth } from '../e2e/support/berth.js';
import { defaultSettings } from '../contract/domains/settings.js';
import { connectNodeClient } from '../bench/support/node-client.js';
import { guestAgent, guestExec } from './drivers/qemu/guest-agent.js';
import { berthLogPath } from '../engine/diagnostics/log-file.js';
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
/** A folder shared with the VM (Settings › Virtual machine › Shared folders), and one that is not. */
const shared = join(root, 'shared');
const unshared = join(root, 'unshared');
/** A static inotify watcher (busybox-static has no inotifyd), built in beforeAll. */
const inotifyWatch = join(root, 'inotify-watch');
/** A static UDP echo server (busybox-static's nc has no UDP), built in beforeAll. */
const udpEcho = join(root, 'udp-echo');
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
  p.entry({ name: 'bin/inotify-watch', mode: 0o755 }, readFileSync(inotifyWatch));
  p.entry({ name: 'bin/udp-echo', mode: 0o755 }, readFileSync(udpEcho));
  for (const name of ['sh', 'echo', 'sleep', 'date', 'cat', 'true', 'mkdir', 'httpd', 'wget']) p.entry({ name: `bin/${name}`, type: 'symlink', linkname: 'busybox' });
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

/** GET http://host:port/ → body, or the error's code (ECONNREFUSED once the forward is gone). */
async function httpGet(port: number, host = '127.0.0.1'): Promise<string> {
  const res = await fetch(`http://${host.includes(':') ? `[${host}]` : host}:${port}/`, { signal: AbortSignal.timeout(3000) });
  return (await res.text()).trim();
}
const refused = (port: number) =>
  httpGet(port).then(
    () => 'answered',
    (e: Error & { cause?: { code?: string } }) => e.cause?.code ?? e.message,
  );

beforeAll(async () => {
  process.env.BERTH_VM_IMAGE ||= findImage() ?? buildImage();
  mkdirSync(shared, { recursive: true });
  mkdirSync(unshared, { recursive: true });
  execFileSync('cc', ['-static', '-O2', '-o', inotifyWatch, join(import.meta.dirname, 'testing', 'inotify-watch.c')]);
  execFileSync('cc', ['-static', '-O2', '-o', udpEcho, join(import.meta.dirname, 'testing', 'udp-echo.c')]);
  // The VM settings as the Settings page saves them: this folder shared, nothing else.
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ ...defaultSettings, vm: { ...defaultSettings.vm, shares: [{ hostPath: shared }] } }));
  browser = await launchBrowser();
}, 1_200_000);

afterAll(async () => {
  await berth?.stop();
  await browser?.close();
  pid = readPidFile(paths.pidFile) ?? pid;
  if (pid && isQemuProcess(pid)) process.kill(pid, 'SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

/** The last `lines` lines of a file, or a note that it is missing. */
function tail(path: string, lines: number): string {
  return existsSync(path) ? readFileSync(path, 'utf8').split('\n').slice(-lines).join('\n') : `(no ${path})`;
}

/** The forwards and warnings Berth holds now (its portForwards stream's first view), as JSON. */
async function forwardsNow(): Promise<string> {
  if (!berth) return '(Berth is not running)';
  const { api, close } = await connectNodeClient(berth.origin, berth.token);
  try {
    return await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no view in 5 s')), 5000);
      const sub = api.engine.portForwards({}, {
        next: (views) => (clearTimeout(timer), sub.dispose(), resolve(JSON.stringify(views.at(-1)))),
        error: (e) => (clearTimeout(timer), reject(e)),
      });
    });
  } finally {
    close();
  }
}

/**
 * When a check fails, what the VM and Berth said (printed once): CI keeps no files, so a failure that
 * happens only there is explained by its own output. The guest's dockerd and containerd logs come through
 * the guest agent while it still answers.
 */
let diagnosed = false;
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail' || diagnosed) return;
  diagnosed = true;
  const parts = [`--- console.log (tail)\n${tail(paths.consoleLog, 40)}`, `--- qemu.log (tail)\n${tail(paths.qemuLog, 20)}`];
  for (const file of ['/run/berth/containerd.log', '/run/berth/dockerd.log']) {
    const r = await guestExec(paths.guestAgentSocket, '/bin/sh', ['-c', `tail -n 25 ${file}`], 10_000).catch((e: Error) => ({ stdout: `(guest agent: ${e.message})`, stderr: '' }));
    parts.push(`--- guest ${file} (tail)\n${r.stdout}${r.stderr}`);
  }
  // Last, as CI shows only the end of the output: what Berth logged, and the forwards it holds.
  parts.push(`--- berth.log (tail)\n${tail(berthLogPath(dataDir), 40)}`);
  parts.push(`--- port forwards\n${await forwardsNow().catch((e: Error) => `(${e.message})`)}`);
  console.error(`VM diagnostics after "${ctx.task.name}" failed:\n${parts.join('\n')}`);
});

describe('Berth with --engine vm', () => {
  it('shows the VM starting step by step on the Engine page, then a running engine', async () => {
    await openBerth();
    // The steps appear while it boots (a cold boot under TCG takes a while).
    await page.getByRole('list', { name: 'Start progress' }).first().waitFor({ timeout: 120_000 });
    // "Creating the VM" (first use) comes before it.
    await expect.poll(() => page.getByRole('list', { name: 'Start progress' }).first().innerText().catch(() => ''), { timeout: 120_000 }).toMatch(/Starting the VM/);
    await expect.poll(() => connectionState().innerText(), { timeout: 600_000, interval: 1000 }).toBe('running');
    const fields = page.getByRole('table', { name: 'Connection' });
    expect(await fields.getByRole('row', { name: /^Provider / }).innerText()).toMatch(/dockerd in Berth’s Linux VM/);
    expect(await fields.getByRole('row', { name: /^Why this engine / }).innerText()).toMatch(/--engine vm/);
    const vm = page.getByRole('region', { name: 'Virtual machine' });
    expect(await vm.getByRole('row', { name: /^VM state / }).innerText()).toMatch(/running/);
    expect(await vm.getByRole('row', { name: /^Hypervisor / }).innerText()).toMatch(/qemu \((tcg|kvm)/);
    expect(await vm.getByRole('row', { name: /^Shared folders / }).innerText()).toContain(`${shared} · 9p`);
    pid = readPidFile(paths.pidFile);
    expect(pid && isQemuProcess(pid)).toBe(true);
  });

  it('serves the engine on a host socket: docker --context berth run --rm prints the marker', async () => {
    expect(await docker(['version', '--format', '{{.Server.Os}}'])).toBe('linux');
    await docker(['import', '--change', 'CMD ["/bin/sh"]', '-', 'berth-smoke/busybox:latest'], await busyboxTar());
    expect(await docker(['run', '--rm', 'berth-smoke/busybox', 'echo', 'berth-vm-marker-42'])).toBe('berth-vm-marker-42');
  });

  it('a published port answers on the host 127.0.0.1 (from the start event, no polling) and is gone after the container stops', async () => {
    const web = await docker(['run', '-d', '--name', 'web', '-p', '0:80', 'berth-smoke/busybox', 'sh', '-c', 'mkdir -p /www && echo berth-port-ok > /www/index.html && exec httpd -f -p 80 -h /www']);
    const port = Number((await docker(['port', 'web', '80/tcp'])).split('\n')[0]!.split(':').pop());
    // The engine picks it below every host's range for outgoing connections (guest init), so it is free here.
    expect(port).toBeGreaterThanOrEqual(20000);
    expect(port).toBeLessThan(32768);
    await expect.poll(() => httpGet(port).catch(() => ''), { timeout: 30_000, interval: 200 }).toBe('berth-port-ok');
    // `localhost` may resolve to ::1: relayed to the same forward where the host has IPv6 loopback.
    if (Object.values(networkInterfaces()).flat().some((a) => a?.address === '::1')) expect(await httpGet(port, '::1')).toBe('berth-port-ok');
    // The Ports tab says where it answers on this computer.
    await page.goto(`${berth!.url}#/containers/${web.slice(0, 12)}/ports`);
    await expect.poll(() => page.getByRole('region', { name: 'Forwarded to this computer' }).innerText().catch(() => ''), { timeout: 30_000 }).toContain(`127.0.0.1:${port}/tcp`);
    await docker(['stop', '-t', '1', 'web']);
    await expect.poll(() => refused(port), { timeout: 30_000, interval: 200 }).toBe('ECONNREFUSED');
    await docker(['rm', 'web']);
  });

  it('UDP too: a datagram to host 127.0.0.1:PORT reaches the container and its answer comes back', async () => {
    await docker(['run', '-d', '--name', 'echo', '-p', '0:5353/udp', 'berth-smoke/busybox', 'udp-echo', '5353']);
    try {
      const port = Number((await docker(['port', 'echo', '5353/udp'])).split('\n')[0]!.split(':').pop());
      const ask = () =>
        new Promise<string>((resolve) => {
          const sock = createSocket('udp4');
          const timer = setTimeout(() => (sock.close(), resolve('')), 1000);
          sock.on('message', (m) => (clearTimeout(timer), sock.close(), resolve(m.toString())));
          sock.send('ping', port, '127.0.0.1');
        });
      await expect.poll(ask, { timeout: 30_000, interval: 100 }).toBe('echo: ping');
    } finally {
      await docker(['rm', '-f', 'echo']);
    }
  });

  it('a host port already taken on this computer is a warning on the container, which keeps running', async () => {
    const squatter: Server = createServer((s) => s.end('not the container'));
    await new Promise<void>((r) => squatter.listen(0, '127.0.0.1', () => r()));
    const port = (squatter.address() as { port: number }).port;
    try {
      const id = await docker(['run', '-d', '--name', 'clash', '-p', `${port}:80`, 'berth-smoke/busybox', 'sh', '-c', 'exec httpd -f -p 80']);
      await page.goto(`${berth!.url}#/containers/${id.slice(0, 12)}/ports`);
      const alert = page.getByRole('region', { name: 'Forwarded to this computer' }).getByRole('alert');
      await expect.poll(() => alert.innerText().catch(() => ''), { timeout: 30_000 }).toMatch(new RegExp(`Port ${port}/tcp is already in use on this computer .*The container keeps running`));
      expect(await docker(['inspect', '-f', '{{.State.Running}}', 'clash'])).toBe('true');
    } finally {
      squatter.close();
      await docker(['rm', '-f', 'clash']);
    }
  });

  it('host.docker.internal in a container reaches a server on the host\'s 127.0.0.1', async () => {
    const server = createHttpServer((_req, res) => res.end('hello from the host'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    try {
      expect(await docker(['run', '--rm', 'berth-smoke/busybox', 'wget', '-qO-', `http://host.docker.internal:${port}/`])).toBe('hello from the host');
    } finally {
      server.close();
    }
  });

  it('a shared folder: a host file is read by a container, a container\'s file is the host user\'s; outside the shares is refused before create', async () => {
    writeFileSync(join(shared, 'from-host.txt'), 'written on the host');
    expect(await docker(['run', '--rm', '-v', `${shared}:/data`, 'berth-smoke/busybox', 'cat', '/data/from-host.txt'])).toBe('written on the host');
    await docker(['run', '--rm', '-v', `${shared}:/data`, 'berth-smoke/busybox', 'sh', '-c', 'echo written in the container > /data/from-container.txt']);
    expect(readFileSync(join(shared, 'from-container.txt'), 'utf8').trim()).toBe('written in the container');
    expect(statSync(join(shared, 'from-container.txt')).uid).toBe(process.getuid!());
    // File-change events: measured, and said in the README. A change made in the container is seen there;
    // one made on the host is not (9p carries no notifications).
    // (A container holding the share would keep the VM from being saved at quit: removed in `finally`.)
    try {
      await docker(['run', '-d', '--name', 'watch', '-v', `${shared}:/data`, 'berth-smoke/busybox', 'sh', '-c', 'inotify-watch /data > /ev & sleep 1; echo x > /data/in-container.txt; sleep 600']);
      await new Promise((r) => setTimeout(r, 3000));
      writeFileSync(join(shared, 'on-host.txt'), 'edited on the host');
      await new Promise((r) => setTimeout(r, 3000));
      const events = await docker(['exec', 'watch', 'cat', '/ev']);
      console.log(`inotify in a container on a 9p share: ${JSON.stringify(events)}`);
      expect(events).toContain('create in-container.txt');
    } finally {
      await docker(['rm', '-f', 'watch']).catch(() => undefined);
    }
    // The run dialog's checks: a host folder outside every share would be an empty folder in the VM.
    const { api, close } = await connectNodeClient(berth!.origin, berth!.token);
    try {
      const { issues } = await api.containers.validateRun({ image: 'berth-smoke/busybox', mounts: [{ source: unshared, target: '/data' }] } as never);
      expect(issues).toEqual([expect.objectContaining({ field: 'mounts.0.source', reason: 'host-path-unshared' })]);
      expect(issues[0]!.message).toContain('Settings › Virtual machine › Shared folders');
    } finally {
      close();
    }
  });

  it('a dockerd that dies in the guest is started again by the guest\'s init: the engine answers again, and the console says why', async () => {
    const killed = await guestExec(paths.guestAgentSocket, '/bin/sh', ['-c', 'kill -9 $(pidof dockerd) && echo killed']);
    expect(killed.stdout.trim()).toBe('killed');
    const t0 = Date.now();
    await expect.poll(() => docker(['version', '--format', '{{.Server.Os}}']).catch(() => 'down'), { timeout: 180_000, interval: 1000 }).toBe('linux');
    console.log(`dockerd killed → answering again in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    expect(readFileSync(paths.consoleLog, 'utf8')).toMatch(/berth: dockerd ended with status 137; starting it again/);
    // The engine Berth shows is the same one, still running.
    await page.goto(`${berth!.url}#/engine`);
    await expect.poll(() => connectionState().innerText(), { timeout: 60_000 }).toBe('running');
  });

  it('a restarted back end takes over the running VM: same QEMU, containers still running, forwards made again', async () => {
    await docker(['run', '-d', '--name', 'survivor', '-p', '0:80', 'berth-smoke/busybox', 'sh', '-c', 'mkdir -p /www && echo still-here > /www/index.html && exec httpd -f -p 80 -h /www']);
    // Removed even when a check fails, so the next test's container list is its own.
    onTestFinished(() => docker(['rm', '-f', 'survivor']).then(() => undefined, () => undefined));
    const port = Number((await docker(['port', 'survivor', '80/tcp'])).split('\n')[0]!.split(':').pop());
    await expect.poll(() => httpGet(port).catch(() => ''), { timeout: 30_000, interval: 200 }).toBe('still-here');
    const qemuPid = readPidFile(paths.pidFile);
    // The back end dies without quitting (a crash): QEMU is left running.
    berth!.process.kill('SIGKILL');
    await new Promise((r) => berth!.process.once('exit', r));
    berth = undefined;
    expect(qemuPid && isQemuProcess(qemuPid)).toBe(true);
    const t0 = Date.now();
    await openBerth();
    await expect.poll(() => connectionState().innerText(), { timeout: 120_000, interval: 250 }).toBe('running');
    console.log(`back end restarted → running (VM taken over) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    expect(readPidFile(paths.pidFile)).toBe(qemuPid);
    expect(await docker(['inspect', '-f', '{{.State.Running}}', 'survivor'])).toBe('true');
    await expect.poll(() => httpGet(port).catch(() => ''), { timeout: 30_000, interval: 200 }).toBe('still-here');
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
    // The shared folder was unmounted to save the VM, and is mounted again.
    expect(await docker(['run', '--rm', '-v', `${shared}:/data`, 'berth-smoke/busybox', 'cat', '/data/from-host.txt'])).toBe('written on the host');
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
