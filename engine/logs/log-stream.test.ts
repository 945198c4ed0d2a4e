import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { logChunkLines, type LogChunk } from '../../contract/models/container-logs.js';
import type { RawBody } from '../adapter/engine-adapter.js';
import { rawBodyOf } from '../adapter/stream-shapes.js';
import { fakeEngine } from '../testing/fake-engine.js';
import { openLogStream, type LogStreamOptions } from './log-stream.js';

function frame(stream: number, text: string): Buffer {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

function fakeLogEngine(tty: boolean, fail?: { statusCode: number; json: unknown }) {
  const body = new PassThrough();
  const engine = fakeEngine({
    json: async <T>() => ({ Id: 'x', Name: '/x', State: {}, Config: { Tty: tty } }) as T,
    rawGet: async (): Promise<RawBody> => {
      if (fail) throw Object.assign(new Error('(HTTP code 404) no such container'), fail);
      return rawBodyOf(body);
    },
  });
  return { engine, body };
}

const options: LogStreamOptions = { follow: true, timestamps: false, tail: 'all', stdout: true, stderr: true };
/** Longer than the stream's gathering of engine reads (a few ms). */
const tick = () => new Promise((r) => setTimeout(r, 20));

describe('openLogStream', () => {
  it('passes the query, demultiplexes, and merges many small engine chunks into few events', async () => {
    const { engine, body } = fakeLogEngine(false);
    const it = openLogStream(engine, 'web', { ...options, since: 10, tail: 5 }, new AbortController().signal);
    const first = it.next();
    await tick();
    expect(engine.seen.filter((r) => r.call === 'rawGet')[0]).toMatchObject({ path: '/containers/web/logs', query: { follow: true, tail: 5, since: 10, stdout: true, stderr: true, timestamps: false } });
    for (let i = 0; i < 100; i++) body.write(frame(1, `line ${i}\n`));
    body.write(frame(2, 'oops\n'));
    const chunks: LogChunk[] = [(await first).value as LogChunk];
    body.end();
    for (;;) {
      const step = await it.next();
      if (step.done) break;
      chunks.push(step.value);
    }
    expect(chunks.flatMap(logChunkLines)).toEqual([...Array.from({ length: 100 }, (_, i) => `line ${i}`), 'oops']);
    expect(chunks.length).toBeLessThan(10);
    expect(chunks[chunks.length - 1]).toEqual({ stream: 'stderr', text: 'oops', count: 1 });
  });

  it('reads a TTY container as one stdout stream', async () => {
    const { engine, body } = fakeLogEngine(true);
    const it = openLogStream(engine, 'tty', options, new AbortController().signal);
    await tick();
    body.end('a\r\nb\r\n');
    const lines: string[] = [];
    for await (const c of it) lines.push(...logChunkLines(c).map((l) => `${c.stream}:${l}`));
    expect(lines).toEqual(['stdout:a', 'stdout:b']);
  });

  it('pauses the engine socket when the consumer falls behind, resumes when it catches up', async () => {
    const { engine, body } = fakeLogEngine(false);
    const it = openLogStream(engine, 'x', options, new AbortController().signal);
    await tick();
    // 100 writes alternating streams: 100 separate chunks queued, nobody reading.
    for (let i = 0; i < 100; i++) body.write(frame(i % 2 ? 2 : 1, `l${i}\n`));
    await tick();
    expect(body.isPaused()).toBe(true);
    for (let i = 0; i < 90; i++) await it.next();
    expect(body.isPaused()).toBe(false);
    await it.return?.();
  });

  it('also pauses when the queued text is large, though the chunks are few', async () => {
    const { engine, body } = fakeLogEngine(false);
    const it = openLogStream(engine, 'x', options, new AbortController().signal);
    await tick();
    // 5 MiB of stdout in 64 KiB lines: a handful of chunks (at most 1 MiB of text each), nobody reading.
    const line = `${'x'.repeat(64 * 1024 - 1)}\n`;
    for (let i = 0; i < 80; i++) body.write(frame(1, line));
    await tick();
    expect(body.isPaused()).toBe(true);
    let lines = 0;
    let chunks = 0;
    while (body.isPaused()) {
      const step = await it.next();
      if (step.done) break;
      chunks++;
      lines += step.value.count;
      expect(step.value.text.length).toBeLessThanOrEqual(1024 * 1024);
    }
    expect(chunks).toBeLessThan(10);
    expect(lines).toBeGreaterThan(0);
    await it.return?.();
  });

  it('destroys the engine stream on return() and on abort', async () => {
    const a = fakeLogEngine(false);
    const it = openLogStream(a.engine, 'x', options, new AbortController().signal);
    await tick();
    const pending = it.next();
    await it.return?.();
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(a.body.destroyed).toBe(true);

    const b = fakeLogEngine(false);
    const ctl = new AbortController();
    const it2 = openLogStream(b.engine, 'x', options, ctl.signal);
    await tick();
    const waiting = it2.next();
    ctl.abort();
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(b.body.destroyed).toBe(true);
  });

  it('turns engine errors into readable BerthErrors', async () => {
    const { engine } = fakeLogEngine(false, { statusCode: 404, json: { message: 'No such container: nope' } });
    const it = openLogStream(engine, 'nope', options, new AbortController().signal);
    await expect(it.next()).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'No such container: nope' });
  });
});
