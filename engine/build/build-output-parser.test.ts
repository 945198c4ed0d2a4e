import { describe, expect, it } from 'vitest';
import type { BuildEvent } from '../../contract/models/image-build.js';
import { NdjsonParser } from '../streams/ndjson.js';
import { BuildOutputParser } from './build-output-parser.js';

/** Feed raw engine output (as the socket delivers it, in arbitrary chunks) through NDJSON and the parser. */
function parse(raw: string, chunk = 7): BuildEvent[] {
  const ndjson = new NdjsonParser();
  const parser = new BuildOutputParser();
  const out: BuildEvent[] = [];
  for (let i = 0; i < raw.length; i += chunk) for (const item of ndjson.push(raw.slice(i, i + chunk))) out.push(...parser.push(item));
  for (const item of ndjson.end()) out.push(...parser.push(item));
  out.push(...parser.end());
  return out;
}

// Captured from Docker 20.10's classic builder (POST /build).
const cachedBuild = `{"stream":"Step 1/4 : FROM berth-test/busybox:latest AS base"}
{"stream":"\\n"}
{"stream":" ---\\u003e 9a2dea7984a0\\n"}
{"stream":"Step 2/4 : RUN echo hello \\u003e /a.txt"}
{"stream":"\\n"}
{"stream":" ---\\u003e Using cache\\n"}
{"stream":" ---\\u003e 56132f698e1b\\n"}
{"aux":{"ID":"sha256:56132f698e1b50ef4d64fe4b39a1679ead3ac808ed5299a159623914549e621f"}}
{"stream":"Step 3/4 : FROM base"}
{"stream":"\\n"}
{"stream":" ---\\u003e 56132f698e1b\\n"}
{"stream":"Step 4/4 : RUN echo out \\u0026\\u0026 echo más"}
{"stream":"\\n"}
{"stream":" ---\\u003e Running in 54a9ef224d56\\n"}
{"stream":"out\\nmás\\n"}
{"stream":"Removing intermediate container 54a9ef224d56\\n"}
{"stream":" ---\\u003e c5d8874c66bb\\n"}
{"aux":{"ID":"sha256:c5d8874c66bb0000000000000000000000000000000000000000000000000000"}}
{"stream":"Successfully built c5d8874c66bb\\n"}
{"stream":"Successfully tagged h4b-probe:1\\n"}
`;

const failedBuild = `{"stream":"Step 1/2 : FROM berth-test/busybox:latest"}
{"stream":"\\n"}
{"stream":" ---\\u003e 9a2dea7984a0\\n"}
{"stream":"Step 2/2 : RUN echo out; exit 3"}
{"stream":"\\n"}
{"stream":" ---\\u003e Running in d6ae584609a5\\n"}
{"stream":"out\\n"}
{"stream":"Removing intermediate container d6ae584609a5\\n"}
{"errorDetail":{"code":3,"message":"The command '/bin/sh -c echo out; exit 3' returned a non-zero code: 3"},"error":"The command '/bin/sh -c echo out; exit 3' returned a non-zero code: 3"}
`;

describe('build output parser', () => {
  it('turns real classic-builder output into steps, cache hits, output lines, layer ids and the final image', () => {
    expect(parse(cachedBuild)).toEqual([
      { kind: 'step', index: 1, total: 4, instruction: 'FROM berth-test/busybox:latest AS base' },
      { kind: 'step-done', step: 1, layerId: '9a2dea7984a0' },
      { kind: 'step', index: 2, total: 4, instruction: 'RUN echo hello > /a.txt' },
      { kind: 'cached', step: 2 },
      { kind: 'step-done', step: 2, layerId: '56132f698e1b' },
      { kind: 'step', index: 3, total: 4, instruction: 'FROM base' },
      { kind: 'step-done', step: 3, layerId: '56132f698e1b' },
      { kind: 'step', index: 4, total: 4, instruction: 'RUN echo out && echo más' },
      { kind: 'output', step: 4, text: 'out' },
      { kind: 'output', step: 4, text: 'más' },
      { kind: 'step-done', step: 4, layerId: 'c5d8874c66bb' },
      { kind: 'done', imageId: 'sha256:c5d8874c66bb0000000000000000000000000000000000000000000000000000', tags: ['h4b-probe:1'] },
    ]);
  });

  it('reads the same output whatever the chunk boundaries (multi-byte characters split)', () => {
    expect(parse(cachedBuild, 1)).toEqual(parse(cachedBuild, 4096));
  });

  it('reports errorDetail as a failure naming the failing step, its instruction and exit code', () => {
    const events = parse(failedBuild);
    expect(events.at(-2)).toEqual({ kind: 'output', step: 2, text: 'out' });
    expect(events.at(-1)).toEqual({
      kind: 'failed',
      message: "The command '/bin/sh -c echo out; exit 3' returned a non-zero code: 3",
      step: 2,
      instruction: 'RUN echo out; exit 3',
      exitCode: 3,
    });
    expect(events.some((e) => e.kind === 'done')).toBe(false);
  });

  it('says a FROM whose registry cannot be reached in plain words, not in the words of Go', () => {
    // Captured from the engine: a base image on a registry that refuses connections.
    const unreachableBase = `{"stream":"Step 1/2 : FROM 127.0.0.1:5999/nothing:1"}
{"stream":"\\n"}
{"errorDetail":{"message":"Get \\"http://127.0.0.1:5999/v2/\\": dial tcp 127.0.0.1:5999: connect: connection refused"},"error":"Get \\"http://127.0.0.1:5999/v2/\\": dial tcp 127.0.0.1:5999: connect: connection refused"}
`;
    expect(parse(unreachableBase).at(-1)).toEqual({
      kind: 'failed',
      message: 'Cannot reach registry 127.0.0.1:5999: connection refused',
      step: 1,
      instruction: 'FROM 127.0.0.1:5999/nothing:1',
    });
  });

  it('turns a bad line into a warning and goes on; no image at the end is a failure', () => {
    const events = parse('{"stream":"Step 1/1 : FROM x"}\nnot json\n{"stream":"\\n"}\n');
    expect(events).toContainEqual(expect.objectContaining({ kind: 'warning', text: expect.stringContaining('Invalid JSON on line 2') }));
    expect(events.at(-1)).toMatchObject({ kind: 'failed', message: 'The engine ended the build without reporting an image', step: 1 });
  });

  it('keeps the last state of "\\r" progress lines and clips huge lines', () => {
    const events = parse(`{"stream":"Step 1/1 : RUN dl\\n"}\n{"stream":"10%\\r50%\\r100%\\n"}\n{"stream":"${'y'.repeat(5000)}\\n"}\n`);
    const lines = events.filter((e) => e.kind === 'output').map((e) => (e as { text: string }).text);
    expect(lines[0]).toBe('100%');
    expect(lines[1]!.length).toBe(4097);
  });
});

describe('images a build committed', () => {
  it('are the results of steps that ran a container: not FROM’s base image, not a cached step’s', () => {
    const parser = new BuildOutputParser();
    const ndjson = new NdjsonParser();
    for (const item of ndjson.push(cachedBuild)) parser.push(item);
    expect(parser.committedImages()).toEqual(['c5d8874c66bb']);
    expect(parser.built()).toBe(true);
  });

  it('of a build cut short: the steps finished so far, and it is not built', () => {
    const cut = `{"stream":"Step 1/3 : FROM berth-test/busybox:latest"}
{"stream":"\\n"}
{"stream":" ---\\u003e 0eafaee7a149\\n"}
{"stream":"Step 2/3 : RUN echo h3a \\u003e /a"}
{"stream":"\\n"}
{"stream":" ---\\u003e Running in d9ff44e81820\\n"}
{"stream":"Removing intermediate container d9ff44e81820\\n"}
{"stream":" ---\\u003e ea81cc329462\\n"}
{"stream":"Step 3/3 : RUN sleep 30"}
{"stream":"\\n"}
{"stream":" ---\\u003e Running in 5f5b6875776c\\n"}
`;
    const parser = new BuildOutputParser();
    for (const item of new NdjsonParser().push(cut)) parser.push(item);
    expect(parser.committedImages()).toEqual(['ea81cc329462']);
    expect(parser.built()).toBe(false);
  });
});
