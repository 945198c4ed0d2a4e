import { describe, expect, it } from 'vitest';
import { envTls, toDockerOptions, type HostDeps } from './docker-host.js';

const deps: HostDeps = {
  env: { SSH_AUTH_SOCK: '/tmp/agent.sock' },
  homedir: '/home/ann',
  readFile: () => {
    throw Object.assign(new Error('nope'), { code: 'ENOENT' });
  },
};

describe('toDockerOptions', () => {
  it('maps unix sockets and sets every other connection field explicitly', () => {
    const o = toDockerOptions('unix:///var/run/docker.sock', deps);
    expect(o).toEqual({ socketPath: '/var/run/docker.sock', host: undefined, port: undefined, protocol: undefined, ca: undefined, cert: undefined, key: undefined });
    expect(Object.keys(o)).toContain('host'); // present, so docker-modem's own DOCKER_HOST reading cannot leak in
  });

  it('maps tcp to http with the default port', () => {
    expect(toDockerOptions('tcp://10.0.0.2', deps)).toMatchObject({ protocol: 'http', host: '10.0.0.2', port: 2375, socketPath: undefined });
    expect(toDockerOptions('tcp://[::1]:2375', deps)).toMatchObject({ protocol: 'http', host: '::1', port: 2375 });
  });

  it('maps named pipes', () => {
    expect(toDockerOptions('npipe:////./pipe/docker_engine', deps).socketPath).toBe('\\\\.\\pipe\\docker_engine');
  });

  it('maps ssh with user, port and agent', () => {
    expect(toDockerOptions('ssh://ann@build.example:2222', deps)).toMatchObject({
      protocol: 'ssh',
      host: 'build.example',
      port: 2222,
      username: 'ann',
      sshOptions: { agent: '/tmp/agent.sock' },
    });
  });

  it('rejects what it cannot use with a specific message', () => {
    expect(() => toDockerOptions('unix://relative.sock', deps)).toThrow('Unsupported Docker host "unix://relative.sock": a unix socket path must be absolute');
    expect(() => toDockerOptions('localhost:2375', deps)).toThrow('supported forms are unix://, tcp://, npipe:// and ssh://');
    expect(() => toDockerOptions('tcp://', deps)).toThrow('Unsupported Docker host "tcp://"');
  });
});

describe('envTls', () => {
  it('turns on with DOCKER_TLS_VERIFY or port 2376, defaulting to ~/.docker', () => {
    expect(envTls('tcp://h:2375', { ...deps, env: { DOCKER_TLS_VERIFY: '1' } })).toEqual({ dir: '/home/ann/.docker' });
    expect(envTls('tcp://h:2376', deps)).toEqual({ dir: '/home/ann/.docker' });
    expect(envTls('tcp://h:2375', deps)).toBeUndefined();
    expect(envTls('tcp://h:2375', { ...deps, env: { DOCKER_TLS_VERIFY: '0' } })).toBeUndefined();
    expect(envTls('unix:///x.sock', { ...deps, env: { DOCKER_TLS_VERIFY: '1' } })).toBeUndefined();
  });
});
