import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The plain `docker` CLI against the test engine (DOCKER_HOST from scripts/test-env.sh). */
export async function docker(...args: string[]): Promise<string> {
  const { stdout } = await run('docker', args, { env: process.env, maxBuffer: 64 * 1024 * 1024 });
  return stdout.trim();
}

export const testImage = process.env.BERTH_TEST_IMAGE ?? 'berth-test/busybox:latest';

/** A name unique to this run, so parallel or repeated runs never collide. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

/** Remove every container whose name starts with prefix (best effort, for afterAll). */
export async function removeContainers(prefix: string): Promise<void> {
  const ids = (await docker('ps', '-aq', '--filter', `name=^${prefix}`)).split('\n').filter(Boolean);
  if (ids.length) await docker('rm', '-f', '-v', ...ids).catch(() => undefined);
}
