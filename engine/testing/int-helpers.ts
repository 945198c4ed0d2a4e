import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import type { CallContext } from '../../contract/define.js';
import type { EngineStatus } from '../../contract/model.js';
import { createDockerAdapter } from '../adapter/docker-adapter.js';
import type { EngineAdapter } from '../adapter/engine-adapter.js';
import { createBackend, type Backend } from '../backend.js';
import { createEngineConnection, type EngineConnection } from '../client/engine-connection.js';

/** Helpers for the engine's integration tests (real dockerd at DOCKER_HOST). */

const run = promisify(execFile);

export const TEST_DOCKER_HOST = process.env.DOCKER_HOST ?? 'unix:///tmp/bt/docker.sock';
export const TEST_SOCKET = TEST_DOCKER_HOST.replace(/^unix:\/\//, '');
export const TEST_IMAGE = 'berth-test/busybox:latest';

/** An engine adapter on the test engine. */
export function testEngine(): EngineAdapter {
  return createDockerAdapter({ socketPath: TEST_SOCKET }, { host: `unix://${TEST_SOCKET}`, source: 'DOCKER_HOST' });
}

/** A connection to the test engine (its event hub not started). */
export function testConnection(): EngineConnection {
  return createEngineConnection(testEngine(), false);
}

/** Run the docker CLI against the test engine; resolves with trimmed stdout. */
export async function docker(...args: string[]): Promise<string> {
  const { stdout } = await run('docker', args, { env: { ...process.env, DOCKER_HOST: TEST_DOCKER_HOST }, timeout: 60_000 });
  return stdout.trim();
}

/** A name prefix unique to one test file run, for cleanup. */
export function uniquePrefix(tag: string): string {
  return `berth-${tag}-${randomBytes(3).toString('hex')}-`;
}

/** Remove every container whose name starts with prefix. */
export async function removeContainers(prefix: string): Promise<void> {
  const ids = (await docker('ps', '-aq', '--filter', `name=^/${prefix}`)).split('\n').filter(Boolean);
  if (ids.length) await docker('rm', '-f', ...ids).catch(() => undefined);
}

/** Remove a compose project's containers (by its label) and its default network (best effort). */
export async function removeComposeProject(project: string): Promise<void> {
  const ids = (await docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`)).split('\n').filter(Boolean);
  if (ids.length) await docker('rm', '-f', ...ids).catch(() => undefined);
  await docker('network', 'rm', `${project}_default`).catch(() => undefined);
}

export function ctx(signal = new AbortController().signal): CallContext {
  return { connectionId: 'int-test', signal };
}

/** Wait until the backend's status satisfies `ok`, failing after timeoutMs with the last status seen. */
export async function waitForStatus(backend: Backend, ok: (s: EngineStatus) => boolean, timeoutMs = 30_000): Promise<EngineStatus> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), timeoutMs);
  let last: EngineStatus | undefined;
  try {
    for await (const s of backend.impl.engine.statusChanges({}, ctx(ctl.signal))) {
      last = s;
      if (ok(s)) return s;
    }
  } finally {
    clearTimeout(timer);
    ctl.abort();
  }
  throw new Error(`engine status did not reach the expected state within ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
}

/** Pull items from an iterator until `ok` matches one, or fail after timeoutMs. */
export async function nextMatching<T>(it: AsyncIterator<T>, ok: (item: T) => boolean, timeoutMs = 30_000, seen: T[] = []): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`no matching item within ${timeoutMs} ms; saw ${JSON.stringify(seen.slice(-10))}`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const r = await Promise.race([it.next(), new Promise<'timeout'>((res) => (timer = setTimeout(() => res('timeout'), left)))]);
    clearTimeout(timer);
    if (r === 'timeout') continue;
    if (r.done) throw new Error(`stream ended before a matching item; saw ${JSON.stringify(seen.slice(-10))}`);
    seen.push(r.value);
    if (ok(r.value)) return r.value;
  }
}

/**
 * A backend on the test engine, started and running: the native provider only, so a shell without
 * DOCKER_HOST fails the test instead of falling back to an embedded dockerd or booting Berth's VM (a
 * helper's run left two QEMUs behind that way).
 */
export async function runningTestBackend(dataDir: string): Promise<Backend> {
  const backend = createBackend({ dataDir, engine: 'native', embedded: 'never' });
  await backend.start();
  await waitForStatus(backend, (s) => s.state === 'running');
  return backend;
}
