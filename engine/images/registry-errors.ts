import { BerthError } from '../../contract/errors.js';
import { formatReference, type ImageReference } from '../../contract/image-reference.js';

/**
 * Turn what the engine says when a pull or push fails (an HTTP error before the stream, or an
 * `errorDetail` line inside it) into a specific, readable BerthError: not found, unauthorized,
 * registry unreachable, TLS trouble, or the engine's own words.
 */
/** The engine's own words from a docker-modem error (its JSON body, or the text after the modem's prefix). */
export function rawEngineMessage(err: unknown): string {
  const e = (err ?? {}) as { json?: unknown; message?: unknown };
  let body = e.json;
  if (body instanceof Uint8Array) body = new TextDecoder().decode(body);
  if (typeof body === 'string') {
    const text = body.trim();
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      if (text) return text;
    }
  }
  const m = body && typeof body === 'object' ? (body as { message?: unknown }).message : undefined;
  if (typeof m === 'string' && m.trim()) return m.trim();
  const text = typeof e.message === 'string' ? e.message : String(err);
  return /^\(HTTP code \d+\)\s*[^-]*-\s*(.*)$/s.exec(text.trim())?.[1]?.trim() || text.trim();
}

/** The credentials the request carried (X-Registry-Auth), when it carried some: a refusal then means those. */
export interface SentCredentials {
  /** Undefined for an identity token. */
  username?: string;
}

/** What a request sent as X-Registry-Auth says about the credentials in it (undefined: none were sent). */
export function sentCredentials(auth: object | undefined): SentCredentials | undefined {
  if (!auth) return undefined;
  const username = (auth as { username?: unknown }).username;
  return typeof username === 'string' && username ? { username } : {};
}

export function registryError(engineMessage: string, ref: ImageReference, op: 'pull' | 'push', statusCode?: number, sent?: SentCredentials): BerthError {
  const message = engineMessage.trim();
  const lower = message.toLowerCase();
  const registry = ref.domain;
  const name = `${ref.path.startsWith('library/') && registry === 'docker.io' ? ref.path.slice(8) : ref.path}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
  const details = { registry, reference: formatReference(ref), engineMessage: message, ...(statusCode ? { statusCode } : {}) };

  if (op === 'push' && /does not exist locally|no such image/.test(lower)) {
    return new BerthError('NOT_FOUND', `There is no local image ${formatReference(ref)} to push: tag an image with this name first`, { ...details, reason: 'not-found' });
  }
  if (/no basic auth credentials|unauthorized|authentication required|denied|401 unauthorized|incorrect username or password/.test(lower)) {
    const said = message.replace(/^.*?:\s*(?=[^:]*$)/, '').trim() || message;
    if (sent) {
      // Logged in already: "log in first" would send the user to the Registries page, to find it logged in.
      const who = sent.username ? `of ${sent.username} ` : '';
      const why = /denied/.test(lower) && !/unauthorized|authentication required|incorrect username or password/.test(lower)
        ? `The registry denied access to ${name} with the stored credentials ${who}for ${registry}: the repository may not exist, or that account may not ${op} it`
        : `The registry refused the stored credentials ${who}for ${registry}: log in again`;
      return new BerthError('ENGINE_ERROR', `${why} (${registry} said: ${said})`, { ...details, reason: 'unauthorized' });
    }
    return new BerthError('ENGINE_ERROR', `The registry refused access: log in first (${registry} said: ${said})`, { ...details, reason: 'unauthorized' });
  }
  if (statusCode === 404 || /manifest unknown|not found|repository does not exist|name unknown/.test(lower)) {
    const why = /manifest unknown/.test(lower) ? 'manifest unknown' : /name unknown|repository does not exist/.test(lower) ? 'repository unknown' : 'not found';
    return new BerthError('NOT_FOUND', `Image ${name} was not found in registry ${registry} (${why})`, { ...details, reason: 'not-found' });
  }
  const unreachable = unreachableReason(lower);
  if (unreachable) return new BerthError('ENGINE_ERROR', `Cannot reach registry ${registry}: ${unreachable}`, { ...details, reason: 'unreachable' });
  if (/invalid reference format/.test(lower)) {
    return new BerthError('VALIDATION', `Invalid reference "${formatReference(ref)}": ${message.replace(/^invalid reference format:?\s*/i, '') || 'the engine rejected it'}`, { ...details, reason: 'bad-reference' });
  }
  return new BerthError('ENGINE_ERROR', `${op === 'pull' ? 'Pull' : 'Push'} of ${formatReference(ref)} failed: ${message}`, details);
}

function unreachableReason(lower: string): string | undefined {
  if (lower.includes('connection refused')) return 'connection refused';
  if (lower.includes('no such host') || lower.includes('server misbehaving')) return 'the host name could not be resolved';
  if (lower.includes('i/o timeout') || lower.includes('timeout exceeded') || lower.includes('deadline exceeded')) return 'the connection timed out';
  if (lower.includes('network is unreachable') || lower.includes('no route to host')) return 'the network is unreachable';
  if (lower.includes('connection reset')) return 'the connection was reset';
  if (lower.includes('http response to https client')) return 'it speaks plain HTTP: add it to the engine\'s "insecure-registries"';
  if (lower.includes('x509') || lower.includes('certificate')) return 'its TLS certificate is not trusted by the engine';
  return undefined;
}
