import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildArgs } from '../../contract/domains/image-build.js';
import { ctx, docker, TEST_IMAGE, uniquePrefix, useTestBackend } from '../testing/int-helpers.js';

const prefix = uniquePrefix('buildcancel');
let scratch: string;

const bed = useTestBackend(prefix, {
  beforeStart: () => {
    scratch = mkdtempSync(join(tmpdir(), 'berth-buildcancel-ctx-'));
  },
  cleanup: () => rmSync(scratch, { recursive: true, force: true }),
});

const present = (id: string) => docker('image', 'inspect', '-f', '{{.Id}}', id).then(() => true, () => false);

describe('a cancelled build', () => {
  it('takes back the images its finished steps committed (no <none> left), and not its base image', async () => {
    const marker = `${prefix}sleep`;
    writeFileSync(join(scratch, 'Dockerfile'), `FROM ${TEST_IMAGE}\nRUN echo ${prefix} > /a\nRUN echo ${marker} && sleep 60\n`);
    const ctl = new AbortController();
    const it = bed.backend.impl.images.build(buildArgs.parse({ context: scratch, noCache: true }), ctx(ctl.signal))[Symbol.asyncIterator]();
    let committed: string | undefined;
    for (;;) {
      const r = await it.next();
      if (r.done) throw new Error('build ended before its output');
      if (r.value.kind === 'step-done' && r.value.step === 2) committed = r.value.layerId;
      if (r.value.kind === 'output' && r.value.text === marker) break;
    }
    expect(committed).toBeDefined();
    expect(await present(committed!)).toBe(true);
    ctl.abort();
    expect(await it.next()).toEqual({ done: true, value: undefined });
    const t0 = Date.now();
    while (Date.now() - t0 < 20_000 && (await present(committed!))) await new Promise((r) => setTimeout(r, 250));
    expect(await present(committed!)).toBe(false);
    expect(await present(TEST_IMAGE)).toBe(true);
  }, 60_000);
});
