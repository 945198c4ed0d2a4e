import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineConnection } from '../client/engine-connection.js';
import { createComposeService } from '../services/compose-service.js';
import { ctx, docker, TEST_IMAGE, testConnection } from '../testing/int-helpers.js';

// stop_grace_period is how long a service gets to shut down before SIGKILL. Berth's stop, restart and
// down must honour it (the engine does, from the container's StopTimeout, when no `t` is sent): a
// fixed 10 s killed a database that asked for 30 s, and made a 1 s service wait 10 s.

let conn: EngineConnection;
let svc: ReturnType<typeof createComposeService>;
const projects: string[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  conn = testConnection();
  await conn.hub.start();
  svc = createComposeService({ connections: { require: () => conn }, dataDir: tmpdir(), log: () => undefined });
});
afterAll(async () => {
  for (const p of projects) {
    const ids = (await docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${p}`)).split('\n').filter(Boolean);
    if (ids.length) await docker('rm', '-f', ...ids).catch(() => undefined);
    await docker('network', 'rm', `${p}_default`).catch(() => undefined);
  }
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  conn.hub.dispose();
});

// `sleep` as PID 1 ignores SIGTERM, so only SIGKILL (after the grace period) ends "quick".
// "careful" needs 11 s to shut down cleanly (exit 0), within its 20 s grace period.
const text = `services:
  quick:
    image: ${TEST_IMAGE}
    command: ["sleep", "3600"]
    stop_grace_period: 1s
  careful:
    image: ${TEST_IMAGE}
    command: ["sh", "-c", "trap 'sleep 11; exit 0' TERM; while true; do sleep 1; done"]
    stop_grace_period: 20s
`;

async function upProject(tag: string, body: string): Promise<string> {
  const name = `bt-${tag}-${Math.random().toString(36).slice(2, 8)}`;
  projects.push(name);
  const dir = mkdtempSync(path.join(tmpdir(), 'berth-grace-'));
  dirs.push(dir);
  writeFileSync(path.join(dir, 'compose.yaml'), body);
  const events = [];
  for await (const e of svc.up({ files: [path.join(dir, 'compose.yaml')], projectName: name }, ctx())) events.push(e);
  expect(events.at(-1)).toMatchObject({ kind: 'done' });
  return name;
}

const timed = async (f: () => Promise<unknown>) => {
  const t0 = Date.now();
  await f();
  return Date.now() - t0;
};

describe('compose stop, restart and down honour stop_grace_period', () => {
  it('stops and restarts a service with a 1 s grace period in about 1 s, not 10', async () => {
    const p = await upProject('grace-quick', text);
    expect(await timed(() => svc.action({ project: p, action: 'stop', service: 'quick' }, ctx()))).toBeLessThan(6000);
    expect(await timed(() => svc.action({ project: p, action: 'restart', service: 'quick' }, ctx()))).toBeLessThan(6000);
    expect(await docker('inspect', '-f', '{{.State.Running}}', `${p}-quick-1`)).toBe('true');
  }, 60_000);

  it('gives a service its longer grace period: stopping the project does not kill it at 10 s', async () => {
    const p = await upProject('grace-careful', text);
    await svc.action({ project: p, action: 'stop' }, ctx());
    // Exit code 0: it finished its own shutdown; 137 would be SIGKILL.
    expect(await docker('inspect', '-f', '{{.State.ExitCode}}', `${p}-careful-1`)).toBe('0');
  }, 60_000);

  it('takes a project down without waiting 10 s for a service whose grace period is 1 s', async () => {
    const p = await upProject('grace-down', text.split('  careful:')[0]!);
    expect(await timed(() => svc.down({ project: p, volumes: false, images: 'none' }, ctx()))).toBeLessThan(6000);
    expect(await docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${p}`)).toBe('');
  }, 60_000);
});
