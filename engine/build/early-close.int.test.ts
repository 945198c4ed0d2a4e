import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildArgs } from '../../contract/domains/image-build.js';
import type { Backend } from '../backend.js';
import { ctx, runningTestBackend, TEST_IMAGE, uniquePrefix } from '../testing/int-helpers.js';

const prefix = uniquePrefix('buildclose');
let backend: Backend;
let dataDir: string;
let scratch: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'berth-buildclose-'));
  scratch = mkdtempSync(join(tmpdir(), 'berth-buildclose-ctx-'));
  backend = await runningTestBackend(dataDir);
});

afterAll(async () => {
  await backend?.dispose();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

describe('a build whose events are closed early', () => {
  it('leaves the back end up when the consumer stops at the failure, while the engine still answers', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (err: unknown) => uncaught.push(err);
    process.on('uncaughtException', onUncaught);
    try {
      writeFileSync(join(scratch, 'Dockerfile'), `FROM ${TEST_IMAGE}\nRUN echo ${prefix}\nRUN exit 3\n`);
      let failed = false;
      for await (const ev of backend.impl.images.build(buildArgs.parse({ context: scratch, noCache: true }), ctx())) {
        if (ev.kind === 'failed') {
          failed = true;
          break;
        }
      }
      expect(failed).toBe(true);
      await new Promise((r) => setTimeout(r, 1500));
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  }, 60_000);
});
