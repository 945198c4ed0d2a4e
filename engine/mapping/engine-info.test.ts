import { describe, expect, it } from 'vitest';
import { mapEngineInfo } from './engine-info.js';

const version = {
  Version: '20.10.24',
  ApiVersion: '1.41',
  MinAPIVersion: '1.12',
  GitCommit: '5d6db84',
  GoVersion: 'go1.19.8',
  Os: 'linux',
  Arch: 'amd64',
  KernelVersion: '6.1.0',
  BuildTime: '2024-01-01T00:00:00Z',
  Components: [
    { Name: 'Engine', Version: '20.10.24' },
    { Name: 'containerd', Version: '1.6.20' },
    { Name: 'runc', Version: '1.1.5' },
    { Name: 'docker-init', Version: '0.19.0' },
  ],
};
const info = {
  Name: 'host',
  OperatingSystem: 'Debian GNU/Linux 12',
  OSType: 'linux',
  Architecture: 'x86_64',
  KernelVersion: '6.1.0',
  Driver: 'overlay2',
  CgroupDriver: 'systemd',
  CgroupVersion: '2',
  DockerRootDir: '/var/lib/docker',
  NCPU: 4,
  MemTotal: 8e9,
  Containers: 3,
  ContainersRunning: 1,
  ContainersPaused: 1,
  ContainersStopped: 1,
  Images: 7,
  ContainerdCommit: { ID: 'abc' },
};
const endpoint = { host: 'unix:///var/run/docker.sock', source: 'default' as const };

describe('mapEngineInfo', () => {
  it('combines /version and /info', () => {
    const r = mapEngineInfo(version, info, endpoint, { berthVersion: '0.1.0', dockerodeVersion: '5.0.1' }, { os: 'linux', arch: 'x64' });
    // Named as `docker version` names them (Go's names), like the server's OS/Arch beside them.
    expect(r.client).toEqual({ berthVersion: '0.1.0', dockerodeVersion: '5.0.1', apiVersion: '1.41', os: 'linux', arch: 'amd64' });
    expect(r.server).toMatchObject({ version: '20.10.24', apiVersion: '1.41', minApiVersion: '1.12', containerdVersion: '1.6.20', runcVersion: '1.1.5', initVersion: '0.19.0' });
    expect(r.system).toEqual({
      name: 'host',
      operatingSystem: 'Debian GNU/Linux 12',
      osType: 'linux',
      architecture: 'x86_64',
      kernelVersion: '6.1.0',
      storageDriver: 'overlay2',
      cgroupDriver: 'systemd',
      cgroupVersion: '2',
      dockerRootDir: '/var/lib/docker',
      cpus: 4,
      memTotal: 8e9,
      containers: 3,
      containersRunning: 1,
      containersPaused: 1,
      containersStopped: 1,
      images: 7,
    });
    expect(r.endpoint).toBe(endpoint);
  });

  it('names the client platform as Go does: windows, amd64, 386; arm64 and darwin unchanged', () => {
    const client = (os: NodeJS.Platform, arch: NodeJS.Architecture) => mapEngineInfo(version, info, endpoint, { berthVersion: '0', dockerodeVersion: '0' }, { os, arch }).client;
    expect(client('win32', 'x64')).toMatchObject({ os: 'windows', arch: 'amd64' });
    expect(client('win32', 'ia32')).toMatchObject({ os: 'windows', arch: '386' });
    expect(client('darwin', 'arm64')).toMatchObject({ os: 'darwin', arch: 'arm64' });
    expect(client('linux', 's390x')).toMatchObject({ os: 'linux', arch: 's390x' });
  });

  it('falls back to commit ids from /info, and to a pinned client API version', () => {
    const r = mapEngineInfo({ ...version, Components: null }, info, endpoint, { berthVersion: '0', dockerodeVersion: '0', apiVersion: '1.40' });
    expect(r.server.containerdVersion).toBe('abc');
    expect(r.server).not.toHaveProperty('runcVersion');
    expect(r.client.apiVersion).toBe('1.40');
  });
});
