import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { BerthError } from '../../contract/errors.js';
import { listV2Tags, searchV2Registry, sortTags } from './registry-search.js';
import { RegistryV2Client } from './v2-client.js';

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void;
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function serve(handler: Handler): Promise<{ host: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(`${req.method} ${url.pathname}${url.search} ${req.headers.authorization ?? '-'}`);
    handler(req, res, url);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { host: `127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

/** A registry with a paginated catalog (pages of 2) that wants a Bearer token from its own /token realm. */
function bearerRegistry(repos: string[], tagsOf: (repo: string) => string[]): Handler {
  const basic = `Basic ${Buffer.from('me:pw').toString('base64')}`;
  return (req, res, url) => {
    const host = req.headers.host ?? '';
    if (url.pathname === '/token') {
      if (req.headers.authorization !== basic) return json(res, 401, {});
      return json(res, 200, { token: `tok:${url.searchParams.get('scope')}:${url.searchParams.get('service')}` });
    }
    const scope = url.pathname === '/v2/_catalog' ? 'registry:catalog:*' : `repository:${url.pathname.slice(4, -'/tags/list'.length)}:pull`;
    if (req.headers.authorization !== `Bearer tok:${scope}:test-service`) {
      return json(res, 401, { errors: [{ code: 'UNAUTHORIZED' }] }, { 'www-authenticate': `Bearer realm="http://${host}/token",service="test-service",scope="${scope}"` });
    }
    const list = url.pathname === '/v2/_catalog' ? repos : tagsOf(scope.split(':')[1] ?? '');
    const n = Number(url.searchParams.get('n') ?? 100);
    const last = url.searchParams.get('last');
    const start = last ? list.indexOf(last) + 1 : 0;
    const page = list.slice(start, start + Math.min(n, 2));
    const more = start + page.length < list.length;
    const field = url.pathname === '/v2/_catalog' ? 'repositories' : 'tags';
    const headers: Record<string, string> = more ? { link: `<${url.pathname}?last=${page.at(-1)}&n=${n}>; rel="next"` } : {};
    return json(res, 200, field === 'tags' ? { name: scope.split(':')[1], tags: page } : { repositories: page }, headers);
  };
}

describe('registry v2 client', () => {
  it('answers Bearer challenges with the stored credentials and follows Link pagination', async () => {
    const repos = ['a/one', 'b/app', 'c/app-api', 'd/other', 'e/app'];
    const { host, requests } = await serve(bearerRegistry(repos, (r) => (r === 'e/app' ? ['1.2', 'latest', '1.10', '1.9'] : ['v1'])));
    const auth = { username: 'me', password: 'pw', serveraddress: host };
    const client = new RegistryV2Client({ host, auth, allowHttp: true });
    expect(await client.catalog(100)).toEqual({ items: repos, truncated: false });
    expect(await client.catalog(3)).toEqual({ items: repos.slice(0, 3), truncated: true });
    // One 401 per scope, then the token is reused for every page.
    expect(requests.filter((r) => r.startsWith('GET /token'))).toHaveLength(1);

    const res = await searchV2Registry({ host, term: 'APP', limit: 2, auth, allowHttp: true });
    expect(res).toEqual({
      registry: host,
      source: 'catalog',
      repositories: [
        { name: 'b/app', pullName: `${host}/b/app`, tags: ['v1'] },
        { name: 'e/app', pullName: `${host}/e/app`, tags: ['latest', '1.10', '1.9', '1.2'] },
      ],
      truncated: true,
    });
  });

  it('says "log in first" without credentials and "log in again" when they are refused', async () => {
    const { host } = await serve(bearerRegistry(['x'], () => []));
    await expect(new RegistryV2Client({ host, allowHttp: true }).catalog(10)).rejects.toThrow(`Registry ${host} requires authentication: log in first`);
    const wrong = { username: 'me', password: 'nope', serveraddress: host };
    await expect(new RegistryV2Client({ host, auth: wrong, allowHttp: true }).catalog(10)).rejects.toThrow(`Registry ${host} rejected the stored credentials for me: log in again`);
  });

  it('answers Basic challenges and reports a missing repository or catalog readably', async () => {
    const basic = `Basic ${Buffer.from('berth:berth-secret').toString('base64')}`;
    const { host } = await serve((req, res, url) => {
      if (req.headers.authorization !== basic) return json(res, 401, {}, { 'www-authenticate': 'Basic realm="test"' });
      if (url.pathname === '/v2/team/app/tags/list') return json(res, 200, { name: 'team/app', tags: ['v1', 'latest'] });
      return json(res, 404, { errors: [{ code: 'NAME_UNKNOWN' }] });
    });
    const auth = { username: 'berth', password: 'berth-secret', serveraddress: host };
    expect(await listV2Tags({ host, repository: 'team/app', auth, allowHttp: true })).toEqual({ registry: host, repository: 'team/app', tags: ['latest', 'v1'], truncated: false });
    await expect(listV2Tags({ host, repository: 'team/none', auth, allowHttp: true })).rejects.toThrow(`Repository team/none was not found on ${host}`);
    await expect(searchV2Registry({ host, term: '', limit: 5, auth, allowHttp: true })).rejects.toThrow(`Registry ${host} does not offer a catalog`);
    await expect(new RegistryV2Client({ host, allowHttp: true }).catalog(1)).rejects.toThrow('log in first');
  });

  it('keeps a tags failure on its row instead of failing the whole search', async () => {
    const { host } = await serve((_req, res, url) => {
      if (url.pathname === '/v2/_catalog') return json(res, 200, { repositories: ['ok/app', 'bad/app'] });
      if (url.pathname === '/v2/ok/app/tags/list') return json(res, 200, { tags: ['v1'] });
      return json(res, 500, { errors: [{ message: 'storage broken' }] });
    });
    const res = await searchV2Registry({ host, term: 'app', limit: 10, allowHttp: true });
    expect(res.repositories).toEqual([
      { name: 'bad/app', pullName: `${host}/bad/app`, tags: [], tagsError: `Registry ${host} answered 500 Internal Server Error: storage broken` },
      { name: 'ok/app', pullName: `${host}/ok/app`, tags: ['v1'] },
    ]);
  });

  it('uses plain HTTP only when allowed, and says when the registry cannot be reached', async () => {
    const { host } = await serve((_req, res) => json(res, 200, { repositories: ['x'] }));
    await expect(new RegistryV2Client({ host, allowHttp: false }).catalog(5)).rejects.toThrow(new RegExp(`^Cannot reach registry ${host}: `));
    expect((await new RegistryV2Client({ host, allowHttp: true }).catalog(5)).items).toEqual(['x']);
    const closed = await serve(() => undefined);
    await new Promise((r) => servers.pop()?.close(r));
    const err = await new RegistryV2Client({ host: closed.host, allowHttp: true }).catalog(5).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BerthError);
    expect((err as BerthError).message).toBe(`Cannot reach registry ${closed.host}: connection refused`);
  });

  it('stops when the caller cancels', async () => {
    const { host } = await serve(() => undefined); // never answers
    const ctl = new AbortController();
    const p = new RegistryV2Client({ host, allowHttp: true, signal: ctl.signal }).catalog(5);
    setTimeout(() => ctl.abort(), 50);
    await expect(p).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('sorts tags with latest first, then newest-looking', () => {
    expect(sortTags(['1.2', 'a', 'latest', '1.10', '1.2'])).toEqual(['latest', 'a', '1.10', '1.2']);
  });
});
