import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { BerthError } from '../../contract/errors.js';
import type { ComposeEvent, MergedLogLine } from '../../contract/models/compose.js';
import { leftOf, readyFileHealthcheck, useComposeTestbed, type TestProject } from '../testing/compose-project.js';
import { ctx, docker, TEST_DOCKER_HOST, TEST_IMAGE } from '../testing/int-helpers.js';

const run = promisify(execFile);
const dockerCompose = (cwd: string, ...args: string[]) =>
  run('docker-compose', args, { cwd, env: { PATH: process.env.PATH ?? '', DOCKER_HOST: TEST_DOCKER_HOST }, timeout: 120_000 }).then((r) => r.stdout + r.stderr);

const compose = useComposeTestbed();

/** A project whose web service echoes `web` and reads src/hello.txt through a relative bind mount. */
function project(tag: string, web: string): TestProject {
  const p = compose.project(tag, composeText(web));
  mkdirSync(path.join(p.dir, 'src'));
  writeFileSync(path.join(p.dir, 'src', 'hello.txt'), 'hello from the host\n');
  return p;
}

const composeText = (web: string) => `services:
  db:
    image: ${TEST_IMAGE}
    command: ["sh", "-c", "echo db-up; touch /tmp/ready; sleep 3600"]
${readyFileHealthcheck('1s', 20)}
  init:
    image: ${TEST_IMAGE}
    command: ["sh", "-c", "echo init-done"]
    depends_on:
      db:
        condition: service_healthy
  web:
    image: ${TEST_IMAGE}
    command: ["sh", "-c", "echo ${web}; cat /app/hello.txt; sleep 3600"]
    stop_grace_period: 1s
    volumes:
      - ./src:/app:ro
    depends_on:
      init:
        condition: service_completed_successfully
`;

const idOf = async (name: string) => docker('inspect', '-f', '{{.Id}}', name);

describe('compose up and down against the real engine', () => {
  it('brings a project up in dependency order; docker-compose ps lists it and docker-compose down removes it', async () => {
    const p = project('berth-up', 'web-up');
    const events = await compose.up([p.file], p.name);
    expect(events.at(-1)).toMatchObject({ kind: 'done' });
    // compose v2 names: <project>-<service>-1.
    expect((await docker('ps', '-a', '--format', '{{.Names}}', '--filter', `label=com.docker.compose.project=${p.name}`)).split('\n').sort()).toEqual([`${p.name}-db-1`, `${p.name}-init-1`, `${p.name}-web-1`]);
    const running = events.filter((e) => e.kind === 'service' && e.step === 'running').map((e) => (e as { service: string }).service);
    expect(running.indexOf('db')).toBeLessThan(running.indexOf('init'));
    expect(running.indexOf('init')).toBeLessThan(running.indexOf('web'));
    // The relative bind mount resolved against the project folder.
    expect(await docker('inspect', '-f', '{{range .Mounts}}{{.Source}}{{end}}', `${p.name}-web-1`)).toBe(path.join(p.dir, 'src'));
    expect(await docker('exec', `${p.name}-web-1`, 'cat', '/app/hello.txt')).toBe('hello from the host');

    const ps = await dockerCompose(p.dir, '-p', p.name, 'ps');
    for (const s of ['db', 'init', 'web']) expect(ps).toContain(`${p.name}-${s}-1`);
    await dockerCompose(p.dir, '-p', p.name, 'down');
    expect(await leftOf(p.name)).toEqual({ containers: '', network: '' });
  }, 120_000);

  it('recreates only the service whose configuration changed, and merges every service’s logs in time order', async () => {
    const p = project('recreate', 'web-v1');
    await compose.up([p.file], p.name);
    const before = { db: await idOf(`${p.name}-db-1`), web: await idOf(`${p.name}-web-1`) };
    writeFileSync(p.file, composeText('web-v2'));
    const loaded = await compose.svc.load({ files: [p.file], projectName: p.name }, ctx());
    expect(loaded.ok && loaded.plan).toEqual({ db: 'unchanged', init: 'start', web: 'recreate' });
    const events = await compose.up([p.file], p.name);
    expect(events).toContainEqual(expect.objectContaining({ kind: 'service', service: 'web', step: 'recreating' }));
    expect(events).toContainEqual(expect.objectContaining({ kind: 'service', service: 'db', step: 'unchanged' }));
    expect(await idOf(`${p.name}-db-1`)).toBe(before.db);
    expect(await idOf(`${p.name}-web-1`)).not.toBe(before.web);

    const ids = [`${p.name}-db-1`, `${p.name}-init-1`, `${p.name}-web-1`];
    const lines: MergedLogLine[] = [];
    for await (const batch of compose.svc.logs({ ids, tail: 100, follow: false }, ctx())) lines.push(...batch);
    expect(new Set(lines.map((l) => l.source))).toEqual(new Set([0, 1, 2]));
    expect(lines.map((l) => l.text)).toEqual(expect.arrayContaining(['db-up', 'init-done', 'web-v2', 'hello from the host']));
    const ts = lines.map((l) => l.ts ?? 0);
    expect(ts).toEqual([...ts].sort((a, b) => a - b));

    const removed = await compose.svc.down({ project: p.name, volumes: false, images: 'none' }, ctx());
    expect(removed.containers).toEqual(ids);
    expect(removed.networks).toEqual([`${p.name}_default`]);
    expect(await docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${p.name}`)).toBe('');
  }, 120_000);

  it('finds a project docker-compose started: restarts it, shows its logs, and takes it down', async () => {
    const p = project('v1-up', 'web-from-v1');
    await dockerCompose(p.dir, '-p', p.name, 'up', '-d');
    const plan = await compose.svc.downPlan({ project: p.name, volumes: false, images: 'none' }, ctx());
    // docker-compose 1.29 names containers <project>_<service>_1.
    expect(plan.containers).toEqual([`${p.name}_db_1`, `${p.name}_init_1`, `${p.name}_web_1`]);
    expect(plan.networks).toEqual([`${p.name}_default`]);
    const started = await docker('inspect', '-f', '{{.State.StartedAt}}', `${p.name}_db_1`);
    expect((await compose.svc.action({ project: p.name, action: 'restart', service: 'db' }, ctx())).containers).toEqual([`${p.name}_db_1`]);
    expect(await docker('inspect', '-f', '{{.State.StartedAt}}', `${p.name}_db_1`)).not.toBe(started);
    const lines: MergedLogLine[] = [];
    for await (const batch of compose.svc.logs({ ids: plan.containers, tail: 100, follow: false }, ctx())) lines.push(...batch);
    expect(lines.map((l) => l.text)).toContain('web-from-v1');
    await compose.svc.down({ project: p.name, volumes: false, images: 'none' }, ctx());
    expect(await leftOf(p.name)).toEqual({ containers: '', network: '' });
  }, 180_000);

  it('takes a project down after its compose file is gone, from its labels alone, and says why', async () => {
    const p = project('file-gone', 'web-gone');
    await compose.up([p.file], p.name);
    rmSync(p.dir, { recursive: true, force: true });
    const plan = await compose.svc.downPlan({ project: p.name, volumes: true, images: 'none', files: [p.file] }, ctx());
    expect(plan.filesNotRead).toBe(`The compose file ${p.file} does not exist`);
    expect(plan.containers).toEqual([`${p.name}-db-1`, `${p.name}-init-1`, `${p.name}-web-1`]);
    expect(plan.networks).toEqual([`${p.name}_default`]);
    const removed = await compose.svc.down({ project: p.name, volumes: true, images: 'none', files: [p.file] }, ctx());
    expect(removed.containers).toEqual(plan.containers);
    expect(await leftOf(p.name)).toEqual({ containers: '', network: '' });
  }, 120_000);

  it('a published port another container holds is named in the failure', async () => {
    const p = project('port', 'unused');
    const holder = `${p.name}-holder`;
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    await docker('run', '-d', '--name', holder, '-p', `127.0.0.1:${port}:80`, TEST_IMAGE, 'sleep', '600');
    try {
      writeFileSync(p.file, `services:\n  web:\n    image: ${TEST_IMAGE}\n    command: ["sleep", "600"]\n    ports:\n      - "127.0.0.1:${port}:80"\n`);
      const events: ComposeEvent[] = [];
      const failure = await (async () => {
        for await (const e of compose.svc.up({ files: [p.file], projectName: p.name }, ctx())) events.push(e);
      })().then(
        () => undefined,
        (e: BerthError) => e,
      );
      expect(failure?.message).toBe(`Port ${port} is already in use by container ${holder}`);
      expect(events).toContainEqual(expect.objectContaining({ kind: 'service', service: 'web', step: 'failed', message: `Port ${port} is already in use by container ${holder}` }));
    } finally {
      await docker('rm', '-f', holder);
    }
  }, 120_000);

  it('cancels an up that waits for a dependency: what waits is never created', async () => {
    const p = project('cancel', 'never');
    writeFileSync(p.file, `services:
  db:
    image: ${TEST_IMAGE}
    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
    healthcheck:
      test: ["CMD", "false"]
      interval: 1s
      retries: 1000
  web:
    image: ${TEST_IMAGE}
    depends_on:
      db:
        condition: service_healthy
`);
    const ctl = new AbortController();
    const events: ComposeEvent[] = [];
    const started = Date.now();
    for await (const e of compose.svc.up({ files: [p.file], projectName: p.name }, ctx(ctl.signal))) {
      events.push(e);
      if (e.kind === 'service' && e.service === 'db' && e.step === 'running') ctl.abort();
    }
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(events).toContainEqual(expect.objectContaining({ kind: 'service', service: 'web', step: 'waiting' }));
    expect(await docker('ps', '-a', '--format', '{{.Names}}', '--filter', `label=com.docker.compose.project=${p.name}`)).toBe(`${p.name}-db-1`);
    await compose.svc.down({ project: p.name, volumes: false, images: 'none' }, ctx());
  }, 60_000);

  it('creates nothing for any bad file: docker ps -a and docker network ls are unchanged', async () => {
    const bad = path.join(import.meta.dirname, 'testdata', 'bad');
    // Other test files share this engine: watch what compose could make (compose-labelled, or named after the "bad" folder).
    const snapshot = async () => [
      await docker('ps', '-aq', '--no-trunc', '--filter', 'label=com.docker.compose.project'),
      await docker('ps', '-aq', '--no-trunc', '--filter', 'name=bad'),
      await docker('network', 'ls', '-q', '--no-trunc', '--filter', 'label=com.docker.compose.project'),
      await docker('network', 'ls', '-q', '--no-trunc', '--filter', 'name=bad'),
    ];
    const before = await snapshot();
    const files = readdirSync(bad).sort();
    expect(files.length).toBeGreaterThanOrEqual(15);
    for (const f of files) {
      let error: BerthError | undefined;
      try {
        await compose.up([path.join(bad, f)]);
      } catch (err) {
        error = err as BerthError;
      }
      expect(error?.code, f).toBe('VALIDATION');
      expect((error?.details as { composeIssues: { line: number }[] }).composeIssues[0]!.line).toBeGreaterThan(0);
    }
    expect(await snapshot()).toEqual(before);
  }, 60_000);
});
