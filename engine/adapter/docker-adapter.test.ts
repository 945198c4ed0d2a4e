import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toBerthError } from '../errors.js';
import { createDockerAdapter, encodeQuery, pathWithQuery, type AdapterSeams, type ModemLike } from './docker-adapter.js';
import type { EngineOptions, HeldStream, RawBody } from './engine-adapter.js';
import { modemOptions, routeFor } from './engine-route.js';
import { HeldStreamHttpError } from './held-stream.js';

const endpoint = { host: 'test', source: 'setting' as const };

const transports: [string, EngineOptions, string, boolean][] = [
  ['unix', { socketPath: '/run/docker.sock' }, 'unix', true],
  ['npipe', { socketPath: '\\\\.\\pipe\\docker_engine' }, 'npipe', true],
  ['tcp', { protocol: 'http', host: '10.0.0.2', port: 2375 }, 'tcp', true],
  ['tls', { protocol: 'https', host: '10.0.0.2', port: 2376, ca: 'CA', cert: 'C', key: 'K' }, 'tls', false],
  ['ssh', { protocol: 'ssh', host: 'build', port: 22, username: 'ann' }, 'ssh', false],
];

/** A modem that records what it is asked and answers `answer` (or fails with `fail`). */
function fakeModem(answer: unknown = {}, fail?: unknown) {
  const dials: Record<string, unknown>[] = [];
  const modem: ModemLike = {
    dial: (options, cb) => {
      dials.push(options);
      if (fail) cb(fail, null);
      else cb(null, typeof answer === 'function' ? (answer as () => unknown)() : answer);
    },
    demuxStream: () => undefined,
  };
  return { modem, dials };
}

function fakeRaw() {
  const body = Object.assign(new PassThrough(), { ended: false }) as unknown as RawBody;
  const held: HeldStream = { ended: false, drain: async () => [], close: () => undefined };
  const seams: Pick<AdapterSeams, 'openRawGet' | 'openHeldStream'> = { openRawGet: vi.fn(async () => body), openHeldStream: vi.fn(async () => held) };
  return { seams, body, held };
}

describe('routeFor: the transport decides the path, in one place', () => {
  it.each(transports)('%s', (_name, options, transport, raw) => {
    const route = routeFor(options);
    expect(route.transport).toBe(transport);
    expect(route.raw !== undefined).toBe(raw);
  });

  it('names the raw target and the pinned version prefix', () => {
    expect(routeFor({ socketPath: '/s.sock', version: '1.41' }).raw).toEqual({ target: { socketPath: '/s.sock' }, prefix: '/v1.41' });
    expect(routeFor({ protocol: 'http', host: 'h' }).raw).toEqual({ target: { host: 'h', port: 2375 }, prefix: '' });
    expect(() => routeFor({})).toThrow(/neither a socket nor a host/);
  });

  it('gives docker-modem every connection field, so its own reading of DOCKER_HOST cannot merge in', () => {
    const o = modemOptions({ socketPath: '/s.sock', version: 'v1.43' });
    for (const k of ['socketPath', 'host', 'port', 'protocol', 'ca', 'cert', 'key']) expect(Object.keys(o)).toContain(k);
    expect(o).toMatchObject({ socketPath: '/s.sock', host: undefined, version: 'v1.43' });
  });
});

describe('DockerAdapter transport choice', () => {
  it.each(transports)('%s: long GETs go %s', async (_name, options, transport, raw) => {
    const stream = new PassThrough();
    const { modem, dials } = fakeModem(() => stream);
    const r = fakeRaw();
    const engine = createDockerAdapter({ ...options, version: '1.41' }, endpoint, { modem, ...r.seams });
    expect(engine.transport).toBe(transport);
    expect(engine.apiVersion).toBe('1.41');
    const signal = new AbortController().signal;
    await engine.rawGet({ path: '/containers/web/logs', query: { follow: true, tail: 5 }, signal });
    await engine.held({ path: '/containers/web/stats', query: { stream: 1 }, signal, maxLineLength: 10 });
    if (raw) {
      expect(r.seams.openRawGet).toHaveBeenCalledWith(expect.anything(), '/v1.41/containers/web/logs?follow=true&tail=5', { signal });
      expect(r.seams.openHeldStream).toHaveBeenCalledWith(expect.anything(), '/v1.41/containers/web/stats?stream=1', { signal, maxLineLength: 10 });
      expect(dials).toHaveLength(0);
    } else {
      expect(r.seams.openRawGet).not.toHaveBeenCalled();
      expect(r.seams.openHeldStream).not.toHaveBeenCalled();
      expect(dials.map((d) => [d.method, d.path, d.isStream])).toEqual([
        ['GET', '/containers/web/logs?', true],
        ['GET', '/containers/web/stats?', true],
      ]);
    }
  });

  it('every other call goes through the modem, whatever the transport', async () => {
    const { modem, dials } = fakeModem({ Id: 'x' });
    const r = fakeRaw();
    const engine = createDockerAdapter({ socketPath: '/s.sock' }, endpoint, { modem, ...r.seams });
    expect(await engine.json({ path: '/containers/x/json' })).toEqual({ Id: 'x' });
    expect(dials[0]).toMatchObject({ path: '/containers/x/json', method: 'GET', isStream: false, statusCodes: { 200: true, 201: true, 204: true } });
    expect(r.seams.openRawGet).not.toHaveBeenCalled();
  });
});

describe('DockerAdapter requests', () => {
  it('encodes queries: undefined left out, arrays repeated, objects as JSON', () => {
    const q = { all: 1, since: undefined, t: ['a:1', 'b:2'], filters: { id: ['x'] }, force: false };
    expect(encodeQuery(q)).toEqual({ all: '1', t: ['a:1', 'b:2'], filters: '{"id":["x"]}', force: 'false' });
    expect(pathWithQuery({ path: '/build', query: q })).toBe('/build?all=1&t=a%3A1&t=b%3A2&filters=%7B%22id%22%3A%5B%22x%22%5D%7D&force=false');
    expect(pathWithQuery({ path: '/_ping' })).toBe('/_ping');
  });

  it('hands docker-modem the query, the JSON body, the auth header and the success codes', async () => {
    const { modem, dials } = fakeModem({});
    const engine = createDockerAdapter({ socketPath: '/s.sock' }, endpoint, { modem });
    const signal = new AbortController().signal;
    await engine.json({ method: 'POST', path: '/containers/create', query: { name: 'web' }, body: { Image: 'busybox' }, auth: { username: 'u' }, ok: [201], signal });
    expect(dials[0]).toMatchObject({
      path: '/containers/create?',
      method: 'POST',
      options: { _query: { name: 'web' }, _body: { Image: 'busybox' } },
      authconfig: { username: 'u' },
      statusCodes: { 201: true },
      abortSignal: signal,
    });
    expect((dials[0]!.statusCodes as Record<number, boolean>)[200]).toBeUndefined();
  });

  it('does not send a request whose signal was already aborted, and fails it as cancelled', async () => {
    const { modem, dials } = fakeModem({});
    const engine = createDockerAdapter({ socketPath: '/s.sock' }, endpoint, { modem });
    const ctl = new AbortController();
    ctl.abort();
    const failures = await Promise.all([
      engine.json({ path: '/containers/json', signal: ctl.signal }).catch((e: unknown) => e),
      engine.stream({ path: '/events', signal: ctl.signal }).catch((e: unknown) => e),
      engine.upload({ path: '/containers/x/archive', data: new PassThrough(), signal: ctl.signal }).catch((e: unknown) => e),
    ]);
    expect(dials).toHaveLength(0);
    for (const err of failures) expect(toBerthError(err)).toMatchObject({ code: 'CANCELLED' });
  });

  it('always sends a body on a hijack (the request goes out only once something is written)', async () => {
    const { modem, dials } = fakeModem(new PassThrough());
    const engine = createDockerAdapter({ socketPath: '/s.sock' }, endpoint, { modem });
    await engine.hijack({ path: '/containers/x/attach', query: { stream: 1 }, stdin: true });
    expect(dials[0]).toMatchObject({ method: 'POST', hijack: true, openStdin: true, allowEmpty: true, options: { _query: { stream: '1' }, _body: {} } });
  });

  it('uploads a stream with its content type', async () => {
    const { modem, dials } = fakeModem(Buffer.alloc(0));
    const engine = createDockerAdapter({ socketPath: '/s.sock' }, endpoint, { modem });
    const data = new PassThrough();
    expect(await engine.upload({ path: '/containers/x/archive', query: { path: '/tmp' }, data })).toBeUndefined();
    expect(dials[0]).toMatchObject({ method: 'PUT', file: data, headers: { 'Content-Type': 'application/x-tar' } });
  });

  it('answers a body that is not JSON as its text, and an empty one as undefined', async () => {
    const ok = createDockerAdapter({ socketPath: '/s.sock' }, endpoint, { modem: fakeModem(Buffer.from('OK')).modem });
    expect(await ok.json({ path: '/_ping' })).toBe('OK');
    const empty = createDockerAdapter({ socketPath: '/s.sock' }, endpoint, { modem: fakeModem(Buffer.alloc(0)).modem });
    expect(await empty.json({ method: 'POST', path: '/containers/x/start' })).toBeUndefined();
  });
});

describe('DockerAdapter error shapes', () => {
  let dir: string | undefined;
  let server: http.Server | undefined;
  afterEach(async () => {
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    if (dir) rmSync(dir, { recursive: true, force: true });
    server = undefined;
    dir = undefined;
  });

  it('a modem error keeps statusCode and the JSON body, so toBerthError reads it', async () => {
    const fail = Object.assign(new Error('(HTTP code 404) no such container - No such container: web '), { statusCode: 404, json: { message: 'No such container: web' } });
    const engine = createDockerAdapter({ socketPath: '/s.sock' }, endpoint, { modem: fakeModem(undefined, fail).modem });
    const err = await engine.json({ path: '/containers/web/json' }).catch((e: unknown) => e);
    expect(err).toBe(fail);
    expect(toBerthError(err)).toMatchObject({ code: 'NOT_FOUND', message: 'No such container: web' });
  });

  it('a raw GET answered with an error has the same shape (a real socket of our own)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'berth-adapter-'));
    const socketPath = join(dir, 'e.sock');
    server = http.createServer((_req, res) => {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end('{"message":"No such container: gone"}');
    });
    await new Promise<void>((r) => server!.listen(socketPath, r));
    const engine = createDockerAdapter({ socketPath }, endpoint);
    const err = await engine.rawGet({ path: '/containers/gone/logs', query: { stdout: 1 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HeldStreamHttpError);
    expect(err).toMatchObject({ statusCode: 404, json: { message: 'No such container: gone' } });
    expect(toBerthError(err)).toMatchObject({ code: 'NOT_FOUND', message: 'No such container: gone' });
    engine.dispose();
  });
});
