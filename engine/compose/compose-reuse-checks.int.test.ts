import { afterAll, describe, expect, it } from 'vitest';
import type { BerthError } from '../../contract/errors.js';
import type { ComposeEvent } from '../../contract/models/compose.js';
import { useComposeTestbed } from '../testing/compose-project.js';
import { ctx, docker, removeComposeProject, TEST_IMAGE } from '../testing/int-helpers.js';

const compose = useComposeTestbed();
const tag = Math.random().toString(36).slice(2, 8);
/** Networks, volumes and containers these tests make outside the testbed's projects. */
const networks: string[] = [];
const volumes: string[] = [];
const containers: string[] = [];
const projects: string[] = [];

/** Run an up to its end: every event, and the error it ended with (if any). */
async function upAll(file: string, project: string): Promise<{ events: ComposeEvent[]; error?: BerthError }> {
  const events: ComposeEvent[] = [];
  try {
    for await (const e of compose.svc.up({ files: [file], projectName: project }, ctx())) events.push(e);
    return { events };
  } catch (err) {
    return { events, error: err as BerthError };
  }
}

const sleeper = (extra = '') => `    image: ${TEST_IMAGE}\n    command: ["sleep", "600"]\n    stop_grace_period: 1s\n${extra}`;

describe('compose up, start and down: what they find in the way', () => {
  // Runs before the testbed's own cleanup: the projects' containers go first, or they would still hold the networks and volumes.
  afterAll(async () => {
    for (const p of projects) await removeComposeProject(p);
    for (const c of containers) await docker('rm', '-f', c).catch(() => undefined);
    for (const v of volumes) await docker('volume', 'rm', '-f', v).catch(() => undefined);
    for (const n of networks) await docker('network', 'rm', n).catch(() => undefined);
  });

  it('refuses a same-named network that compose did not make for this network key, as docker compose does', async () => {
    const net = `bt-foreign-net-${tag}`;
    networks.push(net);
    await docker('network', 'create', net);
    const p = compose.project('net-foreign', `services:\n  app:\n${sleeper('    networks: [proxy]\n')}networks:\n  proxy:\n    name: ${net}\n`);
    projects.push(p.name);
    const { error } = await upAll(p.file, p.name);
    expect(error?.code).toBe('CONFLICT');
    expect(error?.message).toBe(
      `Network ${net} was found but has incorrect label com.docker.compose.network set to "" (expected "proxy"): it was not created by compose. Remove it, or mark the network "external: true" in the file to use it as it is`,
    );
    expect(await docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${p.name}`)).toBe('');
  }, 120_000);

  it('reuses a network another project made for the same key, with a warning that names that project', async () => {
    const net = `bt-other-net-${tag}`;
    networks.push(net);
    await docker('network', 'create', '--label', 'com.docker.compose.project=someone-else', '--label', 'com.docker.compose.network=proxy', net);
    const p = compose.project('net-shared', `services:\n  app:\n${sleeper('    networks: [proxy]\n')}networks:\n  proxy:\n    name: ${net}\n`);
    projects.push(p.name);
    const { events, error } = await upAll(p.file, p.name);
    expect(error).toBeUndefined();
    expect(events).toContainEqual({ kind: 'log', text: `warning: a network named ${net} exists but was created for project "someone-else"; it is shared with it (mark it "external: true" to say so)` });
    expect(events.at(-1)).toMatchObject({ kind: 'done' });
  }, 120_000);

  it('reuses a same-named volume compose did not make, with a warning, as docker compose v2 does ("already exists but was not created by Docker Compose")', async () => {
    const p = compose.project('vol-hand', `services:\n  app:\n${sleeper('    volumes: [data:/data]\n')}volumes:\n  data:\n`);
    projects.push(p.name);
    const volume = `${p.name}_data`;
    volumes.push(volume);
    await docker('volume', 'create', volume);
    const { events, error } = await upAll(p.file, p.name);
    expect(error).toBeUndefined();
    expect(events).toContainEqual({ kind: 'log', text: `warning: a volume named ${volume} exists but was not created by compose; it is used as it is, with its data (mark it "external: true" to say so)` });
    expect(events).toContainEqual({ kind: 'resource', what: 'volume', name: volume, step: 'exists' });
    expect(events.at(-1)).toMatchObject({ kind: 'done' });
  }, 120_000);

  it('reuses a volume another project made, with a warning that names that project; its own volume, at a second up, without one', async () => {
    const p = compose.project('vol-other', `services:\n  app:\n${sleeper('    volumes: [data:/data]\n')}volumes:\n  data:\n`);
    projects.push(p.name);
    const volume = `${p.name}_data`;
    volumes.push(volume);
    await docker('volume', 'create', '--label', 'com.docker.compose.project=someone-else', '--label', 'com.docker.compose.volume=data', volume);
    const first = await upAll(p.file, p.name);
    expect(first.error).toBeUndefined();
    expect(first.events).toContainEqual({ kind: 'log', text: `warning: a volume named ${volume} exists but was created for project "someone-else"; it is shared with it, with its data (mark it "external: true" to say so)` });
    const own = compose.project('vol-own', `services:\n  app:\n${sleeper('    volumes: [data:/data]\n')}volumes:\n  data:\n`);
    projects.push(own.name);
    volumes.push(`${own.name}_data`);
    expect((await upAll(own.file, own.name)).error).toBeUndefined();
    const again = await upAll(own.file, own.name);
    expect(again.error).toBeUndefined();
    expect(again.events.filter((e) => e.kind === 'log' && e.text.startsWith('warning:'))).toEqual([]);
  }, 120_000);

  it('refuses a volume driver the engine lacks at once, naming the volume, and makes nothing (the engine looked for 15 s)', async () => {
    const p = compose.project('vol-driver', `services:\n  app:\n${sleeper('    volumes: [data:/data]\n')}volumes:\n  data:\n    driver: nosuchdriver-${tag}\n`);
    projects.push(p.name);
    const t = Date.now();
    const { error } = await upAll(p.file, p.name);
    expect(Date.now() - t).toBeLessThan(5_000);
    expect(error?.code).toBe('VALIDATION');
    expect(error?.message).toMatch(new RegExp(`^Volume "data": This engine has no volume driver named "nosuchdriver-${tag}"\\. Its volume drivers: local`));
    expect(error?.details).toMatchObject({ reason: 'volume-driver-unknown' });
    expect(await docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${p.name}`)).toBe('');
    expect(await docker('volume', 'ls', '-q', '--filter', `label=com.docker.compose.project=${p.name}`)).toBe('');
  }, 60_000);

  it('up reports a one-shot service that exits non-zero, by name and exit code, instead of "is up"', async () => {
    // app starts after seed (service_started): seed has that long and then the settle time to exit.
    const p = compose.project('oneshot', `services:\n  app:\n${sleeper('    depends_on: [seed]\n')}  seed:\n    image: ${TEST_IMAGE}\n    command: ["sh", "-c", "exit 3"]\n`);
    const { events, error } = await upAll(p.file, p.name);
    expect(events.filter((e) => e.kind === 'done')).toEqual([]);
    expect(error?.message).toBe('Service "seed" exited with code 3');
    expect(error?.details).toMatchObject({ service: 'seed', exitCode: 3 });
    expect(events).toContainEqual(expect.objectContaining({ kind: 'service', service: 'seed', step: 'failed', message: 'Exited with code 3' }));
  }, 120_000);

  it('compose start names the port and the container holding it, as up does', async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const p = await compose.upProject('start-port', `services:\n  web:\n${sleeper(`    ports: ["127.0.0.1:${port}:80"]\n`)}`);
    await compose.svc.action({ project: p.name, action: 'stop' }, ctx());
    const holder = `bt-start-port-holder-${tag}`;
    containers.push(holder);
    await docker('run', '-d', '--name', holder, '-p', `127.0.0.1:${port}:80`, TEST_IMAGE, 'sleep', '600');
    const error = await compose.svc.action({ project: p.name, action: 'start' }, ctx()).then(
      () => undefined,
      (e: BerthError) => e,
    );
    expect(error?.message).toBe(`web: Port ${port} is already in use by container ${holder}`);
  }, 120_000);

  it('down -v names a container that keeps a volume in use by its name, not its id', async () => {
    const p = await compose.upProject('vol-used', `services:\n  app:\n${sleeper('    volumes: [data:/data]\n')}volumes:\n  data:\n`);
    const volume = `${p.name}_data`;
    volumes.push(volume);
    const user = `bt-vol-user-${tag}`;
    containers.push(user);
    await docker('run', '-d', '--name', user, '-v', `${volume}:/d`, TEST_IMAGE, 'sleep', '600');
    const error = await compose.svc.down({ project: p.name, volumes: true, images: 'none', files: [p.file] }, ctx()).then(
      () => undefined,
      (e: BerthError) => e,
    );
    expect(error?.code).toBe('CONFLICT');
    expect(error?.message).toBe(`Volume ${volume} is in use by container ${user}: remove that container first`);
  }, 120_000);
});
