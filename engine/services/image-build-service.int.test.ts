import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildArgs, type BuildArgs } from '../../contract/domains/image-build.js';
import type { BuildEvent } from '../../contract/models/image-build.js';
import { ctx, docker, TEST_IMAGE, uniquePrefix, useTestBackend } from '../testing/int-helpers.js';

const fixture = resolve(__dirname, '../../e2e/fixtures/build/two-stage');
const syntaxFixture = resolve(__dirname, '../../e2e/fixtures/build/syntax-error');
const prefix = uniquePrefix('build');
const tag = `${prefix}fixture:1`;
let scratch: string;

const bed = useTestBackend(prefix, {
  beforeStart: () => {
    scratch = mkdtempSync(join(tmpdir(), 'berth-build-ctx-'));
  },
  cleanup: async () => {
    await docker('rmi', '-f', tag, `${prefix}fail:1`).catch(() => undefined);
    rmSync(scratch, { recursive: true, force: true });
  },
});

/** Calls the service as the dispatcher does: arguments parsed with the contract's schema first. */
async function build(args: BuildArgs, signal?: AbortSignal): Promise<BuildEvent[]> {
  const out: BuildEvent[] = [];
  for await (const ev of bed.backend.impl.images.build(buildArgs.parse(args), ctx(signal))) out.push(ev);
  return out;
}

describe('image builds against the real dockerd', () => {
  it('builds the two-stage fixture, honours .dockerignore and build args, then hits the cache on the second build', async () => {
    const first = await build({ context: fixture, tags: [tag], buildArgs: ['GREETING=bonjour'], noCache: true });
    const done = first.at(-1);
    expect(done).toMatchObject({ kind: 'done', tags: [tag] });
    expect(first.filter((e) => e.kind === 'step').map((e) => (e as { instruction: string }).instruction)).toEqual([
      'FROM berth-test/busybox:latest AS base',
      'RUN echo "berth fixture: written by layer 2, deleted by layer 3" > /junk.txt && mkdir -p /app',
      'FROM base',
      'RUN rm /junk.txt',
      'ARG GREETING=hello',
      'COPY hello.txt /app/hello.txt',
      'RUN echo "$GREETING from the berth fixture" > /app/greeting.txt && cat /app/greeting.txt',
    ]);
    expect(first).toContainEqual({ kind: 'output', step: 7, text: 'bonjour from the berth fixture' });
    expect(first.some((e) => e.kind === 'cached')).toBe(false);
    // .dockerignore keeps secret.txt out of the context: 3 files are sent.
    expect(first.find((e) => e.kind === 'context' && e.done)).toMatchObject({ files: 3 });
    expect(await docker('run', '--rm', tag, 'cat', '/app/hello.txt')).toBe('hello from the build context');

    const second = await build({ context: fixture, tags: [tag], buildArgs: ['GREETING=bonjour'] });
    const cached = second.filter((e) => e.kind === 'cached').map((e) => (e as { step: number }).step);
    expect(cached).toEqual([2, 4, 5, 6, 7]);
    expect(second.at(-1)).toEqual({ ...done, kind: 'done' });
  });

  it('a Dockerfile syntax error names the failing line and its text', async () => {
    const events = await build({ context: syntaxFixture });
    expect(events.at(-1)).toEqual({
      kind: 'failed',
      message: 'dockerfile parse error line 3: unknown instruction: RUNN',
      line: 3,
      lineText: 'RUNN echo this instruction does not exist',
      dockerfile: join(syntaxFixture, 'Dockerfile'),
    });
  });

  it('a failing step reports its instruction, exit code and output; a target stage stops early', async () => {
    writeFileSync(join(scratch, 'Failing.dockerfile'), `FROM ${TEST_IMAGE} AS ok\nRUN echo fine\nFROM ok\nRUN echo "about to fail" && exit 7\n`);
    const failed = await build({ context: scratch, dockerfile: 'Failing.dockerfile', tags: [`${prefix}fail:1`], noCache: true });
    expect(failed).toContainEqual({ kind: 'output', step: 4, text: 'about to fail' });
    expect(failed.at(-1)).toMatchObject({ kind: 'failed', step: 4, instruction: 'RUN echo "about to fail" && exit 7', exitCode: 7 });
    const target = await build({ context: scratch, dockerfile: 'Failing.dockerfile', target: 'ok', tags: [`${prefix}fail:1`] });
    expect(target.at(-1)).toMatchObject({ kind: 'done' });
    expect(target.filter((e) => e.kind === 'step')).toHaveLength(2);
  });

  it('rejects a missing folder or Dockerfile before calling the engine', async () => {
    await expect(build({ context: join(scratch, 'missing') })).rejects.toMatchObject({ code: 'VALIDATION', message: `The context folder ${join(scratch, 'missing')} does not exist` });
    await expect(build({ context: scratch, dockerfile: 'Nope' })).rejects.toMatchObject({ message: `The Dockerfile ${join(scratch, 'Nope')} does not exist` });
  });

  it('cancelling stops the build: the engine removes its build container', async () => {
    const marker = `${prefix}sleep`;
    writeFileSync(join(scratch, 'Slow.dockerfile'), `FROM ${TEST_IMAGE}\nRUN echo ${marker} && sleep 60\n`);
    const ctl = new AbortController();
    const it = bed.backend.impl.images.build(buildArgs.parse({ context: scratch, dockerfile: 'Slow.dockerfile', noCache: true }), ctx(ctl.signal))[Symbol.asyncIterator]();
    for (;;) {
      const r = await it.next();
      if (r.done) throw new Error('build ended before its output');
      if (r.value.kind === 'output' && r.value.text === marker) break;
    }
    // Only this build's RUN container (its command holds the marker): other suites' containers come and go.
    const running = async () =>
      (await docker('ps', '--no-trunc', '--filter', 'status=running', '--format', '{{.Command}}')).split('\n').filter((c) => c.includes(marker)).length;
    const before = await running();
    expect(before).toBeGreaterThan(0);
    const t0 = Date.now();
    ctl.abort();
    expect(await it.next()).toEqual({ done: true, value: undefined });
    // The engine kills and removes the RUN container soon after the request goes away.
    let left = before;
    while (Date.now() - t0 < 20_000 && left >= before) {
      await new Promise((r) => setTimeout(r, 250));
      left = await running();
    }
    expect(left).toBe(0);
  });
});

describe('layers explorer against the real dockerd', () => {
  it('shows the file layer 2 adds and layer 3 deletes, the wasted space and the layer shared with the base image', async () => {
    const id = (await docker('image', 'inspect', '-f', '{{.Id}}', tag)).trim();
    const r = await bed.backend.impl.images.layers({ id: tag }, ctx());
    expect(r.imageId).toBe(id);
    expect(r.layers).toHaveLength(5);
    const [l1, l2, l3] = r.layers;
    expect(l1!.sharedWith).toContain(TEST_IMAGE);
    expect(l2!.instruction).toBe('RUN echo "berth fixture: written by layer 2, deleted by layer 3" > /junk.txt && mkdir -p /app');
    expect(l2!.entries).toContainEqual({ path: '/junk.txt', type: 'file', change: 'added', size: 54 });
    expect(l3!.instruction).toBe('RUN rm /junk.txt');
    expect(l3!.entries).toEqual([{ path: '/junk.txt', type: 'file', change: 'deleted', size: 54 }]);
    expect(r.wasted.top).toContainEqual({ path: '/junk.txt', size: 54, addedIn: 1, removedIn: 2, how: 'deleted' });
    expect(r.wasted.totalBytes).toBeGreaterThanOrEqual(54);
    expect(r.layers.map((l) => l.diffId)).toEqual(JSON.parse(await docker('image', 'inspect', '-f', '{{json .RootFS.Layers}}', tag)));
    // Cached per image id: a second call does not export again (fast).
    const t0 = Date.now();
    expect((await bed.backend.impl.images.layers({ id }, ctx())).layers).toHaveLength(5);
    expect(Date.now() - t0).toBeLessThan(1500);
  });

  it('names a missing image', async () => {
    await expect(bed.backend.impl.images.layers({ id: `${prefix}nope:1` }, ctx())).rejects.toMatchObject({ code: 'NOT_FOUND', message: `No such image: ${prefix}nope:1` });
  });
});
