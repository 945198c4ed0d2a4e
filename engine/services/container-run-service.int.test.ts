import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../testing/test-files.js';
import { runSpecSchema, containerUpdateSchema, type RunSpecInput } from '../../contract/domains/container-run-spec.js';
import { BerthError } from '../../contract/errors.js';
import { ctx, docker, TEST_IMAGE, testEngine, uniquePrefix, useTestBackend } from '../testing/int-helpers.js';

const prefix = uniquePrefix('run');
let hostDir: string;

const spec = (input: RunSpecInput) => runSpecSchema.parse(input);
const inspect = async (id: string) => JSON.parse(await docker('inspect', id))[0] as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any


async function failure(p: Promise<unknown>): Promise<BerthError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof BerthError) return err;
    throw err;
  }
  throw new Error('expected a failure');
}

const bed = useTestBackend(prefix, {
  removeContainers: true,
  beforeStart: () => {
    hostDir = mkdtempSync(join(tmpdir(), 'berth-run-www-'));
    writeFileSync(join(hostDir, 'index.html'), 'hello from a bind mount\n');
  },
  cleanup: async () => {
    await docker('volume', 'rm', '-f', `${prefix}vol`).catch(() => undefined);
    rmSync(hostDir, { recursive: true, force: true });
  },
});

describe('containers.run against the real dockerd', () => {
  it('runs with a port, a bind mount, a new named volume, env, labels, restart policy and limits, all taking effect', async () => {
    const port = await freePort();
    const name = `${prefix}full`;
    const result = await bed.backend.impl.containers.run(
      spec({
        image: TEST_IMAGE,
        name,
        command: 'httpd -f -p 80 -h /www',
        env: ['GREETING=hello world'],
        ports: [{ hostIp: '127.0.0.1', hostPort: port, containerPort: 80 }],
        mounts: [{ source: hostDir, target: '/www', readOnly: true }],
        volumes: [{ name: `${prefix}vol`, target: '/data' }],
        restart: { policy: 'on-failure', maxRetries: 2 },
        cpus: '0.5',
        memory: '64m',
        labels: ['team=berth'],
      }),
      ctx(),
    );
    expect(result).toMatchObject({ name, createdVolumes: [`${prefix}vol`] });
    const c = await inspect(result.id);
    expect(c.State.Running).toBe(true);
    expect(c.Config.Env).toContain('GREETING=hello world');
    expect(c.Config.Labels).toMatchObject({ team: 'berth' });
    expect(c.Config.Cmd).toEqual(['httpd', '-f', '-p', '80', '-h', '/www']);
    expect(c.HostConfig).toMatchObject({ NanoCpus: 500_000_000, Memory: 64 * 1024 * 1024, RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 2 } });
    expect(c.HostConfig.PortBindings['80/tcp']).toEqual([{ HostIp: '127.0.0.1', HostPort: String(port) }]);
    expect(c.Mounts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Type: 'bind', Source: hostDir, Destination: '/www', RW: false }),
        expect.objectContaining({ Type: 'volume', Name: `${prefix}vol`, Destination: '/data', RW: true }),
      ]),
    );
    // The port really serves the bind-mounted file.
    await expect.poll(async () => (await fetch(`http://127.0.0.1:${port}/`).then((r) => r.text()).catch(() => '')), { timeout: 10_000 }).toBe('hello from a bind mount\n');

    // validateRun: the name and the port are now taken, the path is missing, the image absent.
    const { issues } = await bed.backend.impl.containers.validateRun(
      spec({ image: 'berth-test/nosuch:1.0', name, ports: [{ hostPort: port, containerPort: 80 }], mounts: [{ source: join(hostDir, 'missing'), target: '/x' }], network: `${prefix}nonet` }),
      ctx(),
    );
    expect(issues).toEqual([
      { field: 'image', message: 'Image berth-test/nosuch:1.0 is not present locally — pull it first', reason: 'image-missing' },
      { field: 'name', message: `A container named ${name} already exists`, reason: 'name-taken' },
      { field: 'network', message: `Network ${prefix}nonet does not exist`, reason: 'network-missing' },
      { field: 'ports.0.hostPort', message: `Host port ${port} is already in use by container ${name}`, reason: 'port-taken' },
      { field: 'mounts.0.source', message: `Host path ${join(hostDir, 'missing')} does not exist`, reason: 'host-path-missing' },
    ]);
    // run repeats the checks and creates nothing.
    const err = await failure(bed.backend.impl.containers.run(spec({ image: TEST_IMAGE, name, command: 'true' }), ctx()));
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toBe(`A container named ${name} already exists`);
    expect(err.details).toEqual({ issues: [{ field: 'name', message: `A container named ${name} already exists`, reason: 'name-taken' }] });
  });

  it('finds a port held by a program outside Docker', async () => {
    const server: Server = createServer();
    await new Promise<void>((r) => server.listen(0, '0.0.0.0', r));
    const port = (server.address() as { port: number }).port;
    try {
      const { issues } = await bed.backend.impl.containers.validateRun(spec({ image: TEST_IMAGE, ports: [{ hostPort: port, containerPort: 80 }] }), ctx());
      expect(issues).toEqual([{ field: 'ports.0.hostPort', message: `Host port ${port} is already in use on this machine (by a program outside Docker)`, reason: 'port-busy' }]);
    } finally {
      server.close();
    }
  });

  it('runs with a random host port and auto-remove, and names the container', async () => {
    const result = await bed.backend.impl.containers.run(spec({ image: TEST_IMAGE, command: 'sleep 30', ports: [{ containerPort: 80 }], autoRemove: true, labels: [`berth.test=${prefix}`] }), ctx());
    const c = await inspect(result.id);
    expect(c.HostConfig.AutoRemove).toBe(true);
    expect(result.name).toBe(c.Name.replace(/^\//, ''));
    const hostPort = Number(c.NetworkSettings.Ports['80/tcp'][0].HostPort);
    expect(hostPort).toBeGreaterThan(0);
    await docker('rm', '-f', result.id);
  });

  it('runs with a host port range for one container port, as docker run -p 8080-8084:80: the engine picks a free port in it', async () => {
    const port = await freePort();
    const range = `${port}-${port + 4}`;
    const result = await bed.backend.impl.containers.run(spec({ image: TEST_IMAGE, name: `${prefix}picked`, command: 'sleep 30', ports: [{ hostIp: '127.0.0.1', hostPort: range, containerPort: 80 }] }), ctx());
    const c = await inspect(result.id);
    expect(c.HostConfig.PortBindings['80/tcp']).toEqual([{ HostIp: '127.0.0.1', HostPort: range }]);
    const picked = Number(c.NetworkSettings.Ports['80/tcp'][0].HostPort);
    expect(picked).toBeGreaterThanOrEqual(port);
    expect(picked).toBeLessThanOrEqual(port + 4);
    await docker('rm', '-f', result.id);
  });

  it('maps a port refused at start to the container holding it, and leaves nothing behind', async () => {
    const port = await freePort();
    const holder = `${prefix}holder`;
    await docker('run', '-d', '--name', holder, '-p', `${port}:80`, TEST_IMAGE, 'sleep', '300');
    // Skip the pre-checks (as if the port was taken between validation and start) to see the engine's own refusal.
    const name = `${prefix}late`;
    const { runContainer } = await import('../run/run-container.js');
    const noChecks = { containerNameExists: async () => false, imageExists: async () => true, networkExists: async () => true, publishedPorts: async () => [], engineCpus: async () => 2 };
    const err = await failure(runContainer(testEngine(), spec({ image: TEST_IMAGE, name, command: 'sleep 30', ports: [{ hostPort: port, containerPort: 80 }] }), noChecks, 'test'));
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toBe(`Port ${port} is already in use by container ${holder}`);
    expect(await docker('ps', '-aq', '--filter', `name=^/${name}$`)).toBe('');
  });
});

describe('containers.update and resources', () => {
  it('changes CPU and memory limits of a running container, and refuses a limit below its usage', async () => {
    const name = `${prefix}limits`;
    const id = await docker('run', '-d', '--name', name, '-m', '64m', TEST_IMAGE, 'sleep', '300');
    const before = await bed.backend.impl.containers.resources({ id: name }, ctx());
    expect(before).toMatchObject({ id, name, running: true, cpus: null, memory: 64 * 1024 * 1024 });
    expect(before.memoryUsage).toBeGreaterThan(0);
    expect(before.engineCpus).toBeGreaterThan(0);

    const after = await bed.backend.impl.containers.update(containerUpdateSchema.parse({ id, memory: '128m', cpus: '0.5' }), ctx());
    expect(after).toMatchObject({ memory: 128 * 1024 * 1024, cpus: 0.5, running: true });
    const c = await inspect(id);
    expect(c.HostConfig).toMatchObject({ Memory: 128 * 1024 * 1024, NanoCpus: 500_000_000 });

    // A container with no limit at all can get one while it runs (the engine needs memory+swap too).
    const free = await docker('run', '-d', '--name', `${prefix}nolimit`, TEST_IMAGE, 'sleep', '300');
    await bed.backend.impl.containers.update(containerUpdateSchema.parse({ id: free, memory: '32m' }), ctx());
    expect((await inspect(free)).HostConfig.Memory).toBe(32 * 1024 * 1024);

    // Below usage: a busy container holding ~20 MiB in a tmpfs file.
    const busy = await docker('run', '-d', '--name', `${prefix}busy`, '--tmpfs', '/t', '-m', '128m', TEST_IMAGE, 'sh', '-c', 'dd if=/dev/zero of=/t/f bs=1M count=20 && sleep 300');
    await expect.poll(async () => (await bed.backend.impl.containers.resources({ id: busy }, ctx())).memoryUsage ?? 0, { timeout: 15_000 }).toBeGreaterThan(15 * 1024 * 1024);
    const low = await failure(bed.backend.impl.containers.update(containerUpdateSchema.parse({ id: busy, memory: '8m' }), ctx()));
    expect(low.code).toBe('VALIDATION');
    expect(low.message).toMatch(new RegExp(`^Memory limit 8m is below what ${prefix}busy uses now \\(\\d+\\.\\d MiB\\): choose a larger limit$`));

    const tooMany = await failure(bed.backend.impl.containers.update(containerUpdateSchema.parse({ id, cpus: 64 }), ctx()));
    expect(tooMany.message).toMatch(/^CPU limit 64 is more than the engine’s \d+ CPUs$/);

    const missing = await failure(bed.backend.impl.containers.resources({ id: `${prefix}nosuch` }, ctx()));
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toBe(`No such container: ${prefix}nosuch`);
  });

  it('lists networks with the default bridge first', async () => {
    const nets = await bed.backend.impl.containers.networks({}, ctx());
    expect(nets[0]).toMatchObject({ name: 'bridge', driver: 'bridge' });
    expect(nets.map((n) => n.name)).toEqual(expect.arrayContaining(['host', 'none']));
  });
});
