/** One challenge of a WWW-Authenticate header, e.g. Bearer realm="…",service="…",scope="…". */
export interface AuthChallenge {
  /** Lower-case scheme: "basic", "bearer"… */
  scheme: string;
  /** Parameter names lower-cased. */
  params: Record<string, string>;
}

/**
 * Parse a WWW-Authenticate header (RFC 7235): one or more challenges, each a scheme followed by
 * comma-separated auth-params whose values are tokens or quoted strings (with \-escapes).
 */
export function parseWwwAuthenticate(header: string): AuthChallenge[] {
  const challenges: AuthChallenge[] = [];
  let i = 0;
  const n = header.length;
  const skipSpace = () => {
    while (i < n && (header[i] === ' ' || header[i] === '\t')) i++;
  };
  const readToken = () => {
    const start = i;
    while (i < n && /[!#$%&'*+.^_`|~0-9A-Za-z-]/.test(header[i] ?? '')) i++;
    return header.slice(start, i);
  };
  const readQuoted = () => {
    let out = '';
    i++; // opening quote
    while (i < n && header[i] !== '"') {
      if (header[i] === '\\' && i + 1 < n) i++;
      out += header[i];
      i++;
    }
    i++; // closing quote
    return out;
  };

  let current: AuthChallenge | undefined;
  while (i < n) {
    skipSpace();
    while (i < n && header[i] === ',') {
      i++;
      skipSpace();
    }
    if (i >= n) break;
    const token = readToken();
    if (!token) {
      i++; // unexpected character: skip it
      continue;
    }
    skipSpace();
    if (header[i] === '=' && current) {
      // auth-param (a token68 such as "abc==" also lands here and is ignored)
      i++;
      skipSpace();
      const value = header[i] === '"' ? readQuoted() : readToken();
      current.params[token.toLowerCase()] = value;
      continue;
    }
    current = { scheme: token.toLowerCase(), params: {} };
    challenges.push(current);
  }
  return challenges;
}

/** The challenge to answer: Bearer when offered (it carries realm/service/scope), else Basic. */
export function pickChallenge(challenges: AuthChallenge[]): AuthChallenge | undefined {
  return challenges.find((c) => c.scheme === 'bearer' && c.params.realm) ?? challenges.find((c) => c.scheme === 'basic');
}

/** The URL of the next page from a Link header (`<…>; rel="next"`), resolved against the request URL. */
export function nextLink(linkHeader: string | null, base: string): string | undefined {
  if (!linkHeader) return undefined;
  for (const part of linkHeader.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>\s*(.*)$/.exec(part);
    if (!m) continue;
    const params = m[2] ?? '';
    if (/(^|;)\s*rel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?\s*(;|$)/i.test(params)) {
      try {
        return new URL(m[1] ?? '', base).toString();
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
