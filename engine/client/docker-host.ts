import { join } from 'node:path';
import { BerthError } from '../../contract/errors.js';
import type { EngineOptions } from '../adapter/engine-adapter.js';

/** TLS material for a tcp:// endpoint: from DOCKER_CERT_PATH (or ~/.docker), or a context's tls dir. */
export interface TlsFiles {
  /** Directory holding ca.pem, cert.pem and key.pem. */
  dir: string;
}

export interface HostDeps {
  env: Readonly<Record<string, string | undefined>>;
  homedir: string;
  /** Read a file; throw when it cannot be read. */
  readFile(path: string): Buffer;
}

/**
 * Turn a Docker host string into the engine adapter's options. Every connection field is set
 * explicitly (even to undefined), so nothing else's reading of DOCKER_HOST can merge in.
 *
 * - unix:///path → socketPath; npipe:////./pipe/name → named pipe
 * - tcp://host:port → http, or https when `tls` is given (client certs read from its dir)
 * - ssh://[user@]host[:port] → ssh through the agent at SSH_AUTH_SOCK
 */
export function toDockerOptions(host: string, deps: HostDeps, tls?: TlsFiles): EngineOptions {
  const base: EngineOptions = { socketPath: undefined, host: undefined, port: undefined, protocol: undefined, ca: undefined, cert: undefined, key: undefined };
  const h = host.trim();
  if (h.startsWith('unix://')) {
    const path = h.slice('unix://'.length);
    if (!path.startsWith('/')) throw badHost(host, 'a unix socket path must be absolute, e.g. unix:///var/run/docker.sock');
    return { ...base, socketPath: path };
  }
  if (h.startsWith('npipe://')) {
    const pipe = h.slice('npipe://'.length);
    if (!pipe) throw badHost(host, 'expected a pipe path, e.g. npipe:////./pipe/docker_engine');
    return { ...base, socketPath: pipe.replace(/\//g, '\\') };
  }
  if (h.startsWith('tcp://') || h.startsWith('http://') || h.startsWith('https://') || h.startsWith('ssh://')) {
    let url: URL;
    try {
      url = new URL(h.startsWith('tcp://') ? `http://${h.slice(6)}` : h);
    } catch {
      throw badHost(host, 'expected tcp://host:port or ssh://user@host');
    }
    if (!url.hostname) throw badHost(host, 'the host name is missing');
    const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
    if (h.startsWith('ssh://')) {
      return {
        ...base,
        protocol: 'ssh',
        host: hostname,
        port: url.port ? Number(url.port) : 22,
        username: url.username ? decodeURIComponent(url.username) : undefined,
        sshOptions: { agent: deps.env.SSH_AUTH_SOCK },
      };
    }
    const secure = !!tls || h.startsWith('https://');
    const options: EngineOptions = { ...base, protocol: secure ? 'https' : 'http', host: hostname, port: Number(url.port || (secure ? 2376 : 2375)) };
    if (tls) {
      const read = (name: string) => {
        const file = join(tls.dir, name);
        try {
          return deps.readFile(file);
        } catch (err) {
          const why = (err as { code?: string }).code === 'ENOENT' ? 'it does not exist' : err instanceof Error ? err.message : String(err);
          throw new BerthError('ENGINE_UNAVAILABLE', `TLS is on for ${host} but ${file} cannot be read: ${why}`, { host, file });
        }
      };
      options.ca = read('ca.pem');
      options.cert = read('cert.pem');
      options.key = read('key.pem');
    }
    return options;
  }
  throw badHost(host, 'supported forms are unix://, tcp://, npipe:// and ssh://');
}

/** For DOCKER_HOST: TLS from DOCKER_TLS_VERIFY / DOCKER_CERT_PATH, as the docker CLI does. */
export function envTls(host: string, deps: HostDeps): TlsFiles | undefined {
  const verify = deps.env.DOCKER_TLS_VERIFY;
  const on = (verify !== undefined && verify !== '' && verify !== '0') || /:2376\/?$/.test(host.trim());
  if (!on || !/^(tcp|https):\/\//.test(host.trim())) return undefined;
  return { dir: deps.env.DOCKER_CERT_PATH || join(deps.homedir, '.docker') };
}

function badHost(host: string, hint: string): BerthError {
  return new BerthError('VALIDATION', `Unsupported Docker host "${host}": ${hint}`, { host });
}
