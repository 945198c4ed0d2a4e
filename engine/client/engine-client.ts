import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import type { EngineEndpoint } from '../../contract/model.js';
import { ping } from '../adapter/calls.js';
import { createDockerAdapter } from '../adapter/docker-adapter.js';
import type { EngineAdapter, EngineOptions } from '../adapter/engine-adapter.js';
import type { DiscoverDeps } from './discover.js';

/** GET /_ping, failing after timeoutMs. */
export async function pingEngine(engine: EngineAdapter, timeoutMs: number): Promise<void> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    await ping(engine, signal);
  } catch (err) {
    if (signal.aborted) throw Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' });
    throw err;
  }
}

/** Ping the engine at these options with a throw-away adapter. */
export async function pingAt(options: EngineOptions, endpoint: EngineEndpoint, timeoutMs: number): Promise<void> {
  const engine = createDockerAdapter(options, endpoint);
  try {
    await pingEngine(engine, timeoutMs);
  } finally {
    engine.dispose();
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
    ping: (options, timeoutMs, endpoint) => pingAt(options, endpoint, timeoutMs),
  };
}
