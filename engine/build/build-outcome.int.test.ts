import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildArgs } from '../../contract/domains/image-build.js';
import type { BuildEvent } from '../../contract/models/image-build.js';
import { ctx, docker, TEST_IMAGE, uniquePrefix, useTestBackend } from '../testing/int-helpers.js';

const prefix = uniquePrefix('buildout');
const tag = `${prefix}app:1`;
const other = `${prefix}keep:1`;
let scratch: string;

const bed = useTestBackend(prefix, {
  beforeStart: () => {
    scratch = mkdtempSync(join(tmpdir(), 'berth-buildout-ctx-'));
  },
  cleanup: async () => {
    await docker('image', 'rm', '-f', tag, other).catch(() => '');
    await docker('image', 'prune', '-f', '--filter', `label=${prefix}`).catch(() => '');
    rmSync(scratch, { recursive: true, force: true });
  },
});

/** Build the scratch context with `content` in a file, tagged `tag`; the done event. */
async function build(content: string): Promise<Extract<BuildEvent, { kind: 'done' }>> {
  writeFileSync(join(scratch, 'Dockerfile'), `FROM ${TEST_IMAGE}\nLABEL ${prefix}=1\nRUN echo ${content} > /content\n`);
  let done: Extract<BuildEvent, { kind: 'done' }> | undefined;
  for await (const ev of bed.backend.impl.images.build(buildArgs.parse({ context: scratch, tags: [tag] }), ctx())) if (ev.kind === 'done') done = ev;
  if (!done) throw new Error('the build did not finish');
  return done;
}

describe('a build that reuses a tag', () => {
  it('says the tag moved, from which image, and whether that image has a tag left', async () => {
    const first = await build('one');
    expect(first.moved).toBeUndefined();

    // Rebuilt unchanged (from cache): the tag names the same image, nothing moved.
    expect((await build('one')).moved).toBeUndefined();

    const second = await build('two');
    expect(second.moved).toEqual([{ tag, previousId: first.imageId, untagged: true }]);

    // The image the tag leaves keeps another tag: it is not left untagged.
    await docker('tag', second.imageId, other);
    const third = await build('three');
    expect(third.moved).toEqual([{ tag, previousId: second.imageId, untagged: false }]);
  }, 120_000);
});

describe('a build whose events are closed early', () => {
  it('leaves the back end up when the consumer stops at the failure, while the engine still answers', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (err: unknown) => uncaught.push(err);
    process.on('uncaughtException', onUncaught);
    try {
      writeFileSync(join(scratch, 'Dockerfile'), `FROM ${TEST_IMAGE}\nLABEL ${prefix}=1\nRUN echo ${prefix}\nRUN exit 3\n`);
      let failed = false;
      for await (const ev of bed.backend.impl.images.build(buildArgs.parse({ context: scratch, noCache: true }), ctx())) {
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
