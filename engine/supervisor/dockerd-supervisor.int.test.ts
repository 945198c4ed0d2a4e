import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineStatus } from '../../contract/model.js';
import { createBackend, nodeBackendDeps } from '../backend.js';
import { discoverEngine } from '../client/discover.js';
import { engineInfo } from '../adapter/calls.js';
import { createDockerAdapter } from '../adapter/docker-adapter.js';
import { nodeDiscoverDeps, pingAt } from '../client/engine-client.js';
import { ctx, TEST_SOCKET, waitForStatus } from '../testing/int-helpers.js';
import { DockerdSupervisor, type SupervisorState } from './dockerd-supervisor.js';

// A second dockerd beside the test one must not touch docker0 or iptables. NOT --bridge=none: with it,
// dockerd deletes the host's docker0 at startup (libnetwork's removeDefaultBridgeInterface), which
// breaks the test dockerd. It gets a bridge of its own instead, made here and removed after.
const BRIDGE = `brt-${randomBytes(2).toString('hex')}`;
const EXTRA = [`--bridge=${BRIDGE}`, '--iptables=false', '--ip6tables=false'];
const ip = (...args: string[]) => execFileSync('ip', args, { stdio: 'pipe' });

beforeAll(() => {
  ip('link', 'add', BRIDGE, 'type', 'bridge');
  ip('addr', 'add', '10.213.7.1/24', 'dev', BRIDGE);
  ip('link', 'set', BRIDGE, 'up');
});
const dirs: string[] = [];
const shortDir = () => {
  const d = mkdtempSync('/tmp/bsv-'); // short: unix socket paths are limited to 107 bytes
  dirs.push(d);
  return d;
};
const ping = (socketPath: string) => pingAt({ socketPath }, { host: `unix://${socketPath}`, source: 'embedded' }, 2000);
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  ip('link', 'del', BRIDGE);
  // The point of all this: the test engine's bridge is still there.
  ip('link', 'show', 'docker0');
});

describe('DockerdSupervisor (real dockerd)', () => {
  it('starts its own dockerd (starting → running), answers _ping, and stops it cleanly', async () => {
    const sup = new DockerdSupervisor({ dataDir: shortDir(), extraArgs: EXTRA, ping });
    const states: SupervisorState[] = [];
    sup.onChange((s) => {
      if (states.at(-1) !== s.state) states.push(s.state);
    });
    try {
      await sup.start();
      expect(states).toEqual(['starting', 'running']);
      const pid = sup.status.pid!;
      expect(alive(pid)).toBe(true);
      expect(Number(readFileSync(sup.paths.pidFile, 'utf8'))).toBe(pid);
      await ping(sup.paths.socketPath);
      const info = await engineInfo<{ DockerRootDir: string }>(createDockerAdapter({ socketPath: sup.paths.socketPath }, { host: 'embedded', source: 'embedded' }));
      expect(info.DockerRootDir).toBe(sup.paths.dataRoot);
      expect(readFileSync(sup.paths.logFile, 'utf8')).toMatch(/API listen on/);

      await sup.stop();
      expect(states).toEqual(['starting', 'running', 'stopping', 'stopped']);
      expect(alive(pid)).toBe(false);
      expect(existsSync(sup.paths.socketPath)).toBe(false);
      expect(existsSync(sup.paths.pidFile)).toBe(false);
      expect(ip('link', 'show', 'docker0').toString()).toContain('docker0'); // the test engine's bridge is intact
    } finally {
      await sup.stop();
    }
  });

  it('reports a dockerd that cannot start, with the reason and its last log lines', async () => {
    const sup = new DockerdSupervisor({ dataDir: shortDir(), extraArgs: [...EXTRA, '--no-such-flag'], ping });
    await expect(sup.start()).rejects.toMatchObject({ code: 'ENGINE_UNAVAILABLE', message: expect.stringMatching(/^dockerd exited during startup \(exit code \d+\)$/) });
    expect(sup.status.state).toBe('error');
    expect(sup.status.logTail.join('\n')).toContain('no-such-flag');
  });

  it('reports a missing dockerd binary plainly', async () => {
    const sup = new DockerdSupervisor({ dataDir: shortDir(), dockerdPath: '/nonexistent/dockerd', ping });
    await expect(sup.start()).rejects.toMatchObject({ message: 'dockerd was not found (/nonexistent/dockerd)' });
    expect(sup.status).toMatchObject({ state: 'error', message: 'dockerd was not found (/nonexistent/dockerd)' });
  });
});

describe('createBackend and the embedded engine (real dockerd)', () => {
  it('does not start an embedded engine when the test dockerd is reachable, and leaves it running on dispose', async () => {
    const dataDir = shortDir();
    const backend = createBackend({ dataDir, embedded: 'auto', extraDockerdArgs: EXTRA });
    await backend.start();
    const s = await waitForStatus(backend, (x) => x.state === 'running');
    expect(s).toMatchObject({ managed: false, endpoint: { source: 'DOCKER_HOST', host: `unix://${TEST_SOCKET}` } });
    expect(existsSync(join(dataDir, 'engine'))).toBe(false);
    await backend.dispose();
    await ping(TEST_SOCKET); // still there
  });

  it('starts its own engine when none is reachable, serves it, and stops it on dispose', async () => {
    const dataDir = shortDir();
    // The same machine, minus DOCKER_HOST: nothing answers, so Berth starts its own dockerd.
    const env = { ...process.env, DOCKER_HOST: undefined, DOCKER_CONTEXT: undefined };
    const backend = createBackend(
      { dataDir, embedded: 'auto', extraDockerdArgs: EXTRA },
      { ...nodeBackendDeps(), discover: (o) => discoverEngine(nodeDiscoverDeps(env), o) },
    );
    const seen: EngineStatus[] = [];
    await backend.start();
    const s = await waitForStatus(backend, (x) => {
      seen.push(x);
      return x.state === 'running' || x.state === 'error';
    }, 90_000);
    expect(s).toEqual({
      state: 'running',
      managed: true,
      endpoint: { host: `unix://${join(dataDir, 'engine', 'docker.sock')}`, source: 'embedded' },
      provider: 'embedded',
      why: 'Linux: an engine that answers, else Berth’s own dockerd (as root), else Berth’s VM.',
    });
    expect(seen.some((x) => x.state === 'starting' && x.managed)).toBe(true);
    const info = await backend.impl.engine.info({}, ctx());
    expect(info.system.dockerRootDir).toBe(join(dataDir, 'engine', 'data'));
    expect(await backend.impl.containers.list({ all: true }, ctx())).toEqual([]);
    const pid = Number(readFileSync(join(dataDir, 'engine', 'dockerd.pid'), 'utf8'));
    expect(alive(pid)).toBe(true);

    await backend.dispose();
    expect(alive(pid)).toBe(false);
    expect(existsSync(join(dataDir, 'engine', 'docker.sock'))).toBe(false);
    expect((await backend.impl.engine.status({}, ctx())).state).toBe('stopped');
    await ping(TEST_SOCKET); // the test engine was not touched
  });
});
