import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll } from 'vitest';
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

export interface TestBackendOptions {
  /** After the back end is disposed, remove every container whose name starts with the prefix. */
  removeContainers?: boolean;
  /** Runs with the data directory made, before the back end starts (an image it should find, a scratch folder). */
  beforeStart?: (dataDir: string) => unknown;
  /**
   * Runs after the back end is disposed and the prefix's containers are removed, before the data directory
   * is deleted: the place for what those containers used (networks, volumes), images, other temp folders.
   */
  cleanup?: () => unknown;
}

export interface TestBackend {
  /** The running back end (made in beforeAll). */
  readonly backend: Backend;
  /** Its data directory, also free for the test's own files. */
  readonly dataDir: string;
}

/**
 * A running back end on the test engine for one test file: its hooks are registered here, so call it at
 * the top of the file. beforeAll makes a data directory named after `prefix`, runs `beforeStart`, then
 * starts the back end (`runningTestBackend`); afterAll disposes it, removes the `prefix…` containers if
 * asked, runs `cleanup`, then deletes the data directory. A file's own beforeAll registered after this
 * call runs once the back end is running.
 */
export function useTestBackend(prefix: string, options: TestBackendOptions = {}): TestBackend {
  let backend: Backend | undefined;
  let dataDir: string | undefined;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), prefix));
    await options.beforeStart?.(dataDir);
    backend = await runningTestBackend(dataDir);
  });
  afterAll(async () => {
    try {
      await backend?.dispose();
      if (options.removeContainers) await removeContainers(prefix);
      await options.cleanup?.();
    } finally {
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    }
  });
  const made = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the test back end is made in beforeAll: use it inside a test or hook');
    return value;
  };
  return {
    get backend() {
      return made(backend);
    },
    get dataDir() {
      return made(dataDir);
    },
  };
}
