import type { Duplex, Readable, Writable } from 'node:stream';
import type { EngineEndpoint } from '../../contract/model.js';
import type { HeldStream, RawBody } from './held-stream.js';

export type { HeldStream, RawBody } from './held-stream.js';

/**
 * The one way Berth talks HTTP to a Docker engine. Services, watches and streams depend on this
 * interface only; `docker-adapter.ts` is the one implementation (dockerode's modem for every
 * transport, plus Berth's raw-socket fast path where the transport allows it). Unit tests fake it.
 * One adapter per engine: a future multi-engine back end holds one per connection.
 *
 * Errors are shaped like docker-modem's (`statusCode`, `json.message`), so `toBerthError` maps them.
 */

/** How the adapter reaches the engine; the adapter picks its fast paths from this. */
export type EngineTransport = 'unix' | 'npipe' | 'tcp' | 'tls' | 'ssh';

/**
 * Query values: undefined is left out; an array repeats its key (`t=a&t=b`, as the engine reads build
 * tags); an object is sent as JSON (e.g. `filters`).
 */
export type QueryValue = string | number | boolean | undefined | readonly unknown[] | Record<string, unknown>;

/**
 * Where an engine is and how to reach it (Berth's own shape; the adapter turns it into its client's
 * options). Built by `toDockerOptions` from a host string.
 */
export interface EngineOptions {
  /** A unix socket path, or a Windows named pipe (`\\.\pipe\docker_engine`). */
  socketPath?: string;
  host?: string;
  port?: number;
  protocol?: 'http' | 'https' | 'ssh';
  /** TLS material (https): PEM contents. */
  ca?: string | Buffer;
  cert?: string | Buffer;
  key?: string | Buffer;
  /** ssh user, and the agent socket. */
  username?: string;
  sshOptions?: { agent?: string };
  /** Pin this API version (without "v"); default: the engine's own. */
  version?: string;
}

export interface EngineRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';
  /** The API path without the version prefix, e.g. `/containers/json`; path parameters already escaped. */
  path: string;
  query?: Record<string, QueryValue>;
  /** A JSON body (POST). */
  body?: unknown;
  /** Sent as X-Registry-Auth (base64url JSON). */
  auth?: object;
  /** Sent as X-Registry-Config (build). */
  registryConfig?: object;
  signal?: AbortSignal;
  /** Status codes that mean success (default 200, 201, 204; 304 where listed). */
  ok?: number[];
}

/** A request whose body is a byte stream (PUT archive, build context, image load). */
/** What an upload reads from: piped into the request (a Node Readable, tar-stream's pack…). */
export interface ByteSource {
  pipe<T extends NodeJS.WritableStream>(destination: T): T;
  on(event: 'error', listener: (err: Error) => void): unknown;
}

export interface EngineUpload extends EngineRequest {
  data: ByteSource;
  /** Default application/x-tar. */
  contentType?: string;
}

/** An upgraded connection (exec start, attach): both directions on one socket. */
export interface EngineHijack extends EngineRequest {
  /** Keep stdin open for writing. */
  stdin: boolean;
}

export interface EngineAdapter {
  readonly endpoint: EngineEndpoint;
  readonly transport: EngineTransport;
  /** The API version the adapter pins, without "v" (undefined: the engine's own). */
  readonly apiVersion?: string;

  /** A call whose answer is JSON (empty: resolves undefined; plain text such as `/_ping`'s "OK": that text). */
  json<T>(req: EngineRequest): Promise<T>;
  /** A call answered by headers only (HEAD /containers/{id}/archive): the response headers, lower-case names. */
  head(req: EngineRequest): Promise<Record<string, string | string[] | undefined>>;
  /** A streaming answer (pull progress, export, archive, events): the body once the status is a success. */
  stream(req: EngineRequest): Promise<Readable>;
  /** Upload a body stream and read a JSON (or empty) answer: PUT archive, image load. */
  upload<T>(req: EngineUpload): Promise<T>;
  /** Upload a body stream and stream the answer: build. */
  uploadStream(req: EngineUpload): Promise<Readable>;
  /** An upgraded (hijacked) connection: exec start, attach. */
  hijack(req: EngineHijack): Promise<Duplex>;
  /**
   * A GET read on Berth's own socket where the transport allows (unix, npipe, plain TCP): one event
   * per socket read and real pause/resume. On TLS and SSH the same shape over dockerode's stream.
   */
  rawGet(req: EngineRequest): Promise<RawBody>;
  /** A long GET read only on `drain()` (stats streams): see held-stream.ts. */
  held(req: EngineRequest & { maxLineLength?: number }): Promise<HeldStream>;
  /** Split a multiplexed (non-TTY) exec/attach/logs stream into stdout and stderr. */
  demux(stream: Readable, stdout: Writable, stderr: Writable): void;
  /** Release what the adapter holds (agents, sockets). */
  dispose(): void;
}
