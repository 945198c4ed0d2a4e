import type { Readable } from 'node:stream';
import type { z } from 'zod';
import type { buildArgs } from '../../contract/domains/image-build.js';
import { BerthError } from '../../contract/errors.js';
import type { BuildEvent } from '../../contract/models/image-build.js';
import type { EngineAdapter, QueryValue } from '../adapter/engine-adapter.js';
import { toBerthError } from '../errors.js';
import { AsyncQueue } from '../streams/async-queue.js';
import { readNdjson } from '../streams/ndjson.js';
import { packContext, resolveContext, type ResolvedContext } from './build-context.js';
import { BuildOutputParser } from './build-output-parser.js';
import { buildRefusalMessage } from './build-refusal.js';
import { takeBackImages } from './cancelled-build.js';
import { dockerfileErrorLine, readLine } from './dockerfile-error.js';
import { movedTags, tagTargets } from './moved-tags.js';

export type BuildRequest = z.output<typeof buildArgs>;

/** Most events waiting for the consumer before the engine's output is read more slowly. */
const HIGH_WATER = 2000;
const PROGRESS_EVERY_MS = 200;

/**
 * Run one build with the classic builder (POST /build, version=1: BuildKit over the API needs a
 * session). Validation errors (missing folder or Dockerfile) fail the stream; everything the engine
 * reports about the build itself (a parse error, a failing step) arrives as a `failed` event.
 * Closing the iterable (unsubscribe) aborts the HTTP request, which makes the engine stop the build;
 * the images its finished steps committed are then removed (takeBackImages), as nothing else would.
 */
export function runBuild(engine: EngineAdapter, req: BuildRequest, signal: AbortSignal, endpoint?: string): AsyncIterable<BuildEvent> {
  const ctl = new AbortController();
  const onAbort = () => ctl.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  const queue = new AsyncQueue<BuildEvent>({
    capacity: HIGH_WATER * 3,
    signal,
    key: (e) => (e.kind === 'context' ? 'context' : undefined),
    onClose: () => {
      signal.removeEventListener('abort', onAbort);
      // The consumer went away (or the build ended): stop reading, stop sending.
      ctl.abort();
    },
  });
  void drive(engine, req, ctl.signal, queue, endpoint).then(
    () => queue.end(),
    (err: unknown) => queue.fail(ctl.signal.aborted ? new BerthError('CANCELLED', 'The build was cancelled') : toBerthError(err, endpoint)),
  );
  return queue;
}

async function drive(engine: EngineAdapter, req: BuildRequest, signal: AbortSignal, queue: AsyncQueue<BuildEvent>, endpoint?: string): Promise<void> {
  const ctx = await resolveContext(req.context, req.dockerfile);
  let lastProgress = 0;
  const tar = packContext(ctx, {
    signal,
    onProgress: (p, done) => {
      const now = Date.now();
      if (!done && now - lastProgress < PROGRESS_EVERY_MS) return;
      lastProgress = now;
      queue.push({ kind: 'context', files: p.files, bytes: p.bytes, done });
    },
  });
  signal.addEventListener('abort', () => tar.destroy(), { once: true });
  // A file that cannot be read mid-way fails the build with that reason (and stops the upload).
  let packError: Error | undefined;
  const abortUpload = new AbortController();
  tar.on('error', (err: Error) => {
    packError = err;
    abortUpload.abort();
  });
  const uploadSignal = AbortSignal.any([signal, abortUpload.signal]);

  const buildargs: Record<string, string> = {};
  for (const a of req.buildArgs) {
    const eq = a.indexOf('=');
    buildargs[a.slice(0, eq)] = a.slice(eq + 1);
  }
  const query: Record<string, QueryValue> = {
    dockerfile: ctx.dockerfileInTar,
    t: req.tags,
    buildargs,
    nocache: req.noCache,
    pull: false,
    rm: true,
    forcerm: true,
    version: '1',
    target: req.target || undefined,
  };

  // Which images the tags name now: a tag the build reuses moves, and the dialog says so.
  const before = await tagTargets(engine, req.tags, signal);

  let response: Readable;
  try {
    response = await engine.uploadStream({ method: 'POST', path: '/build', query, data: tar, signal: uploadSignal });
  } catch (err) {
    tar.destroy();
    if (packError && !signal.aborted) throw new BerthError('VALIDATION', `Could not read the build context: ${packError.message}`);
    const e = toBerthError(err, endpoint);
    if (signal.aborted || e.code === 'CANCELLED' || e.code === 'ENGINE_UNAVAILABLE') throw e;
    // The engine refused the build before running it (e.g. a Dockerfile parse error: HTTP 400).
    queue.push(await withDockerfileLine({ kind: 'failed', message: buildRefusalMessage(e.message) }, ctx));
    return;
  }

  const parser = new BuildOutputParser();
  try {
    for await (const item of readNdjson(response)) {
      for (const ev of parser.push(item)) queue.push(ev.kind === 'failed' ? await withDockerfileLine(ev, ctx) : ev);
      while (queue.size > HIGH_WATER && queue.open) await new Promise((r) => setTimeout(r, 10));
      if (!queue.open) return;
    }
  } catch (err) {
    if (packError && !signal.aborted) throw new BerthError('VALIDATION', `Could not read the build context: ${packError.message}`);
    throw err;
  } finally {
    response.destroy();
    // Cancelled before it finished: the steps it committed would stay behind as <none> images.
    if (signal.aborted && !parser.built()) void takeBackImages(engine, parser.committedImages());
  }
  for (const ev of parser.end()) {
    if (ev.kind !== 'done' || !before.size) queue.push(ev);
    else {
      const moved = await movedTags(engine, before, ev.imageId, signal);
      queue.push(moved.length ? { ...ev, moved } : ev);
    }
  }
}

async function withDockerfileLine(ev: Extract<BuildEvent, { kind: 'failed' }>, ctx: ResolvedContext): Promise<BuildEvent> {
  const line = dockerfileErrorLine(ev.message);
  if (!line) return ev;
  const lineText = await readLine(ctx.dockerfilePath, line);
  return { ...ev, line, dockerfile: ctx.dockerfilePath, ...(lineText !== undefined ? { lineText } : {}) };
}
