import { describe, expect, it } from 'vitest';
import { runSpecSchema } from '../../contract/domains/container-run-spec.js';
import { createOptions } from './create-options.js';
import { checkRunSpec, type RunCheckDeps } from './run-checks.js';

const deps = (taken: Record<number, string>, busy: number[] = []): RunCheckDeps => ({
  containerNameExists: async () => false,
  imageExists: async () => true,
  networkExists: async () => true,
  publishedPorts: async () => Object.entries(taken).map(([port, container]) => ({ container, hostIp: '0.0.0.0', hostPort: Number(port), protocol: 'tcp' })),
  engineCpus: async () => 2,
  local: { pathExists: async () => true, portFree: async (port) => !busy.includes(port) },
});

const specWith = (...ports: object[]) => runSpecSchema.parse({ image: 'berth-test/busybox', ports });

describe('port ranges (docker run -p 8080-8081:80-81)', () => {
  it('publish each port of the range, port to port, with the host IP and protocol', () => {
    const body = createOptions(specWith({ hostIp: '127.0.0.1', hostPort: '8080-8081', containerPort: '80-81' }, { hostPort: '5353-5354', containerPort: '53-54/udp' }, { containerPort: '90-91' }));
    expect(body.ExposedPorts).toEqual({ '80/tcp': {}, '81/tcp': {}, '53/udp': {}, '54/udp': {}, '90/tcp': {}, '91/tcp': {} });
    expect(body.HostConfig.PortBindings).toEqual({
      '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }],
      '81/tcp': [{ HostIp: '127.0.0.1', HostPort: '8081' }],
      '53/udp': [{ HostIp: '', HostPort: '5353' }],
      '54/udp': [{ HostIp: '', HostPort: '5354' }],
      '90/tcp': [{ HostIp: '', HostPort: '' }],
      '91/tcp': [{ HostIp: '', HostPort: '' }],
    });
  });

  it('pass a host range for one container port on whole: the engine picks a free port in it', () => {
    expect(createOptions(specWith({ hostPort: '7000-7009', containerPort: '70' })).HostConfig.PortBindings).toEqual({ '70/tcp': [{ HostIp: '', HostPort: '7000-7009' }] });
  });

  it('check every host port of a range, naming the first one taken and how many more are', async () => {
    expect(await checkRunSpec(specWith({ hostPort: '8080-8082', containerPort: '80-82' }), deps({}))).toEqual([]);
    expect(await checkRunSpec(specWith({ hostPort: '8080-8082', containerPort: '80-82' }), deps({ 8081: 'web-1' }, [8082]))).toEqual([
      { field: 'ports.0.hostPort', reason: 'port-taken', message: 'Host port 8081 is already in use by container web-1 (and 1 more of 8080-8082)' },
    ]);
    expect(await checkRunSpec(specWith({ hostPort: '8080-8081', containerPort: '80-81' }), deps({}, [8081]))).toEqual([
      { field: 'ports.0.hostPort', reason: 'port-busy', message: 'Host port 8081 is already in use on this machine (by a program outside Docker)' },
    ]);
  });

  it('refuse a host range for one container port only when every port in it is taken', async () => {
    expect(await checkRunSpec(specWith({ hostPort: '7000-7001', containerPort: '70' }), deps({ 7000: 'web-1' }))).toEqual([]);
    expect(await checkRunSpec(specWith({ hostPort: '7000-7001', containerPort: '70' }), deps({ 7000: 'web-1' }, [7001]))).toEqual([
      { field: 'ports.0.hostPort', reason: 'port-taken', message: 'Every host port from 7000 to 7001 is already in use' },
    ]);
  });
});
