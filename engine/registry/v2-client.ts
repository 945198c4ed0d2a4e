import { BerthError } from '../../contract/errors.js';
import type { RegistryAuth } from './credential-store.js';
import { nextLink, parseWwwAuthenticate, pickChallenge, type AuthChallenge } from './www-authenticate.js';

export interface RegistryV2Options {
  /** host[:port] of the registry. */
  host: string;
  /** Stored credentials, used to answer Basic and Bearer challenges. */
  auth?: RegistryAuth;
  /** Fall back to plain HTTP when HTTPS fails (localhost or registries the engine treats as insecure). */
  allowHttp: boolean;
  signal?: AbortSignal;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

export interface Page<T> {
  items: T[];
  truncated: boolean;
}

const PAGE_SIZE = 100;
const MAX_BODY = 4 * 1024 * 1024;

/**
 * A tiny Docker Registry HTTP API v2 client for the read-only calls search needs: /v2/_catalog and
 * /v2/<name>/tags/list, paginated with `n`/`last` and Link headers, answering Basic and Bearer
 * (token service) challenges with the stored credentials. Every result is bounded.
 */
export class RegistryV2Client {
  private scheme: 'https' | 'http' | undefined;
  private basic = false;
  private readonly tokens = new Map<string, string>();
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;

  constructor(private readonly opts: RegistryV2Options) {
    this.fetchImpl = opts.fetchImpl ?? fetch;
    this.timeoutMs = opts.timeoutMs ?? 15_000;
  }

  /** Repository names from the catalog, at most `max`. */
  catalog(max: number): Promise<Page<string>> {
    return this.paginate(`/v2/_catalog?n=${PAGE_SIZE}`, 'registry:catalog:*', 'repositories', max);
  }

  /** Tags of a repository, at most `max`. */
  tags(repository: string, max: number): Promise<Page<string>> {
    return this.paginate(`/v2/${repository}/tags/list?n=${PAGE_SIZE}`, `repository:${repository}:pull`, 'tags', max, repository);
  }

  private async paginate(path: string, scope: string, field: 'repositories' | 'tags', max: number, repository?: string): Promise<Page<string>> {
    const items: string[] = [];
    let url: string | undefined = path;
    let pages = 0;
    while (url) {
      const res = await this.get(url, scope, repository);
      const body = (await readJson(res, this.opts.host)) as Record<string, unknown> | null;
      const list = body && Array.isArray(body[field]) ? (body[field] as unknown[]).filter((x): x is string => typeof x === 'string') : [];
      for (const item of list) {
        if (items.length >= max) return { items, truncated: true };
        items.push(item);
      }
      pages++;
      const next = nextLink(res.headers.get('link'), res.url || this.base() + url);
      if (!next) break;
      if (items.length >= max || pages >= 1000) return { items, truncated: true };
      const parsed = new URL(next);
      if (parsed.host.toLowerCase() !== this.opts.host.toLowerCase()) break; // never follow a link off the registry
      url = parsed.pathname + parsed.search;
    }
    return { items, truncated: false };
  }

  private base(): string {
    return `${this.scheme ?? 'https'}://${this.opts.host}`;
  }

  /** GET a registry path, answering one auth challenge. */
  private async get(path: string, scope: string, repository?: string): Promise<Response> {
    let res = await this.send(path, scope);
    if (res.status === 401) {
      const challenge = pickChallenge(parseWwwAuthenticate(res.headers.get('www-authenticate') ?? ''));
      await res.body?.cancel();
      if (!challenge) throw this.authError(false);
      await this.answer(challenge, scope);
      res = await this.send(path, scope);
      if (res.status === 401) {
        await res.body?.cancel();
        throw this.authError(true);
      }
    }
    if (res.status === 404) {
      await res.body?.cancel();
      throw repository
        ? new BerthError('NOT_FOUND', `Repository ${repository} was not found on ${this.opts.host}`, { reason: 'not-found' })
        : new BerthError('ENGINE_ERROR', `Registry ${this.opts.host} does not offer a catalog (/v2/_catalog is not available), so it cannot be searched`, { reason: 'no-catalog' });
    }
    if (res.status === 403) {
      await res.body?.cancel();
      throw new BerthError('ENGINE_ERROR', `Registry ${this.opts.host} denied access${repository ? ` to ${repository}` : ' to its catalog'} for this user`, { reason: 'denied' });
    }
    if (!res.ok) {
      const text = await readText(res, 2000).catch(() => '');
      throw new BerthError('ENGINE_ERROR', `Registry ${this.opts.host} answered ${res.status} ${res.statusText}${registryMessage(text)}`, { reason: 'http', status: res.status });
    }
    return res;
  }

  private authError(_afterAnswer: boolean): BerthError {
    const a = this.opts.auth;
    if (!a) return new BerthError('ENGINE_ERROR', `Registry ${this.opts.host} requires authentication: log in first`, { reason: 'login-required' });
    const who = 'username' in a ? ` for ${a.username}` : '';
    return new BerthError('ENGINE_ERROR', `Registry ${this.opts.host} rejected the stored credentials${who}: log in again`, { reason: 'unauthorized' });
  }

  private async answer(challenge: AuthChallenge, scope: string): Promise<void> {
    const a = this.opts.auth;
    if (challenge.scheme === 'basic') {
      if (!a || !('username' in a)) throw this.authError(false);
      this.basic = true;
      return;
    }
    const realm = challenge.params.realm ?? '';
    const wantedScope = challenge.params.scope || scope;
    let realmUrl: URL;
    try {
      realmUrl = new URL(realm);
    } catch {
      throw new BerthError('ENGINE_ERROR', `Registry ${this.opts.host} sent an invalid token realm "${realm}"`, { reason: 'bad-challenge' });
    }
    const service = challenge.params.service;
    let res: Response;
    if (a && 'identitytoken' in a) {
      const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: a.identitytoken, client_id: 'berth', scope: wantedScope });
      if (service) form.set('service', service);
      res = await this.fetchWithTimeout(realmUrl.toString(), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    } else {
      if (service) realmUrl.searchParams.set('service', service);
      realmUrl.searchParams.set('scope', wantedScope);
      const headers: Record<string, string> = {};
      if (a && 'username' in a) {
        headers.authorization = `Basic ${Buffer.from(`${a.username}:${a.password}`).toString('base64')}`;
        realmUrl.searchParams.set('account', a.username);
      }
      res = await this.fetchWithTimeout(realmUrl.toString(), { headers });
    }
    if (res.status === 401 || res.status === 403) {
      await res.body?.cancel();
      throw this.authError(true);
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new BerthError('ENGINE_ERROR', `The token service of ${this.opts.host} (${realmUrl.host}) answered ${res.status} ${res.statusText}`, { reason: 'token' });
    }
    const body = (await readJson(res, realmUrl.host)) as { token?: unknown; access_token?: unknown } | null;
    const token = typeof body?.token === 'string' ? body.token : typeof body?.access_token === 'string' ? body.access_token : undefined;
    if (!token) throw new BerthError('ENGINE_ERROR', `The token service of ${this.opts.host} returned no token`, { reason: 'token' });
    this.tokens.set(scope, token);
  }

  private send(path: string, scope: string): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = this.tokens.get(scope);
    const a = this.opts.auth;
    if (token) headers.authorization = `Bearer ${token}`;
    else if (this.basic && a && 'username' in a) headers.authorization = `Basic ${Buffer.from(`${a.username}:${a.password}`).toString('base64')}`;
    return this.request(path, headers);
  }

  /** Pick the scheme on the first request: HTTPS, then plain HTTP when allowed and HTTPS cannot connect. */
  private async request(path: string, headers: Record<string, string>): Promise<Response> {
    if (this.scheme) return this.fetchWithTimeout(`${this.scheme}://${this.opts.host}${path}`, { headers });
    try {
      const res = await this.fetchWithTimeout(`https://${this.opts.host}${path}`, { headers });
      this.scheme = 'https';
      return res;
    } catch (err) {
      if (!this.opts.allowHttp || (err instanceof BerthError && err.code === 'CANCELLED')) throw err;
      const res = await this.fetchWithTimeout(`http://${this.opts.host}${path}`, { headers });
      this.scheme = 'http';
      return res;
    }
  }

  private async fetchWithTimeout(url: string, init: RequestInit): Promise<Response> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = this.opts.signal ? AbortSignal.any([this.opts.signal, timeout]) : timeout;
    try {
      return await this.fetchImpl(url, { ...init, signal, redirect: 'follow' });
    } catch (err) {
      if (this.opts.signal?.aborted) throw new BerthError('CANCELLED', 'The request was cancelled');
      if (timeout.aborted) throw new BerthError('ENGINE_ERROR', `Cannot reach registry ${this.opts.host}: no answer within ${Math.round(this.timeoutMs / 1000)} s`, { reason: 'unreachable' });
      throw new BerthError('ENGINE_ERROR', `Cannot reach registry ${this.opts.host}: ${networkReason(err)}`, { reason: 'unreachable' });
    }
  }
}

function networkReason(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown; message?: unknown } }).cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  const words: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ENOTFOUND: 'the host name could not be resolved',
    EAI_AGAIN: 'the host name could not be resolved',
    ECONNRESET: 'the connection was reset',
    ETIMEDOUT: 'the connection timed out',
    EHOSTUNREACH: 'the host is unreachable',
    ENETUNREACH: 'the network is unreachable',
    EPROTO: 'it does not speak HTTPS',
    ERR_SSL_WRONG_VERSION_NUMBER: 'it does not speak HTTPS',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate is not trusted',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
    SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate is not trusted',
    CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  };
  if (code && words[code]) return words[code];
  if (typeof cause?.message === 'string' && cause.message) return cause.message;
  return err instanceof Error ? err.message : String(err);
}

async function readText(res: Response, max: number): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw new Error('too large');
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

async function readJson(res: Response, host: string): Promise<unknown> {
  let text: string;
  try {
    text = await readText(res, MAX_BODY);
  } catch {
    throw new BerthError('ENGINE_ERROR', `${host} sent an answer larger than ${MAX_BODY / 1024 / 1024} MB`, { reason: 'too-large' });
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new BerthError('ENGINE_ERROR', `${host} sent an answer that is not JSON`, { reason: 'bad-json' });
  }
}

/** The registry's own error text ({"errors":[{"message":…}]}), as ": message", or "". */
function registryMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { errors?: { message?: unknown }[] };
    const m = body.errors?.map((e) => e.message).filter((x): x is string => typeof x === 'string').join('; ');
    return m ? `: ${m}` : '';
  } catch {
    return text.trim() ? `: ${text.trim().slice(0, 200)}` : '';
  }
}
