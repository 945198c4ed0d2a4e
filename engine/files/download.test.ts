import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { EngineAdapter, RawBody } from '../adapter/engine-adapter.js';
import { fakeEngine } from '../testing/fake-engine.js';
import { downloadPath } from './download.js';
import { tarHeader } from './upload-tar.js';

/** The engine's X-Docker-Container-Path-Stat header for a regular file of `size` bytes. */
const statHeader = (name: string, size: number) => Buffer.from(JSON.stringify({ name, size, mode: 0o644, mtime: '2026-01-01T00:00:00Z', linkTarget: '' })).toString('base64');

/** A RawBody that hands over `pieces` on resume, then ends. */
function rawBody(pieces: Uint8Array[]): RawBody {
  const e = new EventEmitter() as EventEmitter & RawBody;
  let done = false;
  Object.assign(e, {
    ended: false,
    pause: () => undefined,
    resume: () => {
      if (done) return;
      done = true;
      queueMicrotask(() => {
        for (const p of pieces) e.emit('data', Buffer.from(p));
        e.emit('end');
        e.emit('close');
      });
    },
    destroy: () => undefined,
  });
  return e;
}

async function collect(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const p of body) parts.push(p);
  return Buffer.concat(parts);
}

describe('downloadPath', () => {
  it('answers the head from the stat alone; the archive GET is sent only when the bytes are pulled', async () => {
    const content = Buffer.from('hello, berth');
    const tar = Buffer.concat([tarHeader('f.txt', content.length, 0o644, new Date()), content, Buffer.alloc(512 - content.length + 1024)]);
    const engine = fakeEngine({
      head: async () => ({ 'x-docker-container-path-stat': statHeader('f.txt', content.length) }),
      rawGet: async () => rawBody([tar.subarray(0, 300), tar.subarray(300)]),
    });
    const got = await downloadPath({ engine, id: 'c1', path: '/tmp/f.txt', signal: new AbortController().signal });
    expect(got.head).toEqual({ fileName: 'f.txt', kind: 'file', size: content.length });
    expect(engine.seen.map((r) => r.call)).toEqual(['head']);
    expect((await collect(got.body)).toString()).toBe('hello, berth');
    expect(engine.seen.map((r) => r.call)).toEqual(['head', 'rawGet']);
  });

  it('an archive GET that fails after the stat ends the body with the file error', async () => {
    const engine = fakeEngine({
      head: async () => ({ 'x-docker-container-path-stat': statHeader('f.txt', 5) }),
      rawGet: async () => {
        throw Object.assign(new Error('(HTTP code 404) no such file'), { statusCode: 404 });
      },
      json: (async () => ({ Id: 'c1', State: { Running: true } })) as EngineAdapter['json'],
    });
    const got = await downloadPath({ engine, id: 'c1', path: '/tmp/f.txt', signal: new AbortController().signal });
    await expect(collect(got.body)).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'No such file or directory: /tmp/f.txt' });
  });
});
