import type Docker from 'dockerode';
import type { Readable } from 'node:stream';

/**
 * Direct engine calls through dockerode's modem (the connection dockerode already holds), for the
 * image endpoints where we want exact control of the query, the X-Registry-Auth header and the
 * abort signal. Errors are docker-modem's (statusCode + json), mapped by the callers.
 */
export interface EngineCall {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** Sent as X-Registry-Auth (base64url JSON). */
  auth?: object;
  signal?: AbortSignal;
  /** Status codes that mean success (default 200, 201, 204). */
  ok?: number[];
}

interface ModemDial {
  dial(options: Record<string, unknown>, callback: (err: unknown, data: unknown) => void): void;
}

function dial(docker: Docker, call: EngineCall, isStream: boolean): Promise<unknown> {
  const query: Record<string, string> = {};
  for (const [k, v] of Object.entries(call.query ?? {})) if (v !== undefined) query[k] = String(v);
  const statusCodes: Record<number, boolean> = {};
  for (const code of call.ok ?? [200, 201, 204]) statusCodes[code] = true;
  // docker-modem appends `options._query` to a path ending in "?" and sends `_body` (here empty: none).
  const hasQuery = Object.keys(query).length > 0;
  const options: Record<string, unknown> = {
    path: hasQuery ? `${call.path}?` : call.path,
    method: call.method,
    isStream,
    statusCodes,
    abortSignal: call.signal,
  };
  if (hasQuery) options.options = { _query: query, _body: {} };
  if (call.auth) options.authconfig = call.auth;
  const modem = docker.modem as unknown as ModemDial;
  return new Promise((resolve, reject) => modem.dial(options, (err, data) => (err ? reject(err) : resolve(data))));
}

/** A JSON call (the body parsed by docker-modem). */
export function engineJson<T>(docker: Docker, call: EngineCall): Promise<T> {
  return dial(docker, call, false) as Promise<T>;
}

/** A streaming call: resolves with the response body once the engine answered with a success status. */
export async function engineStream(docker: Docker, call: EngineCall): Promise<Readable> {
  return (await dial(docker, call, true)) as Readable;
}

/** Image names go into the URL path as they are (the engine routes on `/images/{name:.*}`); other bytes are escaped. */
export function imagePath(name: string): string {
  return encodeURI(name).replace(/[?#]/g, encodeURIComponent);
}
