import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { EngineEndpoint } from '../../contract/model.js';
import type { EngineOptions } from '../adapter/engine-adapter.js';
import { toBerthError } from '../errors.js';
import { envTls, toDockerOptions, type HostDeps, type TlsFiles } from './docker-host.js';

export interface DiscoverDeps extends HostDeps {
  platform: NodeJS.Platform;
  /** Resolves when an engine answers GET /_ping at these options within timeoutMs; rejects otherwise. */
  ping(options: EngineOptions, timeoutMs: number, endpoint: EngineEndpoint): Promise<void>;
  /** True when a file exists (used to find a context's TLS material). */
  exists(path: string): boolean;
}

export interface DiscoverOptions {
  /** The user's explicit setting (highest priority). */
  dockerHost?: string;
  /** Per-candidate _ping timeout (default 1500 ms). */
  timeoutMs?: number;
}

/** A place an engine might be. */
export interface Candidate {
  endpoint: EngineEndpoint;
  tls?: TlsFiles;
}

export interface Attempt {
  endpoint: EngineEndpoint;
  /** Why it did not answer, in plain words. */
  error: string;
}

export type Discovery =
  | { found: true; endpoint: EngineEndpoint; options: EngineOptions; attempts: Attempt[] }
  | { found: false; attempts: Attempt[] };

/**
 * Find a Docker engine: the explicit setting (alone, when given), else DOCKER_HOST, then the current Docker context, then
 * the platform's usual sockets. Each candidate is pinged in that order; the first that answers wins.
 * `attempts` lists every candidate that did not answer and why.
 */
export async function discoverEngine(deps: DiscoverDeps, options: DiscoverOptions = {}): Promise<Discovery> {
  const attempts: Attempt[] = [];
  for (const candidate of candidates(deps, options, attempts)) {
    let dockerOptions: EngineOptions;
    try {
      dockerOptions = toDockerOptions(candidate.endpoint.host, deps, candidate.tls);
      await deps.ping(dockerOptions, options.timeoutMs ?? 1500, candidate.endpoint);
    } catch (err) {
      attempts.push({ endpoint: candidate.endpoint, error: reason(err) });
      continue;
    }
    return { found: true, endpoint: candidate.endpoint, options: dockerOptions, attempts };
  }
  return { found: false, attempts };
}

/** Every candidate in priority order, without duplicates. Problems reading the context go to `attempts`. */
export function candidates(deps: DiscoverDeps, options: DiscoverOptions = {}, attempts: Attempt[] = []): Candidate[] {
  const out: Candidate[] = [];
  const add = (c: Candidate) => {
    if (!out.some((o) => o.endpoint.host === c.endpoint.host)) out.push(c);
  };
  const setting = options.dockerHost?.trim();
  // An explicit setting is the user's choice: it is the only candidate, never silently replaced by
  // another engine that happens to answer (the status then says why the chosen one does not).
  if (setting) return [{ endpoint: { host: setting, source: 'setting' }, tls: envTls(setting, deps) }];
  const envHost = deps.env.DOCKER_HOST?.trim();
  if (envHost) add({ endpoint: { host: envHost, source: 'DOCKER_HOST' }, tls: envTls(envHost, deps) });
  const context = contextCandidate(deps, attempts);
  if (context) add(context);
  for (const host of defaultHosts(deps)) add({ endpoint: { host, source: 'default' } });
  return out;
}

/** The engine of the current Docker context (DOCKER_CONTEXT, else currentContext in config.json); none for "default". */
export function contextCandidate(deps: DiscoverDeps, attempts: Attempt[] = []): Candidate | undefined {
  const configDir = deps.env.DOCKER_CONFIG || join(deps.homedir, '.docker');
  let name = deps.env.DOCKER_CONTEXT?.trim();
  if (!name) {
    const config = readJson(deps, join(configDir, 'config.json'));
    const current = config && typeof config === 'object' ? (config as { currentContext?: unknown }).currentContext : undefined;
    name = typeof current === 'string' ? current.trim() : undefined;
  }
  if (!name || name === 'default') return undefined;
  const hash = createHash('sha256').update(name).digest('hex');
  const metaPath = join(configDir, 'contexts', 'meta', hash, 'meta.json');
  const meta = readJson(deps, metaPath) as { Endpoints?: { docker?: { Host?: unknown } } } | undefined;
  const host = meta?.Endpoints?.docker?.Host;
  if (typeof host !== 'string' || !host) {
    attempts.push({
      endpoint: { host: `context:${name}`, source: 'context', context: name },
      error: `the Docker context "${name}" has no docker endpoint (${metaPath} is missing or unreadable)`,
    });
    return undefined;
  }
  const tlsDir = join(configDir, 'contexts', 'tls', hash, 'docker');
  const tls = /^(tcp|https):\/\//.test(host) && deps.exists(join(tlsDir, 'ca.pem')) ? { dir: tlsDir } : undefined;
  return { endpoint: { host, source: 'context', context: name }, tls };
}

/** The usual sockets of Docker Engine, Docker Desktop, rootless Docker, OrbStack, Colima and Rancher Desktop. */
export function defaultHosts(deps: Pick<DiscoverDeps, 'platform' | 'env' | 'homedir'>): string[] {
  const home = deps.homedir;
  if (deps.platform === 'win32') return ['npipe:////./pipe/docker_engine', 'npipe:////./pipe/dockerDesktopLinuxEngine'];
  const paths = ['/var/run/docker.sock'];
  if (deps.platform === 'linux' && deps.env.XDG_RUNTIME_DIR) paths.push(join(deps.env.XDG_RUNTIME_DIR, 'docker.sock'));
  paths.push(join(home, '.docker', 'run', 'docker.sock'), join(home, '.docker', 'desktop', 'docker.sock'));
  if (deps.platform === 'darwin') {
    paths.push(join(home, '.orbstack', 'run', 'docker.sock'), join(home, '.colima', 'default', 'docker.sock'), join(home, '.rd', 'docker.sock'));
  }
  return paths.map((p) => `unix://${p}`);
}

function readJson(deps: HostDeps, path: string): unknown {
  try {
    return JSON.parse(deps.readFile(path).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function reason(err: unknown): string {
  const e = toBerthError(err);
  // "Cannot reach the Docker engine: connection refused" → "connection refused"
  return e.message.replace(/^Cannot reach the Docker engine(?: at \S+)?: /, '');
}
