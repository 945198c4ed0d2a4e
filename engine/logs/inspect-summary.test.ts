import { describe, expect, it } from 'vitest';
import { summarizeInspect } from './inspect-summary.js';

describe('summarizeInspect', () => {
  it('maps the readable fields of docker inspect', () => {
    const s = summarizeInspect({
      Id: 'abc',
      Name: '/web',
      Image: 'sha256:123',
      Created: '2026-01-01T00:00:00Z',
      State: {
        Status: 'running',
        Running: true,
        ExitCode: 0,
        Pid: 42,
        StartedAt: '2026-01-01T00:00:01Z',
        FinishedAt: '0001-01-01T00:00:00Z',
        Health: { Status: 'unhealthy', FailingStreak: 3, Log: [{ Start: 's1', End: 'e1', ExitCode: 0, Output: 'ok' }, { Start: 's2', End: 'e2', ExitCode: 1, Output: 'curl: refused' }] },
      },
      Config: {
        Image: 'nginx:1.27',
        Cmd: ['nginx', '-g', 'daemon off;'],
        Entrypoint: null,
        Env: ['A=1', 'B=x=y', 'EMPTY'],
        ExposedPorts: { '80/tcp': {}, '9000/udp': {} },
        Labels: { l: 'v' },
        Tty: false,
      },
      HostConfig: { RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 5 } },
      Mounts: [{ Type: 'volume', Name: 'data', Source: '/var/lib/docker/volumes/data/_data', Destination: '/data', RW: true }, { Type: 'bind', Source: '/h', Destination: '/c', RW: false }],
      NetworkSettings: {
        Ports: { '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '8080' }, { HostIp: '::', HostPort: '8080' }], '443/tcp': null },
        Networks: { bridge: { IPAddress: '172.17.0.2', Gateway: '172.17.0.1', MacAddress: '02:42', Aliases: null, GlobalIPv6Address: '' } },
      },
    });
    expect(s).toMatchObject({
      id: 'abc',
      name: 'web',
      image: 'nginx:1.27',
      command: ['nginx', '-g', 'daemon off;'],
      entrypoint: [],
      env: [
        { name: 'A', value: '1' },
        { name: 'B', value: 'x=y' },
        { name: 'EMPTY', value: '' },
      ],
      restartPolicy: { name: 'on-failure', maximumRetryCount: 5 },
      health: { status: 'unhealthy', failingStreak: 3, lastCheck: { exitCode: 1, output: 'curl: refused' } },
      networks: [{ name: 'bridge', ipAddress: '172.17.0.2', gateway: '172.17.0.1', macAddress: '02:42', aliases: [] }],
      ports: [
        { privatePort: 80, type: 'tcp', bindings: [{ hostIp: '0.0.0.0', hostPort: 8080 }] },
        { privatePort: 443, type: 'tcp', bindings: [] },
        { privatePort: 9000, type: 'udp', bindings: [] },
      ],
      mounts: [
        { type: 'volume', name: 'data', destination: '/data', readOnly: false },
        { type: 'bind', source: '/h', destination: '/c', readOnly: true },
      ],
    });
    expect(s.state).toEqual({ status: 'running', running: true, exitCode: 0, oomKilled: false, pid: 42, startedAt: '2026-01-01T00:00:01Z' });
  });

  it('lists tmpfs mounts: --mount type=tmpfs from Mounts and --tmpfs from HostConfig.Tmpfs, each once', () => {
    const s = summarizeInspect({
      HostConfig: { Tmpfs: { '/run': 'rw,size=64m', '/ro': 'ro', '/scratch': '' } },
      Mounts: [{ Type: 'tmpfs', Source: '', Destination: '/scratch', RW: true }],
    });
    expect(s.mounts).toEqual([
      { type: 'tmpfs', source: '', destination: '/scratch', readOnly: false },
      { type: 'tmpfs', source: '', destination: '/run', readOnly: false },
      { type: 'tmpfs', source: '', destination: '/ro', readOnly: true },
    ]);
  });

  it('survives an empty or odd object', () => {
    const s = summarizeInspect(null);
    expect(s).toMatchObject({ id: '', name: '', env: [], mounts: [], networks: [], ports: [], restartPolicy: { name: 'no' } });
    expect(s.health).toBeUndefined();
  });
});
