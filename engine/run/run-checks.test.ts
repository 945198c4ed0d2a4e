import { describe, expect, it } from 'vitest';
import { runSpecSchema } from '../../contract/domains/container-run-spec.js';
import { createOptions } from './create-options.js';
import { explainPortConflict, findHolder, ipsOverlap } from './port-holder.js';
import { checkRunSpec, displayReference, type RunCheckDeps } from './run-checks.js';
import { limitsOf, memoryInUse, swapFor } from './resources.js';
import { BerthError } from '../../contract/errors.js';
import { fakeEngine } from '../testing/fake-engine.js';

function fakeDeps(over: Partial<RunCheckDeps> = {}): RunCheckDeps {
  return {
    containerNameExists: async (n) => n === 'taken',
    imageExists: async (r) => r.startsWith('berth-test/'),
    networkExists: async (n) => n === 'bridge',
    publishedPorts: async () => [
      { container: 'web-1', hostIp: '0.0.0.0', hostPort: 8080, protocol: 'tcp' },
      { container: 'dns', hostIp: '127.0.0.1', hostPort: 5353, protocol: 'udp' },
    ],
    engineCpus: async () => 2,
    local: { pathExists: async (p) => p === '/srv/site', portFree: async (port) => port !== 9999 },
    ...over,
  };
}

describe('checkRunSpec', () => {
  it('finds nothing wrong with a good spec', async () => {
    const spec = runSpecSchema.parse({ image: 'berth-test/busybox', name: 'fresh', ports: [{ hostPort: 8081, containerPort: 80 }], mounts: [{ source: '/srv/site', target: '/www' }], network: 'bridge', cpus: 1 });
    expect(await checkRunSpec(spec, fakeDeps())).toEqual([]);
  });

  it('names every back-end problem with its field', async () => {
    const spec = runSpecSchema.parse({
      image: 'foo:1.0',
      name: 'taken',
      ports: [
        { hostPort: 8080, containerPort: 80 },
        { hostPort: 9999, containerPort: 81 },
        { hostPort: 5353, containerPort: 53, protocol: 'udp', hostIp: '10.0.0.1' },
      ],
      mounts: [{ source: '/srv/missing', target: '/www' }],
      network: 'nope',
      cpus: 4,
    });
    expect(await checkRunSpec(spec, fakeDeps())).toEqual([
      { field: 'image', message: 'Image foo:1.0 is not present locally — pull it first', reason: 'image-missing' },
      { field: 'name', message: 'A container named taken already exists', reason: 'name-taken' },
      { field: 'network', message: 'Network nope does not exist', reason: 'network-missing' },
      { field: 'cpus', message: 'CPU limit 4 is more than the engine’s 2 CPUs', reason: 'cpus-over-engine' },
      { field: 'ports.0.hostPort', message: 'Host port 8080 is already in use by container web-1', reason: 'port-taken' },
      { field: 'ports.1.hostPort', message: 'Host port 9999 is already in use on this machine (by a program outside Docker)', reason: 'port-busy' },
      { field: 'mounts.0.source', message: 'Host path /srv/missing does not exist', reason: 'host-path-missing' },
    ]);
  });

  it('engine in Berth\'s VM: a bind mount outside every shared folder is refused, naming the setting', async () => {
    const spec = runSpecSchema.parse({ image: 'berth-test/busybox', mounts: [{ source: '/srv/site', target: '/www' }] });
    const local = fakeDeps().local!;
    const shared = { ...local, bindMount: (p: string) => (p.startsWith('/srv/') ? ({ ok: true } as const) : ({ ok: false, message: 'outside' } as const)) };
    expect(await checkRunSpec(spec, fakeDeps({ local: shared }))).toEqual([]);
    const { checkBindMount } = await import('../../vm/shares/shares.js');
    const onlyHome = { ...local, bindMount: (p: string) => checkBindMount(p, [{ hostPath: '/home/me' }], 'qemu') };
    const [issue] = await checkRunSpec(spec, fakeDeps({ local: onlyHome }));
    expect(issue).toMatchObject({ field: 'mounts.0.source', reason: 'host-path-unshared' });
    expect(issue!.message).toMatch(/\/srv\/site is outside the folders shared with the VM \(\/home\/me\).*Settings › Virtual machine › Shared folders/);
  });

  it('leaves host checks to the engine when it is remote', async () => {
    const spec = runSpecSchema.parse({ image: 'berth-test/busybox', ports: [{ hostPort: 9999, containerPort: 80 }], mounts: [{ source: '/srv/missing', target: '/www' }] });
    expect(await checkRunSpec(spec, fakeDeps({ local: undefined }))).toEqual([]);
  });

  it('adds the implied tag in messages', () => {
    expect(displayReference('nginx')).toBe('nginx:latest');
    expect(displayReference('127.0.0.1:5000/app')).toBe('127.0.0.1:5000/app:latest');
    expect(displayReference('nginx:1.27')).toBe('nginx:1.27');
  });
});

describe('port holders', () => {
  it('treats wildcard addresses as overlapping everything', () => {
    expect(ipsOverlap(undefined, '127.0.0.1')).toBe(true);
    expect(ipsOverlap('127.0.0.1', '::')).toBe(true);
    expect(ipsOverlap('127.0.0.1', '127.0.0.2')).toBe(false);
    const ports = [{ container: 'a', hostIp: '127.0.0.1', hostPort: 80, protocol: 'tcp' }];
    expect(findHolder(ports, 80, 'tcp', '127.0.0.2')).toBeUndefined();
    expect(findHolder(ports, 80, 'udp')).toBeUndefined();
    expect(findHolder(ports, 80, 'tcp')).toBe('a');
  });

  it('names the container in a port-allocated error', async () => {
    const docker = fakeEngine({ json: async <T>() => [{ Id: 'x', Names: ['/web-1'], Ports: [{ IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' }] }] as T });
    const err = new BerthError('CONFLICT', 'Port 8080 is already in use by another container', { reason: 'port-allocated', port: 8080, hostIp: '0.0.0.0' });
    const out = await explainPortConflict(err, docker);
    expect(out.message).toBe('Port 8080 is already in use by container web-1');
    const other = new BerthError('CONFLICT', 'x');
    expect(await explainPortConflict(other, docker)).toBe(other);
  });
});

describe('createOptions', () => {
  it('maps a spec to the engine create body', () => {
    const spec = runSpecSchema.parse({
      image: 'berth-test/busybox:latest',
      name: 'web',
      command: 'httpd -f',
      env: ['A=1'],
      ports: [{ hostIp: '127.0.0.1', hostPort: 8080, containerPort: 80 }, { containerPort: 80 }, { containerPort: 53, protocol: 'udp' }],
      mounts: [{ source: '/srv', target: '/www', readOnly: true }],
      volumes: [{ name: 'data', target: '/data' }],
      tmpfs: [{ target: '/run' }, { target: '/cache', size: '64m' }],
      network: 'mynet',
      restart: { policy: 'on-failure', maxRetries: 3 },
      cpus: 0.5,
      memory: '256m',
      labels: ['a=b'],
    });
    expect(createOptions(spec)).toEqual({
      name: 'web',
      Image: 'berth-test/busybox:latest',
      Cmd: ['httpd', '-f'],
      Env: ['A=1'],
      Labels: { a: 'b' },
      ExposedPorts: { '80/tcp': {}, '53/udp': {} },
      HostConfig: {
        PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }, { HostIp: '', HostPort: '' }], '53/udp': [{ HostIp: '', HostPort: '' }] },
        Mounts: [
          { Type: 'bind', Source: '/srv', Target: '/www', ReadOnly: true },
          { Type: 'volume', Source: 'data', Target: '/data', ReadOnly: false },
          { Type: 'tmpfs', Target: '/run' },
          { Type: 'tmpfs', Target: '/cache', TmpfsOptions: { SizeBytes: 64 * 1024 * 1024 } },
        ],
        AutoRemove: false,
        RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 },
        NanoCpus: 500_000_000,
        Memory: 256 * 1024 * 1024,
        NetworkMode: 'mynet',
      },
    });
    const minimal = createOptions(runSpecSchema.parse({ image: 'nginx', autoRemove: true }));
    expect(minimal.Cmd).toBeUndefined();
    expect(minimal.HostConfig).toMatchObject({ AutoRemove: true, RestartPolicy: { Name: '', MaximumRetryCount: 0 } });
    expect(minimal.HostConfig?.NanoCpus).toBeUndefined();
  });
});

describe('resources helpers', () => {
  it('reads limits from inspect', () => {
    expect(limitsOf({ Id: 'x', HostConfig: { NanoCpus: 1_500_000_000, Memory: 268435456, MemorySwap: 536870912 } })).toEqual({ cpus: 1.5, memory: 268435456, memorySwap: 536870912 });
    expect(limitsOf({ Id: 'x', HostConfig: { CpuQuota: 50_000, CpuPeriod: 100_000 } })).toEqual({ cpus: 0.5, memory: null, memorySwap: null });
  });
  it('keeps the swap on top of a new memory limit', () => {
    expect(swapFor(100, { memory: null, memorySwap: null })).toBe(200);
    expect(swapFor(100, { memory: 50, memorySwap: 80 })).toBe(130);
    expect(swapFor(100, { memory: 50, memorySwap: -1 })).toBe(-1);
  });
  it('counts memory in use like docker stats', () => {
    expect(memoryInUse({ usage: 1000, stats: { total_inactive_file: 300 } })).toBe(700);
    expect(memoryInUse({ usage: 1000, stats: { inactive_file: 100 } })).toBe(900);
    expect(memoryInUse(undefined)).toBeUndefined();
  });
});
