import { Readable, type Duplex, type Writable } from 'node:stream';
import Docker from 'dockerode';
import type { EngineEndpoint } from '../../contract/model.js';
import { toBerthError } from '../errors.js';
import { heldTarget, openHeldStream, openRawGet, type HeldStream, type RawBody } from '../client/held-stream.js';
import type { EngineAdapter, EngineHijack, EngineRequest, EngineTransport, EngineUpload, QueryValue } from './engine-adapter.js';

/**
 * The one implementation of EngineAdapter: dockerode's modem for every transport (unix socket, named
 * pipe, TCP, TCP with TLS, SSH), and Berth's raw-socket reader for long GETs where the transport is a
 * plain socket (unix, npipe, TCP without TLS). Nothing else in engine/ imports dockerode.
 */
export function createDockerAdapter(options: Docker.DockerOptions, endpoint: EngineEndpoint): EngineAdapter {
  let docker: Docker;
  try {
    docker = new Docker(options);
  } catch (err) {
    throw toBerthError(err);
  }
  return new DockerAdapter(docker, endpoint);
}

/** The adapter over a dockerode client that already exists (during the move to the adapter only). */
export function adapterOver(docker: Docker, endpoint: EngineEndpoint): EngineAdapter {
  return new DockerAdapter(docker, endpoint);
}

/** Which transport dockerode options describe. */
export function transportOf(options: Docker.DockerOptions): EngineTransport {
  if (options.socketPath) return /^\\\\[.?]\\pipe\\/.test(String(options.socketPath)) ? 'npipe' : 'unix';
  if (options.protocol === 'ssh') return 'ssh';
  if (options.protocol === 'https') return 'tls';
  return 'tcp';
}

interface ModemDial {
  dial(options: Record<string, unknown>, callback: (err: unknown, data: unknown) => void): void;
  demuxStream(stream: Readable, stdout: Writable, stderr: Writable): void;
  version?: string;
}

const DEFAULT_OK = [200, 201, 204];

class DockerAdapter implements EngineAdapter {
  readonly transport: EngineTransport;
  private readonly modem: ModemDial;
  private readonly raw: ReturnType<typeof heldTarget>;

  constructor(
    private readonly docker: Docker,
    readonly endpoint: EngineEndpoint,
  ) {
    this.modem = docker.modem as unknown as ModemDial;
    const m = docker.modem as unknown as Docker.DockerOptions;
    this.transport = transportOf(m);
    this.raw = heldTarget(docker);
  }

  get apiVersion(): string | undefined {
    return this.modem.version?.replace(/^v/, '') || undefined;
  }

  json<T>(req: EngineRequest): Promise<T> {
    return this.dial(req, { isStream: false }) as Promise<T>;
  }

  async head(req: EngineRequest): Promise<Record<string, string | string[] | undefined>> {
    // docker-modem answers a HEAD with the response object (no body to parse).
    const res = (await this.dial({ ...req, method: 'HEAD' }, { isStream: true })) as { headers: Record<string, string | string[] | undefined>; resume?(): void };
    res.resume?.();
    return res.headers;
  }

  async stream(req: EngineRequest): Promise<Readable> {
    return (await this.dial(req, { isStream: true })) as Readable;
  }

  upload<T>(req: EngineUpload): Promise<T> {
    return this.dial({ method: 'PUT', ...req }, { isStream: false, file: req.data, contentType: req.contentType }) as Promise<T>;
  }

  async uploadStream(req: EngineUpload): Promise<Readable> {
    return (await this.dial({ method: 'POST', ...req }, { isStream: true, file: req.data, contentType: req.contentType })) as Readable;
  }

  async hijack(req: EngineHijack): Promise<Duplex> {
    return (await this.dial({ method: 'POST', ...req }, { isStream: true, hijack: true, openStdin: req.stdin })) as Duplex;
  }

  async rawGet(req: EngineRequest): Promise<RawBody> {
    if (this.raw && req.signal) return openRawGet(this.raw.target, `${this.raw.prefix}${pathWithQuery(req)}`, { signal: req.signal });
    return rawBodyOf(await this.stream({ ...req, method: 'GET' }));
  }

  async held(req: EngineRequest & { maxLineLength?: number }): Promise<HeldStream> {
    const signal = req.signal ?? new AbortController().signal;
    if (this.raw) return openHeldStream(this.raw.target, `${this.raw.prefix}${pathWithQuery(req)}`, { signal, maxLineLength: req.maxLineLength });
    return heldOverStream(await this.stream({ ...req, method: 'GET', signal }));
  }

  demux(stream: Readable, stdout: Writable, stderr: Writable): void {
    this.modem.demuxStream(stream, stdout, stderr);
  }

  dispose(): void {
    const agent = (this.docker.modem as unknown as { agent?: { destroy?(): void } }).agent;
    agent?.destroy?.();
  }

  private dial(req: EngineRequest, extra: { isStream: boolean; file?: Readable; contentType?: string; hijack?: boolean; openStdin?: boolean }): Promise<unknown> {
    const query = encodeQuery(req.query);
    const statusCodes: Record<number, boolean> = {};
    for (const code of req.ok ?? DEFAULT_OK) statusCodes[code] = true;
    const hasQuery = Object.keys(query).length > 0;
    const method = req.method ?? 'GET';
    const options: Record<string, unknown> = {
      // docker-modem appends `options._query` to a path ending in "?".
      path: hasQuery || req.body !== undefined ? `${req.path}?` : req.path,
      method,
      isStream: extra.isStream,
      statusCodes,
      abortSignal: req.signal,
    };
    if (hasQuery || req.body !== undefined) options.options = { _query: query, _body: req.body ?? {} };
    if (req.auth) options.authconfig = req.auth;
    if (req.registryConfig) options.registryconfig = req.registryConfig;
    if (extra.file) {
      options.file = extra.file;
      options.headers = { 'Content-Type': extra.contentType ?? 'application/x-tar' };
    }
    if (extra.hijack) {
      options.hijack = true;
      options.openStdin = extra.openStdin;
      options.headers = { 'Content-Type': 'application/json' };
    }
    return new Promise((resolve, reject) => this.modem.dial(options, (err, data) => (err ? reject(err) : resolve(data))));
  }
}

function encodeQuery(query: Record<string, QueryValue> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined) continue;
    out[k] = typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
  return out;
}

/** `/path?query` as sent on Berth's own socket. */
export function pathWithQuery(req: Pick<EngineRequest, 'path' | 'query'>): string {
  const q = new URLSearchParams(Object.entries(encodeQuery(req.query))).toString();
  return q ? `${req.path}?${q}` : req.path;
}

/** dockerode's response stream in RawBody's shape (TLS and SSH engines). */
function rawBodyOf(stream: Readable): RawBody {
  const body = Object.assign(stream, { ended: false }) as unknown as RawBody & Readable & { ended: boolean };
  stream.once('end', () => (body.ended = true));
  stream.once('close', () => (body.ended = true));
  stream.pause();
  return body;
}

/** HeldStream over an ordinary stream (TLS and SSH): lines gathered as they come, handed out on drain. */
function heldOverStream(stream: Readable): HeldStream {
  let pending: string[] = [];
  let partial = '';
  let ended = false;
  stream.setEncoding('utf8');
  stream.on('data', (text: string) => {
    const parts = (partial + text).split('\n');
    partial = parts.pop() ?? '';
    for (const p of parts) if (p.trim()) pending.push(p);
    if (pending.length > 1000) pending = pending.slice(-1000);
  });
  stream.on('end', () => (ended = true));
  stream.on('close', () => (ended = true));
  stream.on('error', () => (ended = true));
  return {
    get ended() {
      return ended;
    },
    drain() {
      const out = pending;
      pending = [];
      return Promise.resolve(out);
    },
    close() {
      ended = true;
      stream.destroy();
    },
  };
}

/** Wrap bytes as a Readable (tests and small uploads). */
export function readableOf(bytes: Uint8Array | string): Readable {
  return Readable.from([typeof bytes === 'string' ? Buffer.from(bytes) : bytes]);
}
