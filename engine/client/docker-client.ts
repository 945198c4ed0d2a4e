import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import Docker from 'dockerode';
import { toBerthError } from '../errors.js';
import { dockerPing } from './docker-calls.js';
import type { DiscoverDeps } from './discover.js';

/**
 * Build a dockerode client. Construction is guarded: docker-modem reads DOCKER_HOST and
 * DOCKER_CERT_PATH itself and can throw on a malformed value; that becomes a BerthError.
 */
export function createDocker(options: Docker.DockerOptions): Docker {
  try {
    return new Docker(options);
  } catch (err) {
    throw toBerthError(err);
  }
}

/** GET /_ping, failing after timeoutMs. */
export async function pingDocker(docker: Docker, timeoutMs: number): Promise<void> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    await dockerPing(docker, signal);
  } catch (err) {
    if (signal.aborted) throw Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' });
    throw err;
  }
}

/** The real file system, environment and network, for discoverEngine. */
export function nodeDiscoverDeps(env: Readonly<Record<string, string | undefined>> = process.env): DiscoverDeps {
  return {
    env,
    platform: process.platform,
    homedir: homedir(),
    readFile: (path) => readFileSync(path),
    exists: (path) => existsSync(path),
    ping: (options, timeoutMs) => pingDocker(createDocker(options), timeoutMs),
  };
}
