import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../backend.js';
import { ctx, docker, runningTestBackend, TEST_IMAGE, uniquePrefix } from '../testing/int-helpers.js';

const image = `berth-int/${uniquePrefix('whiteout').replace(/-$/, '')}:1`;
let backend: Backend;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'berth-whiteout-'));
  const dir = join(dataDir, 'ctx');
  mkdirSync(dir);
  // A layer that only deletes files weighs 0 bytes, like an ENV.
  writeFileSync(join(dir, 'Dockerfile'), `FROM ${TEST_IMAGE}\nRUN echo hello > /file && mkdir /d && echo x > /d/y\nRUN rm /file && rm -r /d\nENV A=1\n`);
  await docker('build', '-q', '--no-cache', '-t', image, dir);
  backend = await runningTestBackend(dataDir);
});

afterAll(async () => {
  await backend?.dispose();
  await docker('rmi', '-f', image).catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('image history against the real dockerd: which steps made a layer', () => {
  it('a step that only deletes files is a layer (0 B, not empty); ENV is empty', async () => {
    const h = await backend.impl.images.history({ id: image }, ctx());
    const step = (start: string) => h.find((x) => x.instruction.startsWith(start));
    expect(step('RUN rm /file')).toMatchObject({ size: 0, empty: false });
    expect(step('RUN echo hello')).toMatchObject({ empty: false });
    expect(step('ENV A=1')).toMatchObject({ empty: true });
    const inspected = await backend.impl.images.inspect({ id: image }, ctx());
    // As many steps with a layer as the image has layers.
    expect(h.filter((x) => !x.empty)).toHaveLength(inspected.layerCount);
  });
});
