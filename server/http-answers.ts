import type { ErrorCode } from '../contract/index.js';

/** What the byte requests' HTTP answers say (byte-http.ts): the status for each error code, and a download's file name. */

/** The HTTP status that stands for a BerthError's code. */
export function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION':
      return 400;
    case 'UNAUTHORIZED':
      return 401;
    case 'UNKNOWN_METHOD':
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
      return 409;
    case 'ENGINE_ERROR':
      return 502;
    case 'ENGINE_UNAVAILABLE':
      return 503;
    case 'TRANSPORT':
    case 'CANCELLED':
      return 400;
    default:
      return 500;
  }
}

/**
 * `attachment` with the file's name: a plain-ASCII fallback (quotes, backslashes and control
 * characters replaced) and the exact name as RFC 5987 UTF-8.
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_') || 'download';
  const exact = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${exact}`;
}
