import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ctx, docker, TEST_IMAGE, uniquePrefix, useTestBackend } from '../testing/int-helpers.js';

const prefix = uniquePrefix('whiteout');
const image = `berth-int/${prefix.replace(/-$/, '')}:1`;

const bed = useTestBackend(prefix, {
  beforeStart: async (dataDir) => {
    const dir = join(dataDir, 'ctx');
    mkdirSync(dir);
    // A layer that only deletes files weighs 0 bytes, like an ENV.
    writeFileSync(join(dir, 'Dockerfile'), `FROM ${TEST_IMAGE}\nRUN echo hello > /file && mkdir /d && echo x > /d/y\nRUN rm /file && rm -r /d\nENV A=1\n`);
    await docker('build', '-q', '--no-cache', '-t', image, dir);
  },
  cleanup: () => docker('rmi', '-f', image).catch(() => undefined),
});

describe('image history against the real dockerd: which steps made a layer', () => {
  it('a step that only deletes files is a layer (0 B, not empty); ENV is empty', async () => {
    const h = await bed.backend.impl.images.history({ id: image }, ctx());
    const step = (start: string) => h.find((x) => x.instruction.startsWith(start));
    expect(step('RUN rm /file')).toMatchObject({ size: 0, empty: false });
    expect(step('RUN echo hello')).toMatchObject({ empty: false });
    expect(step('ENV A=1')).toMatchObject({ empty: true });
    const inspected = await bed.backend.impl.images.inspect({ id: image }, ctx());
    // As many steps with a layer as the image has layers.
    expect(h.filter((x) => !x.empty)).toHaveLength(inspected.layerCount);
  });
});
