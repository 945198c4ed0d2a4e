import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toBerthError } from '../errors.js';
import net from 'node:net';
import { openHeldStream, openRawGet } from './held-stream.js';

let dir: string;
let server: http.Server;
let socketPath: string;
let handler: (req: http.IncomingMessage, res: http.ServerResponse) => void;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'berth-held-'));
  socketPath = join(dir, 'engine.sock');
  server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((r) => server.listen(socketPath, r));
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const signal = () => new AbortController().signal;

describe('openHeldStream', () => {
  it('reads a chunked answer as whole lines on drain: split lines and split UTF-8 characters are joined', async () => {
    let res!: http.ServerResponse;
    let path = '';
    handler = (req, r) => {
      path = req.url ?? '';
      res = r;
      r.writeHead(200, { 'Content-Type': 'application/json' });
      r.flushHeaders();
    };
    const held = await openHeldStream({ socketPath }, '/v1.41/containers/abc/stats?stream=1', { signal: signal() });
    expect(path).toBe('/v1.41/containers/abc/stats?stream=1');
    expect(await held.drain()).toEqual([]);
    const euro = Buffer.from('€');
    res.write('{"n":1}\n{"n":');
    res.write('2,"s":"');
    res.write(euro.subarray(0, 1));
    await sleep(20);
    res.write(Buffer.concat([euro.subarray(1), Buffer.from('"}\n')]));
    await sleep(50);
    expect(await held.drain()).toEqual(['{"n":1}', '{"n":2,"s":"€"}']);
    res.end('{"n":3}');
    await sleep(50);
    expect(await held.drain()).toEqual(['{"n":3}']);
    expect(held.ended).toBe(true);
  });

  it('an answer other than 200 rejects with the engine message, readable by toBerthError', async () => {
    handler = (_req, r) => {
      r.writeHead(404, { 'Content-Type': 'application/json' });
      r.end(JSON.stringify({ message: 'No such container: nope' }));
    };
    const err = await openHeldStream({ socketPath }, '/containers/nope/stats?stream=1', { signal: signal() }).catch((e: unknown) => e);
    expect(err).toMatchObject({ statusCode: 404 });
    expect(toBerthError(err)).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('nope') });
  });

  it('a server that never answers times out; an abort rejects as cancelled; close() ends a held stream', async () => {
    handler = () => undefined;
    await expect(openHeldStream({ socketPath }, '/x', { signal: signal(), headTimeoutMs: 100 })).rejects.toThrow(/did not answer \/x within 100 ms/);
    const ctl = new AbortController();
    const p = openHeldStream({ socketPath }, '/x', { signal: ctl.signal });
    ctl.abort();
    expect(toBerthError(await p.catch((e: unknown) => e)).code).toBe('CANCELLED');

    handler = (_req, r) => {
      r.writeHead(200);
      r.flushHeaders();
    };
    const held = await openHeldStream({ socketPath }, '/y', { signal: signal() });
    held.close();
    expect(held.ended).toBe(true);
    expect(await held.drain()).toEqual([]);
  });

  it('nothing listening is a connection error the engine errors know', async () => {
    const err = await openHeldStream({ socketPath: join(dir, 'missing.sock') }, '/x', { signal: signal() }).catch((e: unknown) => e);
    expect(toBerthError(err, 'unix:///missing.sock')).toMatchObject({ code: 'ENGINE_UNAVAILABLE' });
  });

  it('openRawGet: starts paused, hands over each read as one buffer (chunk framing removed), and ends after resume', async () => {
    let res!: http.ServerResponse;
    handler = (_req, r) => {
      res = r;
      r.writeHead(200);
      r.flushHeaders();
    };
    const body = await openRawGet({ socketPath }, '/logs', { signal: signal() });
    const got: string[] = [];
    let ended = false;
    body.on('data', (b) => got.push(b.toString()));
    body.on('end', () => (ended = true));
    // Many small chunks while paused: nothing is delivered yet.
    for (let i = 0; i < 100; i++) res.write(`line ${i}\n`);
    res.end();
    await sleep(50);
    expect(got).toEqual([]);
    body.resume();
    await sleep(50);
    expect(got.join('')).toBe(Array.from({ length: 100 }, (_, i) => `line ${i}\n`).join(''));
    expect(got.length).toBeLessThan(10); // a read's worth of chunks at a time, not one event per chunk
    expect(ended).toBe(true);
    expect(body.ended).toBe(true);
  });

  it('openRawGet: a listener that pauses while the first bytes are handed over keeps the socket paused', async () => {
    handler = (_req, r) => {
      // Head and body in one write: the body arrives in the same read as the head, before resume().
      r.writeHead(200, { 'Content-Length': '2000000' });
      r.write('x'.repeat(1000));
      setTimeout(() => r.end('y'.repeat(2_000_000 - 1000)), 20);
    };
    const body = await openRawGet({ socketPath }, '/archive', { signal: signal() });
    let bytes = 0;
    body.on('data', (b) => {
      bytes += b.length;
      body.pause();
    });
    await sleep(30);
    body.resume();
    await sleep(100);
    // Paused by the listener on its first buffer: the rest waits in the kernel.
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(2_000_000);
    const held = bytes;
    await sleep(50);
    expect(bytes).toBe(held);
    for (let i = 0; i < 200 && !body.ended; i++) {
      body.resume();
      await sleep(5);
    }
    expect(bytes).toBe(2_000_000);
  });

  it('openRawGet: cancelled after the head, before anyone listens, the error waits for resume instead of ending the process', async () => {
    handler = (_req, r) => {
      r.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      r.flushHeaders();
    };
    const abort = new AbortController();
    const body = await openRawGet({ socketPath }, '/x', { signal: abort.signal });
    abort.abort(); // no 'error' listener yet: emitting would throw
    await sleep(20);
    expect(body.ended).toBe(true);
    const failed = new Promise<Error>((r) => body.on('error', r));
    body.resume();
    expect((await failed).name).toBe('AbortError');
  });

  it('openRawGet: a body without length or chunking ends with the connection', async () => {
    const raw = net.createServer((sock) => {
      sock.once('data', () => sock.end('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nplain body'));
    });
    const rawPath = join(dir, 'raw.sock');
    await new Promise<void>((r) => raw.listen(rawPath, r));
    try {
      const body = await openRawGet({ socketPath: rawPath }, '/x', { signal: signal() });
      const got: string[] = [];
      const ended = new Promise<void>((r) => body.on('end', r));
      body.on('data', (b) => got.push(b.toString()));
      body.resume();
      await ended;
      expect(got.join('')).toBe('plain body');
    } finally {
      await new Promise((r) => raw.close(r));
    }
  });
});
