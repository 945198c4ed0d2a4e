import { Stream, type Duplex, type Readable, type Writable } from 'node:stream';
import Docker from 'dockerode';
import type { EngineEndpoint } from '../../contract/model.js';
import { toBerthError } from '../errors.js';
import type { ByteSource, EngineAdapter, EngineHijack, EngineOptions, EngineRequest, EngineTransport, EngineUpload, HeldStream, QueryValue, RawBody } from './engine-adapter.js';
import { modemOptions, routeFor, type EngineRoute } from './engine-route.js';
import { abortError, openHeldStream, openRawGet } from './held-stream.js';
import { heldOverStream, rawBodyOf } from './stream-shapes.js';

/**
 * The one implementation of EngineAdapter: docker-modem (through dockerode) for every transport, and
 * Berth's raw-socket reader for long GETs where `routeFor` allows it. Nothing else in Berth imports
 * dockerode or docker-modem (lint enforces it).
 */

/** The part of docker-modem the adapter uses (a fake in unit tests). */
export interface ModemLike {
  dial(options: Record<string, unknown>, callback: (err: unknown, data: unknown) => void): void;
  demuxStream(stream: Readable, stdout: Writable, stderr: Writable): void;
}

/** The adapter's seams: the modem and the raw reader (fakes in unit tests). */
export interface AdapterSeams {
  modem: ModemLike;
  openRawGet: typeof openRawGet;
  openHeldStream: typeof openHeldStream;
  dispose?(): void;
}

export function createDockerAdapter(options: EngineOptions, endpoint: EngineEndpoint, seams?: Partial<AdapterSeams>): EngineAdapter {
  const route = routeFor(options);
  let modem = seams?.modem;
  let dispose = seams?.dispose;
  if (!modem) {
    let docker: Docker;
    try {
      docker = new Docker(modemOptions(options) as Docker.DockerOptions);
    } catch (err) {
      // docker-modem reads DOCKER_HOST and DOCKER_CERT_PATH itself and can throw on a malformed value.
      throw toBerthError(err);
    }
    const real = docker.modem as unknown as ModemLike & { agent?: { destroy?(): void } };
    modem = real;
    dispose ??= () => real.agent?.destroy?.();
  }
  return new DockerAdapter(modem, route, endpoint, options.version?.replace(/^v/, ''), {
    openRawGet: seams?.openRawGet ?? openRawGet,
    openHeldStream: seams?.openHeldStream ?? openHeldStream,
    dispose,
  });
}

const DEFAULT_OK = [200, 201, 204];

interface DialExtra {
  isStream: boolean;
  file?: ByteSource;
  contentType?: string;
  hijack?: boolean;
  openStdin?: boolean;
}

class DockerAdapter implements EngineAdapter {
  readonly transport: EngineTransport;

  constructor(
    private readonly modem: ModemLike,
    private readonly route: EngineRoute,
    readonly endpoint: EngineEndpoint,
    readonly apiVersion: string | undefined,
    private readonly raw: Pick<AdapterSeams, 'openRawGet' | 'openHeldStream' | 'dispose'>,
  ) {
    this.transport = route.transport;
  }

  async json<T>(req: EngineRequest): Promise<T> {
    const data = await this.dial(req, { isStream: false });
    // docker-modem hands back the raw bytes when the body is not JSON (empty, or "OK" from /_ping).
    if (Buffer.isBuffer(data)) return (data.length ? data.toString('utf8') : undefined) as T;
    return data as T;
  }

  async head(req: EngineRequest): Promise<Record<string, string | string[] | undefined>> {
    // docker-modem answers a streamed HEAD with the response itself (no body to parse).
    const res = (await this.dial({ ...req, method: 'HEAD' }, { isStream: true })) as { headers: Record<string, string | string[] | undefined>; resume?(): void };
    res.resume?.();
    return res.headers;
  }

  async stream(req: EngineRequest): Promise<Readable> {
    return (await this.dial(req, { isStream: true })) as Readable;
  }

  async upload<T>(req: EngineUpload): Promise<T> {
    const data = await this.dial({ method: 'PUT', ...req }, { isStream: false, file: req.data, contentType: req.contentType });
    if (Buffer.isBuffer(data)) return (data.length ? data.toString('utf8') : undefined) as T;
    return data as T;
  }

  async uploadStream(req: EngineUpload): Promise<Readable> {
    return (await this.dial({ method: 'POST', ...req }, { isStream: true, file: req.data, contentType: req.contentType })) as Readable;
  }

  async hijack(req: EngineHijack): Promise<Duplex> {
    // Always a body ("{}" at least): the request is only sent once something is written.
    return (await this.dial({ method: 'POST', ...req, body: req.body ?? {} }, { isStream: true, hijack: true, openStdin: req.stdin })) as Duplex;
  }

  async rawGet(req: EngineRequest): Promise<RawBody> {
    const raw = this.route.raw;
    if (raw) return this.raw.openRawGet(raw.target, `${raw.prefix}${pathWithQuery(req)}`, { signal: req.signal ?? new AbortController().signal });
    return rawBodyOf(await this.stream({ ...req, method: 'GET' }));
  }

  async held(req: EngineRequest & { maxLineLength?: number }): Promise<HeldStream> {
    const signal = req.signal ?? new AbortController().signal;
    const raw = this.route.raw;
    if (raw) return this.raw.openHeldStream(raw.target, `${raw.prefix}${pathWithQuery(req)}`, { signal, maxLineLength: req.maxLineLength });
    return heldOverStream(await this.stream({ ...req, method: 'GET', signal }));
  }

  demux(stream: Readable, stdout: Writable, stderr: Writable): void {
    this.modem.demuxStream(stream, stdout, stderr);
  }

  dispose(): void {
    this.raw.dispose?.();
  }

  private dial(req: EngineRequest, extra: DialExtra): Promise<unknown> {
    const query = encodeQuery(req.query);
    const statusCodes: Record<number, boolean> = {};
    for (const code of req.ok ?? DEFAULT_OK) statusCodes[code] = true;
    const withOptions = Object.keys(query).length > 0 || req.body !== undefined;
    const options: Record<string, unknown> = {
      // docker-modem appends `options._query` to a path ending in "?", and sends `_body` as JSON on a POST.
      path: withOptions ? `${req.path}?` : req.path,
      method: req.method ?? 'GET',
      isStream: extra.isStream,
      statusCodes,
      abortSignal: undefined as AbortSignal | undefined,
    };
    if (withOptions) options.options = { _query: query, _body: req.body ?? {} };
    if (req.auth) options.authconfig = req.auth;
    if (req.registryConfig) options.registryconfig = req.registryConfig;
    if (extra.file) {
      options.file = extra.file;
      options.headers = { 'Content-Type': extra.contentType ?? 'application/x-tar' };
    }
    if (extra.hijack) {
      options.hijack = true;
      options.openStdin = extra.openStdin;
      options.allowEmpty = true;
      options.headers = { 'Content-Type': 'application/json' };
    }
    const outer = req.signal;
    // Aborted before it was sent: nothing goes out. (The listener below would come after the abort and
    // never fire, so the request would run to its end, and a follow-up that waits on a stream destroyed
    // by the same abort, such as an upload of an archive, waited for good.)
    if (outer?.aborted) return Promise.reject(abortError());
    if (!outer) return new Promise((resolve, reject) => this.modem.dial(options, (err, data) => (err ? reject(err) : resolve(data))));
    // The caller's signal cancels the request only until it is answered. Node hands the signal on to
    // the request's socket, and once the answer has been read that socket has no error listener left:
    // an abort then (a build's events closed right after its failure) destroyed it with an uncaught
    // AbortError, which took the whole back end down. After the answer, an abort ends the answer's
    // stream itself (a stream), or there is nothing left to cancel.
    const inFlight = new AbortController();
    const cancel = () => inFlight.abort(outer.reason);
    outer.addEventListener('abort', cancel, { once: true });
    options.abortSignal = inFlight.signal;
    return new Promise((resolve, reject) =>
      this.modem.dial(options, (err, data) => {
        outer.removeEventListener('abort', cancel);
        if (err) return reject(err);
        if (extra.isStream && data instanceof Stream) {
          const stream = data as Stream & { destroy(): void };
          const end = () => stream.destroy();
          if (outer.aborted) end();
          else {
            outer.addEventListener('abort', end, { once: true });
            stream.once('close', () => outer.removeEventListener('abort', end));
          }
        }
        resolve(data);
      }),
    );
  }
}

/** Query values as strings (arrays repeat their key: a string array). */
export function encodeQuery(query: Record<string, QueryValue> | undefined): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined) continue;
    if (Array.isArray(v)) out[k] = v.map((x) => (typeof x === 'object' && x !== null ? JSON.stringify(x) : String(x)));
    else out[k] = typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
  return out;
}

/** `/path?query` as sent on Berth's own socket. */
export function pathWithQuery(req: Pick<EngineRequest, 'path' | 'query'>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(encodeQuery(req.query))) for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
  const q = params.toString();
  return q ? `${req.path}?${q}` : req.path;
}
