import { createHash } from 'node:crypto';
import type { EngineOptions } from '../adapter/engine-adapter.js';
import { describe, expect, it } from 'vitest';
import { candidates, discoverEngine, type DiscoverDeps } from './discover.js';

const HOME = '/home/ann';
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** Injected fs/env/network: files is a path → content map; reachable lists the hosts that answer _ping. */
function fakeDeps(opts: { env?: Record<string, string>; files?: Record<string, string>; reachable?: string[]; platform?: NodeJS.Platform }): DiscoverDeps & {
  pinged: EngineOptions[];
} {
  const files = opts.files ?? {};
  const pinged: EngineOptions[] = [];
  return {
    pinged,
    env: opts.env ?? {},
    homedir: HOME,
    platform: opts.platform ?? 'linux',
    readFile: (path) => {
      if (!(path in files)) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return Buffer.from(files[path]!);
    },
    exists: (path) => path in files,
    ping: async (options) => {
      pinged.push(options);
      const host = options.socketPath ? `unix://${options.socketPath}` : `${options.protocol}://${options.host}:${options.port}`;
      if (!(opts.reachable ?? []).includes(host)) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    },
  };
}

function contextFiles(configDir: string, name: string, host: string, current = true): Record<string, string> {
  return {
    ...(current ? { [`${configDir}/config.json`]: JSON.stringify({ auths: {}, currentContext: name }) } : {}),
    [`${configDir}/contexts/meta/${sha(name)}/meta.json`]: JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } }),
  };
}

describe('candidates', () => {
  it('orders DOCKER_HOST, context, then the Linux defaults', () => {
    const deps = fakeDeps({
      env: { DOCKER_HOST: 'tcp://10.0.0.2:2375', XDG_RUNTIME_DIR: '/run/user/1000' },
      files: contextFiles(`${HOME}/.docker`, 'colima', 'unix:///home/ann/.colima/default/docker.sock'),
    });
    expect(candidates(deps).map((c) => [c.endpoint.source, c.endpoint.host, c.endpoint.context])).toEqual([
      ['DOCKER_HOST', 'tcp://10.0.0.2:2375', undefined],
      ['context', 'unix:///home/ann/.colima/default/docker.sock', 'colima'],
      ['default', 'unix:///var/run/docker.sock', undefined],
      ['default', 'unix:///run/user/1000/docker.sock', undefined],
      ['default', 'unix:///home/ann/.docker/run/docker.sock', undefined],
      ['default', 'unix:///home/ann/.docker/desktop/docker.sock', undefined],
    ]);
  });

  it('takes an explicit setting alone: it is never replaced by another engine that answers', () => {
    const deps = fakeDeps({ env: { DOCKER_HOST: 'tcp://10.0.0.2:2375' } });
    expect(candidates(deps, { dockerHost: 'unix:///srv/docker.sock' }).map((c) => [c.endpoint.source, c.endpoint.host])).toEqual([
      ['setting', 'unix:///srv/docker.sock'],
    ]);
  });

  it('uses DOCKER_CONTEXT and DOCKER_CONFIG over config.json, and skips "default"', () => {
    const files = { ...contextFiles('/etc/dc', 'remote', 'tcp://build:2375', false), [`${HOME}/.docker/config.json`]: '{"currentContext":"other"}' };
    const deps = fakeDeps({ env: { DOCKER_CONTEXT: 'remote', DOCKER_CONFIG: '/etc/dc' }, files });
    expect(candidates(deps)[0]?.endpoint).toEqual({ host: 'tcp://build:2375', source: 'context', context: 'remote' });
    const dflt = fakeDeps({ env: { DOCKER_CONTEXT: 'default' } });
    expect(candidates(dflt).every((c) => c.endpoint.source === 'default')).toBe(true);
  });

  it('reports a context whose meta is missing', () => {
    const attempts: Parameters<typeof candidates>[2] = [];
    candidates(fakeDeps({ env: { DOCKER_CONTEXT: 'ghost' } }), {}, attempts);
    expect(attempts).toEqual([
      { endpoint: { host: 'context:ghost', source: 'context', context: 'ghost' }, error: expect.stringContaining('the Docker context "ghost" has no docker endpoint') },
    ]);
  });

  it('lists the macOS and Windows defaults', () => {
    expect(candidates(fakeDeps({ platform: 'darwin' })).map((c) => c.endpoint.host)).toEqual([
      'unix:///var/run/docker.sock',
      'unix:///home/ann/.docker/run/docker.sock',
      'unix:///home/ann/.docker/desktop/docker.sock',
      'unix:///home/ann/.orbstack/run/docker.sock',
      'unix:///home/ann/.colima/default/docker.sock',
      'unix:///home/ann/.rd/docker.sock',
    ]);
    expect(candidates(fakeDeps({ platform: 'win32' })).map((c) => c.endpoint.host)).toEqual(['npipe:////./pipe/docker_engine', 'npipe:////./pipe/dockerDesktopLinuxEngine']);
  });

  it('does not list the same host twice', () => {
    const deps = fakeDeps({ env: { DOCKER_HOST: 'unix:///var/run/docker.sock' } });
    expect(candidates(deps).filter((c) => c.endpoint.host === 'unix:///var/run/docker.sock').map((c) => c.endpoint.source)).toEqual(['DOCKER_HOST']);
  });
});

describe('discoverEngine', () => {
  it('returns the first candidate that answers, with what failed before it', async () => {
    const deps = fakeDeps({ env: { DOCKER_HOST: 'unix:///tmp/gone.sock' }, reachable: ['unix:///home/ann/.docker/run/docker.sock'] });
    const r = await discoverEngine(deps);
    expect(r.found && r.endpoint).toEqual({ host: 'unix:///home/ann/.docker/run/docker.sock', source: 'default' });
    expect(r.found && r.options.socketPath).toBe('/home/ann/.docker/run/docker.sock');
    expect(r.attempts.map((a) => [a.endpoint.host, a.error])).toEqual([
      ['unix:///tmp/gone.sock', 'connection refused (is the engine running?)'],
      ['unix:///var/run/docker.sock', 'connection refused (is the engine running?)'],
    ]);
    expect(deps.pinged).toHaveLength(3); // stops at the first that answers
  });

  it('prefers the explicit setting, and reports it when it does not answer', async () => {
    const deps = fakeDeps({ env: { DOCKER_HOST: 'unix:///a.sock' }, reachable: ['unix:///a.sock', 'unix:///b.sock'] });
    const r = await discoverEngine(deps, { dockerHost: 'unix:///b.sock' });
    expect(r.found && r.endpoint).toEqual({ host: 'unix:///b.sock', source: 'setting' });
    const miss = await discoverEngine(deps, { dockerHost: 'unix:///c.sock' });
    expect(miss.found).toBe(false);
    expect(miss.attempts.map((a) => a.endpoint.host)).toEqual(['unix:///c.sock']);
  });

  it('reports every attempt when nothing answers, including malformed hosts', async () => {
    const r = await discoverEngine(fakeDeps({ env: { DOCKER_HOST: 'ftp://x' } }));
    expect(r.found).toBe(false);
    expect(r.attempts[0]).toEqual({
      endpoint: { host: 'ftp://x', source: 'DOCKER_HOST' },
      error: 'Unsupported Docker host "ftp://x": supported forms are unix://, tcp://, npipe:// and ssh://',
    });
    expect(r.attempts.map((a) => a.endpoint.source)).toEqual(['DOCKER_HOST', 'default', 'default', 'default']);
  });

  it('uses TLS from DOCKER_TLS_VERIFY and DOCKER_CERT_PATH', async () => {
    const files = { '/certs/ca.pem': 'CA', '/certs/cert.pem': 'CERT', '/certs/key.pem': 'KEY' };
    const deps = fakeDeps({ env: { DOCKER_HOST: 'tcp://build:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' }, files, reachable: ['https://build:2376'] });
    const r = await discoverEngine(deps);
    expect(r.found).toBe(true);
    expect(deps.pinged[0]).toMatchObject({ protocol: 'https', host: 'build', port: 2376, ca: Buffer.from('CA'), cert: Buffer.from('CERT'), key: Buffer.from('KEY') });
  });

  it('names the missing certificate file', async () => {
    const deps = fakeDeps({ env: { DOCKER_HOST: 'tcp://build:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' } });
    const r = await discoverEngine(deps);
    expect(r.attempts[0]?.error).toBe('TLS is on for tcp://build:2376 but /certs/ca.pem cannot be read: it does not exist');
  });

  it("uses a context's own TLS material", async () => {
    const dir = `${HOME}/.docker/contexts/tls/${sha('secure')}/docker`;
    const files = {
      ...contextFiles(`${HOME}/.docker`, 'secure', 'tcp://prod:2376'),
      [`${dir}/ca.pem`]: 'A',
      [`${dir}/cert.pem`]: 'B',
      [`${dir}/key.pem`]: 'C',
    };
    const deps = fakeDeps({ files, reachable: ['https://prod:2376'] });
    const r = await discoverEngine(deps);
    expect(r.found && r.endpoint).toEqual({ host: 'tcp://prod:2376', source: 'context', context: 'secure' });
    expect(deps.pinged[0]).toMatchObject({ protocol: 'https', ca: Buffer.from('A') });
  });
});
