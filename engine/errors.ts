import { BerthError, type ErrorCode } from '../contract/errors.js';
import { readableEngineMessage } from './engine-messages.js';

/**
 * Map anything dockerode, docker-modem or node's http stack throws to a BerthError with a stable code
 * and a readable message:
 * - HTTP 404 → NOT_FOUND, 409 → CONFLICT, other HTTP statuses → ENGINE_ERROR (the engine's own message,
 *   taken from its JSON body, never a raw dump);
 * - connection refused, missing socket, reset, timeouts → ENGINE_UNAVAILABLE;
 * - aborts → CANCELLED;
 * - anything else → ENGINE_ERROR.
 * Known engine texts are rewritten readable (engine-messages.ts): "A container named web already exists",
 * "Port 8080 is already in use by another container", "Image x:1 is not present locally"…; the engine's
 * own text is then kept in details.engineMessage. `endpoint` (e.g. unix:///var/run/docker.sock) is named in connection errors when given.
 */
export function toBerthError(err: unknown, endpoint?: string): BerthError {
  if (err instanceof BerthError) return err;
  const e = (err ?? {}) as { statusCode?: unknown; code?: unknown; name?: unknown; message?: unknown; json?: unknown };
  const raw = typeof e.message === 'string' ? e.message : String(err);

  if (typeof e.statusCode === 'number') {
    if (e.statusCode === 304) return notModified(e as { reason?: unknown });
    const message = engineMessage(e.json) ?? stripModemPrefix(raw);
    const byStatus: ErrorCode = e.statusCode === 404 ? 'NOT_FOUND' : e.statusCode === 409 ? 'CONFLICT' : 'ENGINE_ERROR';
    return readable(message, byStatus, { statusCode: e.statusCode });
  }

  if (e.name === 'AbortError' || e.code === 'ABORT_ERR') return new BerthError('CANCELLED', 'The request was cancelled');

  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code && Object.hasOwn(connectionErrors, code)) {
    const where = endpoint ? ` at ${endpoint}` : '';
    return new BerthError('ENGINE_UNAVAILABLE', `Cannot reach the Docker engine${where}: ${connectionErrors[code]}`, { code });
  }
  if (!raw) return new BerthError('ENGINE_ERROR', 'The engine reported an unknown error');
  return readable(raw, 'ENGINE_ERROR');
}

/**
 * An engine message (also one found in a stream, e.g. a pull's `{"error": …}` line) as a BerthError:
 * rewritten readable when a rule knows it; `fallback` is the code when the rule sets none.
 */
export function readable(message: string, fallback: ErrorCode, details?: Record<string, unknown>): BerthError {
  const r = readableEngineMessage(message);
  if (!r) return new BerthError(fallback, message, details);
  const code = r.code && fallback !== 'NOT_FOUND' ? r.code : fallback;
  return new BerthError(code, r.message, { ...details, ...r.details, engineMessage: message });
}

/** 304 from start/stop: nothing to do. docker-modem puts the engine's reason text in `reason`. */
function notModified(e: { reason?: unknown }): BerthError {
  const reason = typeof e.reason === 'string' ? e.reason : '';
  const message = /already started/.test(reason) ? 'The container is already running' : /already stopped/.test(reason) ? 'The container is already stopped' : 'Nothing to change: the container is already in that state';
  return new BerthError('CONFLICT', message, { statusCode: 304 });
}

/** An ENGINE_UNAVAILABLE error with a plain message (used while no engine is connected). */
export function engineUnavailable(message: string, details?: unknown): BerthError {
  return new BerthError('ENGINE_UNAVAILABLE', message, details);
}

/** node error codes that mean "no engine there", with words a user understands. */
const connectionErrors: Record<string, string> = {
  ECONNREFUSED: 'connection refused (is the engine running?)',
  ENOENT: 'the socket does not exist (is the engine running?)',
  EACCES: 'permission denied on the socket (add your user to the "docker" group, or run Berth with access to it)',
  EPERM: 'permission denied on the socket',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was closed',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ENOTFOUND: 'the host name could not be resolved',
  EAI_AGAIN: 'the host name could not be resolved (temporary DNS failure)',
  ENOTSOCK: 'the path is not a socket',
  ECONNABORTED: 'the connection was aborted',
  UND_ERR_SOCKET: 'the connection was closed',
};

/** The engine puts its message in `{"message": "..."}`; docker-modem keeps the parsed body in `json`. */
function engineMessage(json: unknown): string | undefined {
  let body = json;
  if (body instanceof Uint8Array) body = new TextDecoder().decode(body);
  if (typeof body === 'string') {
    const text = body.trim();
    if (!text) return undefined;
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      return text.length > 500 ? `${text.slice(0, 500)}…` : text;
    }
  }
  if (body && typeof body === 'object') {
    const m = (body as { message?: unknown }).message;
    if (typeof m === 'string' && m.trim()) return m.trim();
  }
  return undefined;
}

/** docker-modem formats errors as "(HTTP code 404) no such container - No such container: x "; keep the end. */
function stripModemPrefix(message: string): string {
  const m = /^\(HTTP code \d+\)\s*[^-]*-\s*(.*)$/s.exec(message.trim());
  const rest = m?.[1]?.trim();
  return rest || message.trim();
}
