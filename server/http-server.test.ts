import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { contract, createDispatcher, type ContainerSummary } from '../contract/index.js';
import { startBerthServer, type BerthServer } from './http-server.js';
import { createFakeImplementation } from './testing/fake-implementation.js';

const TOKEN = 'test-token-0123456789abcdef';
const container: ContainerSummary = {
  id: 'c1', name: 'web', image: 'nginx', imageId: 'sha256:1', command: 'nginx', state: 'running', status: 'Up',
  ports: [], created: 0, labels: {},
};

interface Reply { status: number; headers: Record<string, string | string[] | undefined>; body: string }

function get(server: BerthServer, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a WebSocket; resolves with the socket, or with the HTTP status of a refused upgrade. */
function openWs(server: BerthServer, headers: Record<string, string>, path = '/api'): Promise<{ ws?: WebSocket; status?: number; body?: string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, { headers });
    ws.on('open', () => resolve({ ws }));
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    ws.on('error', () => undefined);
  });
}

function nextMessage(ws: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) => ws.once('message', (d) => resolve(JSON.parse(String(d)) as Record<string, unknown>)));
}

describe('browser-mode server', () => {
  let server: BerthServer;
  let dir: string;
  let cookie: string;
  const fake = createFakeImplementation({
    containers: { list: async () => [container] },
  });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'berth-server-'));
    const ui = join(dir, 'ui');
    await mkdir(join(ui, 'assets'), { recursive: true });
    await writeFile(join(ui, 'index.html'), '<!doctype html><title>Berth</title>');
    await writeFile(join(ui, 'assets', 'index-abc123.js'), 'console.log(1)');
    await writeFile(join(ui, 'assets', 'index-abc123.css'), 'body{}');
    await writeFile(join(dir, 'secret.txt'), 'do not serve me');
    await symlink(join(dir, 'secret.txt'), join(ui, 'escape.txt'));
    server = await startBerthServer({ dispatcher: createDispatcher(contract, fake.impl), token: TOKEN, uiDir: ui, port: 0 });
    cookie = `berth_token_${server.port}=${TOKEN}`;
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('binds 127.0.0.1 and prints a token address', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${TOKEN}`);
  });

  it('refuses HTTP requests without the token with 401 and a plain explanation', async () => {
    const r = await get(server, '/');
    expect(r.status).toBe(401);
    expect(r.body).toMatch(/access token/);
    expect(r.headers['content-type']).toMatch(/text\/plain/);
    expect((await get(server, '/assets/index-abc123.js')).status).toBe(401);
    expect((await get(server, '/', { Cookie: `berth_token_${server.port}=wrong` })).status).toBe(401);
    expect((await get(server, '/', { Cookie: `berth_token_1=${TOKEN}` })).status).toBe(401);
  });

  it('refuses a wrong ?token= with 401 and sets no cookie', async () => {
    const r = await get(server, '/?token=nope');
    expect(r.status).toBe(401);
    expect(r.headers['set-cookie']).toBeUndefined();
  });

  it('trades the right ?token= for an HttpOnly SameSite=Strict cookie and a redirect without the token', async () => {
    const r = await get(server, '/containers?token=' + TOKEN + '&x=1');
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe('/containers?x=1');
    const set = String(r.headers['set-cookie']);
    expect(set).toContain(`berth_token_${server.port}=${TOKEN}`);
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Strict/);
    expect(set).toMatch(/Path=\//);
  });

  it('serves the UI with the cookie, with security headers', async () => {
    const r = await get(server, '/', { Cookie: `other=1; ${cookie}` });
    expect(r.status).toBe(200);
    expect(r.body).toContain('<title>Berth</title>');
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toMatch(/^default-src 'none'/);
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(r.headers['content-security-policy']).toContain(`ws://127.0.0.1:${server.port}`);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
  });

  it('serves assets with their MIME types, falls back to index.html for routes, 404s missing assets', async () => {
    const js = await get(server, '/assets/index-abc123.js', { Cookie: cookie });
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toMatch(/immutable/);
    expect((await get(server, '/assets/index-abc123.css', { Cookie: cookie })).headers['content-type']).toBe('text/css; charset=utf-8');
    const route = await get(server, '/containers/abc', { Cookie: cookie });
    expect(route.status).toBe(200);
    expect(route.body).toContain('<title>Berth</title>');
    expect((await get(server, '/assets/missing.js', { Cookie: cookie })).status).toBe(404);
    expect((await get(server, '/favicon.ico', { Cookie: cookie })).status).toBe(204);
  });

  it('accepts a Bearer token', async () => {
    expect((await get(server, '/', { Authorization: `Bearer ${TOKEN}` })).status).toBe(200);
  });

  it('never serves files outside the UI folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e%5csecret.txt', '/escape.txt', '/a%00.js']) {
      const r = await get(server, path, { Cookie: cookie });
      expect(r.body, path).not.toContain('do not serve me');
      expect([400, 404], path).toContain(r.status);
    }
  });

  it('refuses a foreign Origin with 403 even with the token', async () => {
    const r = await get(server, '/', { Cookie: cookie, Origin: 'http://evil.example' });
    expect(r.status).toBe(403);
    expect(r.body).toMatch(/evil\.example/);
    expect((await get(server, '/', { Cookie: cookie, Origin: `http://localhost:${server.port}` })).status).toBe(200);
  });

  it('refuses a foreign Host (DNS rebinding) with 403', async () => {
    expect((await get(server, '/', { Cookie: cookie, Host: `evil.example:${server.port}` })).status).toBe(403);
  });

  it('answers plain HTTP on /api with 426 and other methods with 405', async () => {
    expect((await get(server, '/api', { Cookie: cookie })).status).toBe(426);
    expect((await get(server, '/', { Cookie: cookie }, 'POST')).status).toBe(405);
  });

  it('refuses a WebSocket upgrade without the token with 401', async () => {
    const r = await openWs(server, {});
    expect(r.status).toBe(401);
    expect(r.body).toMatch(/access token/);
  });

  it('refuses a WebSocket upgrade from a foreign Origin with 403', async () => {
    const r = await openWs(server, { Cookie: cookie, Origin: 'https://evil.example' });
    expect(r.status).toBe(403);
  });

  it('refuses WebSockets on other paths', async () => {
    expect((await openWs(server, { Cookie: cookie }, '/other')).status).toBe(404);
  });

  describe('over an authenticated WebSocket', () => {
    let ws: WebSocket;
    beforeAll(async () => {
      const r = await openWs(server, { Cookie: cookie, Origin: `http://127.0.0.1:${server.port}` });
      if (!r.ws) throw new Error(`upgrade refused: ${r.status}`);
      ws = r.ws;
    });
    afterAll(() => ws.close());

    it('calls a method', async () => {
      const reply = nextMessage(ws);
      ws.send(JSON.stringify({ t: 'call', id: 1, name: 'containers.list', args: { all: false } }));
      expect(await reply).toEqual({ t: 'result', id: 1, ok: true, value: [container] });
      expect(fake.calls.at(-1)).toEqual({ name: 'containers.list', args: { all: false } });
    });

    it('returns VALIDATION naming the field for a bad argument', async () => {
      const reply = nextMessage(ws);
      ws.send(JSON.stringify({ t: 'call', id: 2, name: 'containers.list', args: { all: 'yes' } }));
      const msg = (await reply) as { ok: boolean; error: { code: string; message: string } };
      expect(msg.ok).toBe(false);
      expect(msg.error.code).toBe('VALIDATION');
      expect(msg.error.message).toContain('"all"');
    });

    it('answers a malformed frame with a TRANSPORT error and keeps the connection', async () => {
      let reply = nextMessage(ws);
      ws.send('{not json');
      expect(await reply).toMatchObject({ t: 'result', id: -1, ok: false, error: { code: 'TRANSPORT' } });
      reply = nextMessage(ws);
      ws.send(Buffer.from([1, 2, 3]), { binary: true });
      expect(await reply).toMatchObject({ ok: false, error: { code: 'TRANSPORT', message: expect.stringMatching(/Binary/) } });
      reply = nextMessage(ws);
      ws.send(JSON.stringify({ t: 'call', id: 3, name: 'containers.list', args: {} }));
      expect(await reply).toMatchObject({ id: 3, ok: true });
    });
  });

  it('closes a socket that sends more than the maximum payload', async () => {
    const r = await openWs(server, { Cookie: cookie });
    const closed = new Promise<number>((resolve) => r.ws?.on('close', (code) => resolve(code)));
    r.ws?.send('x'.repeat(1024 * 1024 + 10));
    expect(await closed).toBe(1009);
  });
});
