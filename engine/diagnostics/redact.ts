import type { DockerConfig } from '../registry/docker-config.js';

export const REDACTED = '<redacted>';

/** Secrets shorter than this are not replaced by value (a 2-letter password would blank every word holding it); patterns still apply. */
const MIN_SECRET_LENGTH = 4;

/**
 * Replaces secrets in text that goes into a diagnostics bundle: every known secret value (the
 * browser-mode token, registry passwords and tokens, container environment values) wherever it appears,
 * then what looks like a secret by its shape (`password=…`, `Authorization: …`, `token=…` in a URL,
 * an `X-Registry-Auth` header).
 */
export class Redactor {
  private readonly secrets = new Set<string>();

  constructor(secrets: Iterable<string> = []) {
    for (const s of secrets) this.add(s);
  }

  add(secret: string | undefined): void {
    if (typeof secret !== 'string') return;
    const s = secret.trim();
    if (s.length < MIN_SECRET_LENGTH) return;
    this.secrets.add(s);
    // The same value as it appears in JSON text or in a URL.
    const json = JSON.stringify(s).slice(1, -1);
    if (json !== s) this.secrets.add(json);
    const url = encodeURIComponent(s);
    if (url !== s) this.secrets.add(url);
  }

  text(input: string): string {
    let out = input;
    // Longest first, so a secret containing another is replaced whole.
    for (const s of [...this.secrets].sort((a, b) => b.length - a.length)) out = out.split(s).join(REDACTED);
    return redactPatterns(out);
  }
}

const PATTERNS: [RegExp, string][] = [
  [/\b(authorization|x-registry-auth|x-registry-config|proxy-authorization)(["']?\s*[:=]\s*["']?)[^\s"',}]+(\s+[^\s"',}]+)?/gi, `$1$2${REDACTED}`],
  [/([?&](?:token|access_token|password|secret)=)[^&\s"']+/gi, `$1${REDACTED}`],
  [/\b((?:password|passwd|secret|identitytoken|registrytoken|auth|token)["']?\s*[:=]\s*["']?)(?!<redacted>)[^\s"',}]+/gi, `$1${REDACTED}`],
  [/(\/\/[^/\s:@]+:)[^@\s/]+@/g, `$1${REDACTED}@`],
];

export function redactPatterns(text: string): string {
  let out = text;
  for (const [re, to] of PATTERNS) out = out.replace(re, to);
  return out;
}

/** Every credential in a Docker config.json: passwords, tokens, and the user:password inside `auth`. */
export function dockerConfigSecrets(config: DockerConfig): string[] {
  const out: string[] = [];
  for (const entry of Object.values(config.auths ?? {})) {
    if (!entry || typeof entry !== 'object') continue;
    for (const key of ['auth', 'password', 'identitytoken', 'registrytoken'] as const) {
      const v = entry[key];
      if (typeof v === 'string' && v) out.push(v);
    }
    if (typeof entry.auth === 'string') {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon >= 0) out.push(decoded.slice(colon + 1));
    }
  }
  return out;
}

/** `KEY=value` → the value (what a container's Env holds). */
export function envValues(env: readonly string[] | null | undefined): string[] {
  return (env ?? []).flatMap((kv) => {
    const eq = kv.indexOf('=');
    return eq > 0 ? [kv.slice(eq + 1)] : [];
  });
}

/** `KEY=value` → `KEY=<redacted>`: names help a diagnosis, values may be secrets. */
export function redactEnv(env: readonly string[] | null | undefined): string[] {
  return (env ?? []).map((kv) => {
    const eq = kv.indexOf('=');
    return eq > 0 ? `${kv.slice(0, eq)}=${REDACTED}` : kv;
  });
}
