import type { DockerConfig } from '../registry/docker-config.js';
import { isSecretKey, looksLikeSecretValue } from './secret-shape.js';

export const REDACTED = '<redacted>';

/** Secrets shorter than this are not replaced by value (a 2-letter password would blank every word holding it); patterns still apply. */
const MIN_SECRET_LENGTH = 4;

/**
 * Redacts what goes into a diagnostics bundle, in two ways.
 *
 * - `json(value)` walks a value before it is written as JSON, so the file stays valid JSON: a string or
 *   number under a secret-looking key (secret-shape.ts isSecretKey) becomes "<redacted>" (null, booleans
 *   and empty strings are kept: they hold nothing); every value of a container env list (`Env`,
 *   `KEY=value` strings) becomes `KEY=<redacted>`; every other string goes through `text()`.
 * - `text(input)` (logs, and each JSON string) replaces every known secret value wherever it appears,
 *   then what looks like a secret by its shape (`password=…`, `Authorization: …`, `token=…` in a URL, a
 *   user:password in a URL).
 *
 * Known secrets are the ones the host names (the browser-mode token), the registry credentials, and
 * the container env values that look secret (`addEnv`: by their key, or by their own shape). Ordinary
 * env values (`true`, `running`, `linux`, a path, a version) are not replaced in free text: they are
 * still redacted where they appear as a container's env, which is where they are container env.
 */
export class Redactor {
  private readonly secrets = new Set<string>();

  constructor(secrets: Iterable<string> = []) {
    for (const s of secrets) this.add(s);
  }

  /** A known secret: replaced wherever it appears (from 4 characters). */
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

  /** A container's env (`KEY=value`): the values that look secret become known secrets for free text. */
  addEnv(env: readonly string[] | null | undefined): void {
    for (const kv of env ?? []) {
      const eq = kv.indexOf('=');
      if (eq > 0 && looksLikeSecretValue(kv.slice(eq + 1), kv.slice(0, eq))) this.add(kv.slice(eq + 1));
    }
  }

  text(input: string): string {
    let out = input;
    // Longest first, so a secret containing another is replaced whole.
    for (const s of [...this.secrets].sort((a, b) => b.length - a.length)) out = out.split(s).join(REDACTED);
    return redactPatterns(out);
  }

  /** A redacted copy of a JSON-able value (see the class comment); the input is not changed. */
  json(value: unknown): unknown {
    return this.walk(value, false);
  }

  private walk(value: unknown, secret: boolean): unknown {
    if (value === null || typeof value === 'boolean' || value === undefined) return value;
    if (typeof value === 'string') return secret && value !== '' ? REDACTED : this.text(value);
    if (typeof value === 'number') return secret ? REDACTED : value;
    if (Array.isArray(value)) return value.map((v) => this.walk(v, secret));
    if (typeof value === 'object') {
      const toJSON = (value as { toJSON?: () => unknown }).toJSON;
      if (typeof toJSON === 'function') return this.walk(toJSON.call(value), secret);
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        if (isEnvList(k, v)) out[k] = redactEnv(v);
        else out[k] = this.walk(v, secret || isSecretKey(k));
      }
      return out;
    }
    return value;
  }
}

/** `Env: ["KEY=value", …]` (container inspect, create) or `env` in Berth's own files. */
function isEnvList(key: string, value: unknown): value is string[] {
  return key.toLowerCase() === 'env' && Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** A value after a secret-looking name, unless it is null/true/false (nothing to hide, and JSON must stay JSON). */
const VALUE = `(?!<redacted>)(?!(?:null|true|false)\\b)[^\\s"',}]+`;
const PATTERNS: [RegExp, string][] = [
  [new RegExp(`\\b(authorization|x-registry-auth|x-registry-config|proxy-authorization)(["']?\\s*[:=]\\s*["']?)${VALUE}(\\s+[^\\s"',}]+)?`, 'gi'), `$1$2${REDACTED}`],
  [/([?&](?:token|access_token|password|secret)=)[^&\s"']+/gi, `$1${REDACTED}`],
  [/(\/\/[^/\s:@]+:)[^@\s/]+@/g, `$1${REDACTED}@`],
  // A token after its scheme without "Authorization:" before it (a curl line in a log, an error quoting a header).
  [/\b(Bearer|Basic)(\s+)(?!<redacted>)[\w.~+/=-]{8,}/g, `$1$2${REDACTED}`],
];

/** `--password hunter22`: a flag with a secret-looking name and its value after a space (`--x=v` is NAMED's). */
const FLAG = /(?<![\w-])(--[\w.-]+)(\s+)(?![-<])([^\s"',}]+)/g;

/**
 * `name=value` or `"name": "value"` whose name looks secret by the same rule as JSON keys and env names
 * (secret-shape.ts isSecretKey). A list of words (`\bpassword`) missed the names that join words with
 * `_`, the way env variables do: `exec: "MYSQL_ROOT_PASSWORD=…"` (docker's error for a command that is an
 * assignment) reached errors.json whole, and so did GITHUB_TOKEN=… or DB_PASS=… in a log. A name starts
 * only where no name character precedes it, so each place in a long log is tried once.
 */
const NAMED = new RegExp(`(?<![\\w.-])([\\w.-]{1,128})(["']?\\s*[:=]\\s*["']?)`, 'g');

export function redactPatterns(text: string): string {
  let out = text;
  for (const [re, to] of PATTERNS) out = out.replace(re, to);
  out = out.replace(FLAG, (all: string, flag: string, space: string) => (isSecretKey(flag) && !/stdin$/i.test(flag) ? `${flag}${space}${REDACTED}` : all));
  return redactNamed(out);
}

/**
 * NAMED over the text, the value read only after a secret name: after an ordinary name the search goes
 * on inside its value (`exec: "DB_PASS=…"` is first the name exec), and reading each value whole would
 * make a long `a:b:c:…` quadratic.
 */
function redactNamed(text: string): string {
  const names = new RegExp(NAMED.source, 'g');
  const value = new RegExp(VALUE, 'y');
  let out = '';
  let from = 0;
  for (let m = names.exec(text); m; m = names.exec(text)) {
    if (!isSecretKey(m[1]!)) continue;
    value.lastIndex = names.lastIndex;
    if (!value.test(text)) continue;
    out += text.slice(from, names.lastIndex) + REDACTED;
    from = names.lastIndex = value.lastIndex;
  }
  return out + text.slice(from);
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
