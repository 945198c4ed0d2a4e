/**
 * What counts as a secret by its name or its shape, for the diagnostics bundle (redact.ts).
 *
 * A name (a JSON key, an env variable's name) looks secret when, lower-cased and without `-`, `_`, `.`,
 * it contains password, passwd, secret, token, credential, apikey, accesskey, privatekey or
 * authorization, or it is or ends with `auth` or `pass` (auth, X-Registry-Auth, DB_PASS).
 *
 * An env value is replaced wherever it appears in free text (logs) only when it looks secret:
 * - its name looks secret and the value is 8+ characters, or 4+ and not a plain word (`hunter22`, not
 *   `true` or `linux`: a password that is a short dictionary word would blank that word everywhere);
 * - or, whatever its name, it is 12+ characters without spaces, mixing letters and digits, and is not
 *   a path, a list of paths, a URL or a version number (a generated key, a random password, an id).
 * Every env value is still redacted where it appears as a container's env (containers.json, `Env`).
 */
const SECRET_NAME_PARTS = ['password', 'passwd', 'secret', 'token', 'credential', 'apikey', 'accesskey', 'privatekey', 'authorization'];

export function isSecretKey(name: string): boolean {
  const n = name.toLowerCase().replace(/[-_.]/g, '');
  return SECRET_NAME_PARTS.some((p) => n.includes(p)) || n.endsWith('auth') || n.endsWith('pass');
}

export function looksLikeSecretValue(value: string, name?: string): boolean {
  const v = value.trim();
  if (name !== undefined && isSecretKey(name)) return v.length >= 8 || (v.length >= 4 && !/^[a-z]+$/i.test(v));
  if (v.length < 12 || /\s/.test(v)) return false;
  if (!/[a-z]/i.test(v) || !/\d/.test(v)) return false;
  if (/^[~/.]|^[a-z]:\\|:\//i.test(v)) return false; // a path, a list of paths, a URL
  if (/^v?\d+(\.\d+)+([-+~][\w.~+-]*)?$/i.test(v)) return false; // 1.25.3-alpine
  return true;
}
