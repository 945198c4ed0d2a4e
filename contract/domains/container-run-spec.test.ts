import { describe, expect, it } from 'vitest';
import { containerUpdateSchema, runSpecSchema } from './container-run-spec.js';

const issuesOf = (input: unknown) => {
  const r = runSpecSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
};

describe('runSpecSchema', () => {
  it('parses what the dialog sends into engine-ready values', () => {
    const spec = runSpecSchema.parse({
      image: 'berth-test/busybox:latest',
      name: ' web-1 ',
      command: 'httpd -f -p 80 -h /www',
      env: ['A=1', '', 'B=x=y'],
      ports: [{ hostIp: '127.0.0.1', hostPort: '8080', containerPort: '80' }, { containerPort: 53, protocol: 'udp', hostPort: '' }],
      mounts: [{ source: '/srv/site', target: '/www', readOnly: true }],
      volumes: [{ name: 'data', target: '/data' }],
      network: '',
      restart: { policy: 'on-failure', maxRetries: '3' },
      cpus: '0.5',
      memory: '256m',
      labels: ['team=berth'],
    });
    expect(spec).toEqual({
      image: 'berth-test/busybox:latest',
      name: 'web-1',
      command: ['httpd', '-f', '-p', '80', '-h', '/www'],
      env: ['A=1', 'B=x=y'],
      ports: [
        { hostIp: '127.0.0.1', hostPort: 8080, containerPort: 80, protocol: 'tcp' },
        { hostIp: undefined, hostPort: undefined, containerPort: 53, protocol: 'udp' },
      ],
      mounts: [{ source: '/srv/site', target: '/www', readOnly: true }],
      volumes: [{ name: 'data', target: '/data', readOnly: false }],
      tmpfs: [],
      network: undefined,
      restart: { policy: 'on-failure', maxRetries: 3 },
      cpus: 500_000_000,
      memory: 256 * 1024 * 1024,
      labels: { team: 'berth' },
      autoRemove: false,
    });
  });

  it('needs only an image; an empty command means the image default', () => {
    const spec = runSpecSchema.parse({ image: 'nginx', command: '  ', cpus: '', memory: '' });
    expect(spec).toMatchObject({ image: 'nginx', command: undefined, cpus: undefined, memory: undefined, ports: [], restart: { policy: 'no' } });
  });

  it('names each bad field with a readable message', () => {
    expect(
      issuesOf({
        image: 'Foo:bar',
        name: 'bad name',
        command: "sh -c 'x",
        env: ['OK=1', 'NOPE'],
        ports: [{ hostPort: 70000, containerPort: 80 }, { containerPort: 'x' }],
        mounts: [{ source: 'relative/dir', target: '/x' }],
        memory: '5m',
        cpus: 'lots',
        labels: ['=v'],
      }),
    ).toEqual([
      { field: 'image', message: 'Invalid image reference "Foo:bar": repository names must be lowercase' },
      { field: 'name', message: expect.stringMatching(/^Invalid container name "bad name"/) },
      { field: 'command', message: "Command has an unclosed ' quote" },
      { field: 'env.1', message: 'Environment variable "NOPE" must be KEY=VALUE' },
      { field: 'ports.0.hostPort', message: 'Host port must be a number from 1 to 65535 (got "70000")' },
      { field: 'ports.1.containerPort', message: 'Container port must be a number from 1 to 65535 (got "x")' },
      { field: 'mounts.0.source', message: 'Host path must be an absolute path, e.g. /srv/site' },
      { field: 'cpus', message: 'CPUs must be a number greater than 0, like 0.5 or 2 (got "lots")' },
      { field: 'memory', message: 'Memory limit must be like 512m or 2g, at least 6m (got "5m")' },
      { field: 'labels.0', message: 'Label "=v" has no name before "="' },
    ]);
  });

  it('checks across fields: auto-remove with restart, duplicate host ports and container paths, retries without on-failure', () => {
    expect(
      issuesOf({
        image: 'nginx',
        autoRemove: true,
        restart: { policy: 'always', maxRetries: 2 },
        ports: [{ hostPort: 8080, containerPort: 80 }, { hostPort: '8080', containerPort: 81 }, { hostPort: 8080, containerPort: 82, protocol: 'udp' }],
        mounts: [{ source: '/a', target: '/data/' }],
        volumes: [{ name: 'vol', target: '/data' }],
      }),
    ).toEqual([
      { field: 'restart.policy', message: 'Auto-remove can’t be combined with a restart policy: choose one' },
      { field: 'restart.maxRetries', message: 'Maximum retries only applies to the on-failure policy' },
      { field: 'ports.1.hostPort', message: 'Host port 8080/tcp is published twice' },
      { field: 'volumes.0.target', message: 'Container path /data is mounted twice' },
    ]);
  });

  it('refuses published ports on the host network, before anything is created', () => {
    expect(issuesOf({ image: 'nginx', network: 'host', ports: [{ hostPort: 47855, containerPort: 80 }] })).toEqual([
      {
        field: 'network',
        message: 'Published ports do not apply with the host network: the container uses this computer’s ports directly. Remove the ports or pick another network.',
      },
    ]);
    expect(issuesOf({ image: 'nginx', network: 'host' })).toEqual([]);
    expect(issuesOf({ image: 'nginx', network: 'my-net', ports: [{ containerPort: 80 }] })).toEqual([]);
  });

  it('takes a container port written as 80/tcp or 53/udp, the suffix naming the protocol', () => {
    const spec = runSpecSchema.parse({ image: 'nginx', ports: [{ containerPort: '80/tcp' }, { hostPort: '5353', containerPort: ' 53/UDP ' }, { containerPort: '9/sctp', protocol: 'tcp' }] });
    expect(spec.ports).toEqual([
      { hostIp: undefined, hostPort: undefined, containerPort: 80, protocol: 'tcp' },
      { hostIp: undefined, hostPort: 5353, containerPort: 53, protocol: 'udp' },
      { hostIp: undefined, hostPort: undefined, containerPort: 9, protocol: 'sctp' },
    ]);
    expect(issuesOf({ image: 'nginx', ports: [{ containerPort: '80/http' }] })).toEqual([
      { field: 'ports.0.containerPort', message: 'Container port must be a number from 1 to 65535, optionally followed by /tcp, /udp or /sctp (got "80/http")' },
    ]);
    // The suffix's protocol counts in the duplicate check.
    expect(issuesOf({ image: 'nginx', ports: [{ hostPort: 53, containerPort: '53/udp' }, { hostPort: 53, containerPort: 53, protocol: 'udp' }] })).toEqual([
      { field: 'ports.1.hostPort', message: 'Host port 53/udp is published twice' },
    ]);
  });

  it('takes port ranges as docker run -p does, and refuses ranges of different lengths or overlapping another row', () => {
    const spec = runSpecSchema.parse({
      image: 'nginx',
      ports: [
        { hostIp: '127.0.0.1', hostPort: '8080-8081', containerPort: '80-81' },
        { hostPort: '5353 - 5354', containerPort: '53-54/udp' },
        { containerPort: '9000-9001' },
        { hostPort: '7000-7009', containerPort: '70' },
        { hostPort: '6000-6000', containerPort: '60-60' },
      ],
    });
    expect(spec.ports).toEqual([
      { hostIp: '127.0.0.1', hostPort: 8080, hostPortEnd: 8081, containerPort: 80, containerPortEnd: 81, protocol: 'tcp' },
      { hostPort: 5353, hostPortEnd: 5354, containerPort: 53, containerPortEnd: 54, protocol: 'udp' },
      { containerPort: 9000, containerPortEnd: 9001, protocol: 'tcp' },
      // One container port on a host range: the engine picks a free host port in it.
      { hostPort: 7000, hostPortEnd: 7009, containerPort: 70, protocol: 'tcp' },
      { hostPort: 6000, containerPort: 60, protocol: 'tcp' },
    ]);
    expect(issuesOf({ image: 'nginx', ports: [{ hostPort: '8080-8082', containerPort: '80-81' }] })).toEqual([
      { field: 'ports.0.hostPort', message: 'Host port range 8080-8082 (3 ports) and container port range 80-81 (2 ports) must be the same length' },
    ]);
    expect(issuesOf({ image: 'nginx', ports: [{ hostPort: '8080', containerPort: '80-81' }] })).toEqual([
      { field: 'ports.0.hostPort', message: 'Container port range 80-81 (2 ports) needs a host port range of the same length, like 8080-8081, or no host port for random ones' },
    ]);
    expect(issuesOf({ image: 'nginx', ports: [{ hostPort: '8081-8080', containerPort: '80' }, { containerPort: '81-80000' }] })).toEqual([
      { field: 'ports.0.hostPort', message: 'Host port range must go from the lower port to the higher, like 8080-8081 (got "8081-8080")' },
      { field: 'ports.1.containerPort', message: 'Container port range must be two numbers from 1 to 65535, like 8080-8081 (got "81-80000")' },
    ]);
    expect(issuesOf({ image: 'nginx', ports: [{ hostPort: '8080-8081', containerPort: '80-81' }, { hostPort: 8081, containerPort: 90 }] })).toEqual([
      { field: 'ports.1.hostPort', message: 'Host port 8081/tcp is published twice' },
    ]);
  });

  it('takes tmpfs mounts with an optional size and refuses a bogus size, a relative path or a path mounted twice', () => {
    const spec = runSpecSchema.parse({ image: 'nginx', tmpfs: [{ target: '/run' }, { target: ' /cache ', size: '64m' }, { target: '/t', size: ' ' }] });
    expect(spec.tmpfs).toEqual([
      { target: '/run', size: undefined },
      { target: '/cache', size: 64 * 1024 * 1024 },
      { target: '/t', size: undefined },
    ]);
    expect(
      issuesOf({
        image: 'nginx',
        volumes: [{ name: 'vol', target: '/data' }],
        tmpfs: [{ target: '/a', size: 'lots' }, { target: '/b', size: '10x' }, { target: '/c', size: '0' }, { target: 'rel', size: '1m' }, { target: '/data/', size: '1m' }],
      }),
    ).toEqual([
      { field: 'tmpfs.0.size', message: 'Tmpfs size must be like 64m or 1g, more than 0 (got "lots")' },
      { field: 'tmpfs.1.size', message: 'Tmpfs size must be like 64m or 1g, more than 0 (got "10x")' },
      { field: 'tmpfs.2.size', message: 'Tmpfs size must be like 64m or 1g, more than 0 (got "0")' },
      { field: 'tmpfs.3.target', message: 'Container path must be an absolute path, e.g. /srv/site' },
    ]);
    expect(issuesOf({ image: 'nginx', volumes: [{ name: 'vol', target: '/data' }], tmpfs: [{ target: '/data/', size: '1m' }] })).toEqual([
      { field: 'tmpfs.0.target', message: 'Container path /data is mounted twice' },
    ]);
  });

  it('is strict: unknown fields are refused', () => {
    expect(issuesOf({ image: 'nginx', privileged: true })[0]?.message).toMatch(/privileged/);
  });
});

describe('runSpecSchema: text too long for a field', () => {
  it('names the field and its limit, never zod’s own “Too big”', () => {
    const long = (n: number) => 'a'.repeat(n);
    const issues = issuesOf({
      image: long(513),
      name: long(256),
      ports: [{ hostIp: long(65), containerPort: '80' }],
      mounts: [{ source: `/${long(4096)}`, target: '/data' }],
      volumes: [{ name: long(256), target: '/v' }],
      cpus: long(65),
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        { field: 'image', message: 'Image reference must be at most 512 characters' },
        { field: 'name', message: 'Container name must be at most 255 characters' },
        { field: 'ports.0.hostIp', message: 'Host IP must be at most 64 characters' },
        { field: 'mounts.0.source', message: 'Host path must be at most 4,096 characters' },
        { field: 'volumes.0.name', message: 'Volume name must be at most 255 characters' },
      ]),
    );
    expect(issues.find((i) => i.field === 'cpus')?.message).toBe('CPUs must be at most 64 characters');
    expect(issues.map((i) => i.message).join(' ')).not.toMatch(/Too big|Invalid input/);
  });
});

describe('containerUpdateSchema', () => {
  it('parses limits and needs at least one', () => {
    expect(containerUpdateSchema.parse({ id: 'abc', memory: '512m' })).toEqual({ id: 'abc', memory: 512 * 1024 * 1024, cpus: undefined });
    expect(containerUpdateSchema.parse({ id: 'abc', cpus: 1.5 })).toMatchObject({ cpus: 1_500_000_000 });
    const none = containerUpdateSchema.safeParse({ id: 'abc', memory: '' });
    expect(none.success ? '' : none.error.issues[0]?.message).toBe('Give a CPU or memory limit to change');
    const bad = containerUpdateSchema.safeParse({ id: 'abc', memory: '1x' });
    expect(bad.success ? '' : bad.error.issues[0]?.message).toMatch(/^Memory limit must be like 512m or 2g, at least 6m/);
  });
});
