import type { IncomingHttpHeaders } from 'node:http';
import { tokensMatch } from './token.js';

/**
 * Who may talk to the browser-mode server: a request must be addressed to our loopback host and port
 * (defeats DNS rebinding), come from no other origin than ours (defeats cross-site requests and
 * WebSocket hijacking), and carry the token, either as the cookie we set or as a Bearer header.
 */
export type GuardResult =
  | { ok: true }
  | { ok: false; status: 401 | 403; reason: string };

export interface RequestGuard {
  readonly cookieName: string;
  /** The origins the page can have: http://127.0.0.1:PORT and http://localhost:PORT. */
  readonly origins: readonly string[];
  check(headers: IncomingHttpHeaders): GuardResult;
  /** Whether a `?token=` value is the right one. */
  tokenMatches(token: string): boolean;
  /** The Set-Cookie value that stores the token in the browser. */
  setCookie(): string;
}

export function cookieNameFor(port: number): string {
  // Cookies are not port-scoped, so two Berth servers on one host must not overwrite each other's.
  return `berth_token_${port}`;
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!out.has(name)) out.set(name, part.slice(eq + 1).trim());
  }
  return out;
}

function bearer(header: string | undefined): string | undefined {
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return m?.[1];
}

export function createRequestGuard(token: string, port: number): RequestGuard {
  const cookieName = cookieNameFor(port);
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  const origins = hosts.map((h) => `http://${h}`);
  return {
    cookieName,
    origins,
    tokenMatches: (given) => tokensMatch(given, token),
    setCookie: () => `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`,
    check(headers) {
      const host = headers.host?.toLowerCase();
      if (!host || !hosts.includes(host)) {
        return { ok: false, status: 403, reason: `Berth only answers requests addressed to ${hosts[0]} (this one was for "${headers.host ?? ''}").` };
      }
      const origin = headers.origin;
      if (origin !== undefined && !origins.includes(origin.toLowerCase())) {
        return { ok: false, status: 403, reason: `Requests from the origin "${origin}" are refused: only the Berth page itself (${origins[0]}) may call Berth.` };
      }
      const given = bearer(headers.authorization) ?? parseCookies(headers.cookie).get(cookieName);
      if (!tokensMatch(given, token)) {
        return {
          ok: false,
          status: 401,
          reason:
            given === undefined
              ? 'Berth needs its access token. Open the exact address Berth printed when it started (it ends with ?token=...).'
              : 'The access token is wrong or out of date (Berth makes a new one each time it starts). Open the address Berth printed this time.',
        };
      }
      return { ok: true };
    },
  };
}
