import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Backend } from '../backend.js';
import { docker, runningTestBackend, uniquePrefix } from './int-helpers.js';

export interface VolumesTestbed {
  /** Names of this file's volumes start with it (removed after the file). */
  readonly prefix: string;
  /** The running back end (made in beforeAll). */
  readonly backend: Backend;
  /** Its data directory, also free for the test's own files. */
  readonly dataDir: string;
}

/**
 * A running back end on the test engine for a file of volume tests: made before the file's tests,
 * disposed after them, with every volume named `prefix…` removed and the data directory deleted.
 */
export function useVolumesTestbed(tag: string): VolumesTestbed {
  const prefix = uniquePrefix(tag);
  let backend: Backend | undefined;
  let dataDir: string | undefined;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), `berth-${tag}-`));
    backend = await runningTestBackend(dataDir);
  }, 60_000);
  afterAll(async () => {
    await backend?.dispose();
    const names = (await docker('volume', 'ls', '-q', '--filter', `name=${prefix}`)).split('\n').filter(Boolean);
    if (names.length) await docker('volume', 'rm', '-f', ...names).catch(() => undefined);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  const made = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the volumes testbed is made in beforeAll: use it inside a test or hook');
    return value;
  };
  return {
    prefix,
    get backend() {
      return made(backend);
    },
    get dataDir() {
      return made(dataDir);
    },
  };
}
