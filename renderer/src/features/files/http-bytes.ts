import { BerthError, parseErrorShape } from '../../../../contract/errors.js';

/**
 * Browser mode moves the Files tab's bytes over plain HTTP on the page's own origin
 * (server/byte-http.ts: GET/HEAD and PUT /bytes/<method>?args=<json>), not over the WebSocket:
 * Chromium takes a 32 MiB file through fetch/XHR or its own download in a quarter of the time it
 * takes through a WebSocket (issue #8). The WebSocket keeps every control message, and the desktop
 * app keeps its IPC byte streams.
 */

/** Where the back end serves a download or an upload over HTTP. */
export function bytesUrl(name: string, args: unknown): string {
  return `/bytes/${encodeURIComponent(name)}?args=${encodeURIComponent(JSON.stringify(args))}`;
}

/** Browser mode (no Electron bridge): bytes go over HTTP. */
export function bytesOverHttp(): boolean {
  return typeof window !== 'undefined' && !window.berth && typeof XMLHttpRequest !== 'undefined';
}

/** The headers server/byte-http.ts sets. */
export const ERROR_HEADER = 'X-Berth-Error';
export const HEAD_HEADER = 'X-Berth-Head';
export const TICKET_HEADER = 'X-Berth-Ticket';

/** The JSON value of a header set with encodeURIComponent(JSON.stringify(…)); undefined when absent or malformed. */
export function jsonHeader(value: string | null): unknown {
  if (!value) return undefined;
  try {
    return JSON.parse(decodeURIComponent(value));
  } catch {
    return undefined;
  }
}

/** The BerthError a failed answer carries (its JSON body or header), or a readable one from its status. */
export function errorFromAnswer(status: number, body: string, header: string | null = null): BerthError {
  let shape = parseErrorShape(jsonHeader(header));
  if (!shape) {
    try {
      shape = parseErrorShape((JSON.parse(body) as { error?: unknown }).error);
    } catch {
      // Not JSON: the guard's plain-text refusal (no token, wrong origin…), or a proxy's page.
    }
  }
  if (shape) return BerthError.from(shape);
  const text = body.trim();
  if (status === 401 || status === 403) return new BerthError('UNAUTHORIZED', text || 'Berth refused the request (no access token). Reload the page from the address Berth printed.');
  return new BerthError('TRANSPORT', text ? `Berth answered ${status}: ${text}` : `Berth answered with HTTP status ${status}`);
}
