import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BerthError, contract, createDispatcher, type CallContext } from '../contract/index.js';
import { BYTE_LIMITS } from '../contract/byte-frame.js';
import { contentDisposition } from './http-answers.js';
import { startBerthServer, type BerthServer } from './http-server.js';
import { createFakeImplementation } from './testing/fake-implementation.js';

const TOKEN = 'test-token-bytes-0123456789';
const MiB = 1024 * 1024;

interface Reply { status: number; headers: IncomingMessage['headers']; body: Buffer }

function send(server: BerthServer, method: string, path: string, headers: Record<string, string>, body?: Buffer): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const bytesPath = (name: string, args: unknown) => `/bytes/${name}?args=${encodeURIComponent(JSON.stringify(args))}`;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const until = async (check: () => boolean, ms = 5000) => {
  for (const t = Date.now(); !check(); await new Promise((r) => setTimeout(r, 10))) if (Date.now() - t > ms) throw new Error('timed out');
};

describe('bytes over HTTP (/bytes/<method>)', () => {
  let server: BerthServer;
  let dir: string;
  let headers: Record<string, string>;
  let origin: string;
  const payload = randomBytes(3 * MiB + 123);
  const uploaded: { args: unknown; sha: string; size: number }[] = [];
  /** The sizes of the pieces the last upload's body came in. */
  let pieces: number[] = [];
  const probe = { aborted: false, finalized: false, pulled: 0, uploadAborted: false, uploadFailed: '' };

  const fake = createFakeImplementation({
    containers: {
      download: async (args: { path: string }, ctx: CallContext) => {
        if (args.path === '/missing') throw new BerthError('NOT_FOUND', 'No such file or directory: /missing');
        if (args.path === '/gone') {
          // The head from a stat, then the archive's GET fails (the file went away in between).
          return {
            head: { fileName: 'gone.bin', kind: 'file', size: 10 },
            body: {
              [Symbol.asyncIterator]: () => ({
                next: async (): Promise<IteratorResult<Uint8Array>> => {
                  await new Promise((r) => setTimeout(r, 20));
                  throw new BerthError('NOT_FOUND', 'No such file or directory: /gone');
                },
              }),
            },
          };
        }
        if (args.path === '/endless') {
          ctx.signal.addEventListener('abort', () => (probe.aborted = true));
          return {
            head: { fileName: 'endless.bin', kind: 'file', size: null },
            body: (async function* () {
              try {
                for (;;) {
                  probe.pulled++;
                  yield new Uint8Array(256 * 1024);
                }
              } finally {
                probe.finalized = true;
              }
            })(),
          };
        }
        return {
          head: { fileName: 'résumé "v2".txt', kind: 'file', size: payload.length },
          body: (async function* () {
            for (let off = 0; off < payload.length; off += 700_000) yield payload.subarray(off, off + 700_000);
          })(),
        };
      },
      upload: async (args: { name: string }, ctx: CallContext, body: AsyncIterable<Uint8Array>) => {
        if (args.name === 'refused.txt') throw new BerthError('CONFLICT', 'refused.txt already exists');
        ctx.signal.addEventListener('abort', () => (probe.uploadAborted = true));
        const hash = createHash('sha256');
        let size = 0;
        pieces = [];
        try {
          for await (const chunk of body) {
            pieces.push(chunk.length);
            hash.update(chunk);
            size += chunk.length;
            // A slow consumer: the sender must respect the window and never fail the upload.
            if (size % (4 * MiB) < chunk.length) await new Promise((r) => setTimeout(r, 5));
          }
        } catch (err) {
          probe.uploadFailed = (err as Error).message;
          throw err;
        }
        uploaded.push({ args, sha: hash.digest('hex'), size });
        return { path: `/up/${args.name}`, size };
      },
    },
  });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'berth-bytes-'));
    await mkdir(join(dir, 'ui'));
    await writeFile(join(dir, 'ui', 'index.html'), '<!doctype html><title>Berth</title>');
    server = await startBerthServer({ dispatcher: createDispatcher(contract, fake.impl), token: TOKEN, uiDir: join(dir, 'ui'), port: 0 });
    origin = `http://127.0.0.1:${server.port}`;
    headers = { Cookie: `berth_token_${server.port}=${TOKEN}` };
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('streams a download with its type, length and file name', async () => {
    const r = await send(server, 'GET', bytesPath('containers.download', { id: 'c1', path: '/www/file.txt' }), { ...headers, 'Sec-Fetch-Site': 'same-origin' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/octet-stream');
    expect(r.headers['content-length']).toBe(String(payload.length));
    expect(r.headers['content-disposition']).toBe(contentDisposition('résumé "v2".txt'));
    expect(r.headers['content-disposition']).toBe(`attachment; filename="r_sum_ _v2_.txt"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%22v2%22.txt`);
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(sha(r.body)).toBe(sha(payload));
    // HEAD answers the head alone (what the UI checks before it lets the browser download).
    const h = await send(server, 'HEAD', bytesPath('containers.download', { id: 'c1', path: '/www/file.txt' }), headers);
    expect(h.status).toBe(200);
    expect(h.headers['content-length']).toBe(String(payload.length));
    expect(h.body.length).toBe(0);
    expect(JSON.parse(decodeURIComponent(String(h.headers['x-berth-head'])))).toEqual({ fileName: 'résumé "v2".txt', kind: 'file', size: payload.length });
  });

  it('a HEAD parks its download for the GET with its ticket: one download on the back end, not two', async () => {
    const path = bytesPath('containers.download', { id: 'c1', path: '/www/file.txt' });
    const before = fake.calls.length;
    const h = await send(server, 'HEAD', path, headers);
    const ticket = String(h.headers['x-berth-ticket']);
    expect(ticket).toMatch(/^[\w-]{20,}$/);
    const r = await send(server, 'GET', `${path}&ticket=${ticket}`, { ...headers, 'Sec-Fetch-Site': 'same-origin' });
    expect(r.status).toBe(200);
    expect(r.headers['content-length']).toBe(String(payload.length));
    expect(sha(r.body)).toBe(sha(payload));
    expect(fake.calls.length - before).toBe(1);
    // A ticket serves once, and only the download it was made for; otherwise the GET opens a fresh one.
    const again = await send(server, 'GET', `${path}&ticket=${ticket}`, headers);
    expect(sha(again.body)).toBe(sha(payload));
    const h2 = await send(server, 'HEAD', path, headers);
    const other = await send(server, 'GET', `${bytesPath('containers.download', { id: 'c1', path: '/missing' })}&ticket=${String(h2.headers['x-berth-ticket'])}`, headers);
    expect(other.status).toBe(404);
    expect(fake.calls.length - before).toBe(4);
    // The ticket alone is no key: without the token cookie the GET is refused.
    const h3 = await send(server, 'HEAD', path, headers);
    expect((await send(server, 'GET', `${path}&ticket=${String(h3.headers['x-berth-ticket'])}`, {})).status).toBe(401);
  });

  it('a GET whose body fails before its first byte still answers with the error\'s status and JSON, not a cut 200', async () => {
    const path = bytesPath('containers.download', { id: 'c1', path: '/gone' });
    const r = await send(server, 'GET', path, headers);
    expect(r.status).toBe(404);
    expect(JSON.parse(r.body.toString())).toEqual({ error: { code: 'NOT_FOUND', message: 'No such file or directory: /gone' } });
    // Its HEAD answers from the head alone (no wait for the bytes); the GET with the ticket gets the error.
    const h = await send(server, 'HEAD', path, headers);
    expect(h.status).toBe(200);
    const got = await send(server, 'GET', `${path}&ticket=${String(h.headers['x-berth-ticket'])}`, headers);
    expect(got.status).toBe(404);
  });

  it('delivers an upload\'s body (past several windows, to a slow reader) and answers its result', async () => {
    const body = randomBytes(20 * MiB + 7);
    const args = { id: 'c1', path: '/up', name: 'big.bin', size: body.length };
    const r = await send(server, 'PUT', bytesPath('containers.upload', args), { ...headers, Origin: origin, 'Content-Type': 'application/octet-stream' }, body);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/application\/json/);
    expect(JSON.parse(r.body.toString())).toEqual({ value: { path: '/up/big.bin', size: body.length } });
    expect(uploaded.at(-1)).toEqual({ args, sha: sha(body), size: body.length });
    // The request's small chunks are handed over as whole frames (the engine takes big writes faster);
    // only the last piece is short.
    expect(pieces.slice(0, -1).every((n) => n === BYTE_LIMITS.frameBytes)).toBe(true);
    expect(pieces.at(-1)).toBe(body.length % BYTE_LIMITS.frameBytes);
  });

  it('answers errors before the first byte with a status and the BerthError as JSON', async () => {
    const missing = await send(server, 'GET', bytesPath('containers.download', { id: 'c1', path: '/missing' }), headers);
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/application\/json/);
    expect(JSON.parse(missing.body.toString())).toEqual({ error: { code: 'NOT_FOUND', message: 'No such file or directory: /missing' } });
    const headMissing = await send(server, 'HEAD', bytesPath('containers.download', { id: 'c1', path: '/missing' }), headers);
    expect(headMissing.status).toBe(404);
    // A HEAD's answer has no body: the error rides in a header too.
    expect(JSON.parse(decodeURIComponent(String(headMissing.headers['x-berth-error'])))).toEqual({ code: 'NOT_FOUND', message: 'No such file or directory: /missing' });

    const invalid = await send(server, 'GET', bytesPath('containers.download', { id: 'c1', path: 'relative' }), headers);
    expect(invalid.status).toBe(400);
    expect((JSON.parse(invalid.body.toString()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('"path"') });
    const notJson = await send(server, 'GET', '/bytes/containers.download?args=%7Bnope', headers);
    expect(notJson.status).toBe(400);

    // An upload refused by its implementation before it read anything: the client still gets the answer.
    const body = randomBytes(2 * MiB);
    const refused = await send(server, 'PUT', bytesPath('containers.upload', { id: 'c1', path: '/up', name: 'refused.txt', size: body.length }), { ...headers, Origin: origin }, body);
    expect(refused.status).toBe(409);
    expect(JSON.parse(refused.body.toString())).toEqual({ error: { code: 'CONFLICT', message: 'refused.txt already exists' } });
    const badArgs = await send(server, 'PUT', bytesPath('containers.upload', { id: 'c1', path: '/up', name: 'a/b', size: 1 }), { ...headers, Origin: origin }, Buffer.from('x'));
    expect(badArgs.status).toBe(400);
    expect(JSON.parse(badArgs.body.toString()).error.code).toBe('VALIDATION');
  });

  it('refuses cross-origin and origin-less PUTs, cross-site GETs, and requests without the token', async () => {
    const before = fake.calls.length;
    const path = bytesPath('containers.upload', { id: 'c1', path: '/up', name: 'x.txt', size: 1 });
    const foreign = await send(server, 'PUT', path, { ...headers, Origin: 'http://evil.example' }, Buffer.from('x'));
    expect(foreign.status).toBe(403);
    const sameSiteOtherPort = await send(server, 'PUT', path, { ...headers, Origin: 'http://127.0.0.1:1' }, Buffer.from('x'));
    expect(sameSiteOtherPort.status).toBe(403);
    const noOrigin = await send(server, 'PUT', path, headers, Buffer.from('x'));
    expect(noOrigin.status).toBe(403);
    expect(noOrigin.body.toString()).toMatch(/Origin/);
    const get = bytesPath('containers.download', { id: 'c1', path: '/www/file.txt' });
    for (const site of ['cross-site', 'same-site']) expect((await send(server, 'GET', get, { ...headers, 'Sec-Fetch-Site': site })).status).toBe(403);
    expect((await send(server, 'GET', get, { 'Sec-Fetch-Site': 'same-origin' })).status).toBe(401);
    expect((await send(server, 'GET', get, { ...headers, Host: 'evil.example' })).status).toBe(403);
    expect(fake.calls.length).toBe(before);
    // A user opening the address themselves (Sec-Fetch-Site: none) is our own page's user.
    expect((await send(server, 'GET', get, { ...headers, 'Sec-Fetch-Site': 'none' })).status).toBe(200);
  });

  it('serves only downloads and uploads: other methods 404, a wrong HTTP method 405', async () => {
    const before = fake.calls.length;
    for (const name of ['containers.list', 'containers.listDir', 'engine.status', 'nope', 'toString', '__proto__.x']) {
      const r = await send(server, 'GET', bytesPath(name, {}), headers);
      expect(r.status, name).toBe(404);
      expect(JSON.parse(r.body.toString()).error.code).toBe('UNKNOWN_METHOD');
    }
    expect((await send(server, 'PUT', bytesPath('containers.list', {}), { ...headers, Origin: origin }, Buffer.from('x'))).status).toBe(404);
    const wrong = await send(server, 'PUT', bytesPath('containers.download', { id: 'c1', path: '/a' }), { ...headers, Origin: origin }, Buffer.from('x'));
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe('GET, HEAD');
    expect((await send(server, 'GET', bytesPath('containers.upload', { id: 'c1', path: '/a', name: 'a', size: 1 }), headers)).status).toBe(405);
    expect(fake.calls.length).toBe(before);
  });

  it('a client that goes away mid-download cancels it on the back end; the source is not read further', async () => {
    let received = 0;
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: bytesPath('containers.download', { id: 'c1', path: '/endless' }), headers }, (res) => {
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-length']).toBeUndefined();
        res.on('data', (c: Buffer) => {
          received += c.length;
          if (received > 2 * MiB) {
            req.destroy();
            resolve();
          }
        });
      });
      req.on('error', () => undefined);
      req.on('close', resolve);
      setTimeout(() => reject(new Error('no bytes')), 5000);
      req.end();
    });
    await until(() => probe.aborted && probe.finalized);
    const pulled = probe.pulled;
    await new Promise((r) => setTimeout(r, 100));
    expect(probe.pulled).toBe(pulled);
  });

  it('a client that goes away mid-upload cancels it on the back end', async () => {
    const req = request({ host: '127.0.0.1', port: server.port, method: 'PUT', path: bytesPath('containers.upload', { id: 'c1', path: '/up', name: 'cut.bin', size: 64 * MiB }), headers: { ...headers, Origin: origin, 'Content-Length': String(64 * MiB) } });
    req.on('error', () => undefined);
    req.write(randomBytes(3 * MiB));
    await until(() => fake.calls.some((c) => (c.args as { name?: string }).name === 'cut.bin'));
    await new Promise((r) => setTimeout(r, 50));
    req.destroy();
    await until(() => probe.uploadAborted && probe.uploadFailed !== '');
    expect(uploaded.some((u) => (u.args as { name: string }).name === 'cut.bin')).toBe(false);
  });
});
