import { BerthError } from '../../contract/errors.js';
import { toBerthError } from '../errors.js';

/** Turn the engine's Go error text about a registry connection into words a user understands. */
export function reachabilityReason(message: string): string | undefined {
  const m = message.toLowerCase();
  if (m.includes('connection refused')) return 'connection refused';
  if (m.includes('no such host') || m.includes('server misbehaving')) return 'the host name could not be resolved (no network, or a wrong name)';
  if (m.includes('network is unreachable')) return 'the network is unreachable';
  if (m.includes('i/o timeout') || m.includes('deadline exceeded') || m.includes('timeout')) return 'no answer (timed out)';
  if (m.includes('http response to https client')) return 'it speaks only plain HTTP; add it to the engine\'s insecure registries';
  if (m.includes('x509') || m.includes('certificate')) return 'its TLS certificate is not trusted';
  if (m.includes('connection reset')) return 'the connection was reset';
  if (m.includes('eof')) return 'the connection was closed';
  return undefined;
}

/**
 * The engine's own text (from its JSON body when docker-modem kept it) plus Berth's readable rewrite.
 * `fromEngine` is false when the engine itself was not reached (then the rewrite says why).
 */
function engineText(err: unknown, endpoint?: string): { berth: BerthError; raw: string; fromEngine: boolean } {
  const berth = toBerthError(err, endpoint);
  const e = (err ?? {}) as { statusCode?: unknown; json?: unknown; message?: unknown };
  const fromEngine = typeof e.statusCode === 'number';
  let raw = typeof e.message === 'string' ? e.message : berth.message;
  let body = e.json;
  if (body instanceof Uint8Array) body = new TextDecoder().decode(body);
  if (typeof body === 'string') {
    const text = body;
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      raw = text;
    }
  }
  const m = body && typeof body === 'object' ? (body as { message?: unknown }).message : undefined;
  if (typeof m === 'string' && m.trim()) raw = m.trim();
  return { berth, raw, fromEngine };
}

/** A failed POST /auth, e.g. "Login to 127.0.0.1:5001 failed: wrong username or password". */
export function loginFailure(server: string, err: unknown, endpoint?: string): BerthError {
  const { berth, raw, fromEngine } = engineText(err, endpoint);
  if (!fromEngine) return berth; // the engine itself is unreachable, or the call was cancelled
  const m = raw;
  if (/\b401\b|unauthori[sz]ed|incorrect username or password|authentication required|invalid username\/password/i.test(m)) {
    return new BerthError('ENGINE_ERROR', `Login to ${server} failed: wrong username or password`, { reason: 'unauthorized' });
  }
  const why = reachabilityReason(m);
  if (why) return new BerthError('ENGINE_ERROR', `Login to ${server} failed: cannot reach the registry (${why})`, { reason: 'unreachable', engineMessage: raw });
  const text = berth.message.startsWith('Login to ') ? berth.message : `Login to ${server} failed: ${berth.message}`;
  return new BerthError('ENGINE_ERROR', text, { reason: 'other' });
}

/** A failed GET /images/search (the engine calls the Docker Hub API). */
export function hubSearchFailure(err: unknown, endpoint?: string): BerthError {
  const { berth, raw, fromEngine } = engineText(err, endpoint);
  if (!fromEngine) return berth;
  const why = reachabilityReason(raw);
  if (why) return new BerthError('ENGINE_ERROR', `Cannot reach Docker Hub: ${why}`, { reason: 'unreachable', engineMessage: raw });
  if (/\b401\b|unauthori[sz]ed/i.test(raw)) return new BerthError('ENGINE_ERROR', 'Docker Hub refused the search: log in again', { reason: 'unauthorized' });
  return new BerthError('ENGINE_ERROR', `Docker Hub search failed: ${berth.message}`, { reason: 'other' });
}
