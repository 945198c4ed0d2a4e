import { interpolate, InterpolationError, type Vars } from './interpolate.js';

export interface EnvFileIssue {
  line: number;
  column: number;
  message: string;
}

/**
 * A `.env` / `env_file` file, as compose v2 reads it: `KEY=VALUE` lines, `export ` allowed, `#`
 * comments, single quotes literal, double quotes with \n \t \" \\ escapes, ` #` starting a comment
 * after an unquoted value, `${VAR}` interpolated (outside single quotes) from `lookup` and the
 * lines above. A bare `KEY` takes its value from `lookup`, or is left out when unset.
 */
export function parseEnvFile(text: string, lookup: Vars = {}): { values: Record<string, string>; issues: EnvFileIssue[] } {
  const values: Record<string, string> = {};
  const issues: EnvFileIssue[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    // A double-quoted value may run over several lines: its problems are placed on the line it starts on.
    const start = n;
    let line = lines[n]!;
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const indent = line.length - line.trimStart().length;
    line = trimmed.replace(/^export\s+/, '');
    const eq = line.indexOf('=');
    const key = (eq < 0 ? line : line.slice(0, eq)).trim();
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key)) {
      issues.push({ line: n + 1, column: indent + 1, message: `"${key}" is not a valid variable name (expected KEY=VALUE)` });
      continue;
    }
    if (eq < 0) {
      const v = lookup[key] ?? values[key];
      if (v !== undefined) values[key] = v;
      continue;
    }
    let raw = line.slice(eq + 1).trim();
    const scope: Vars = { ...values, ...lookup };
    try {
      if (raw.startsWith("'")) {
        const end = raw.indexOf("'", 1);
        if (end < 0) throw new InterpolationError('a single quote is not closed');
        values[key] = raw.slice(1, end);
      } else if (raw.startsWith('"')) {
        let out = '';
        let i = 1;
        // A double-quoted value may span lines.
        while (true) {
          if (i >= raw.length) {
            if (n + 1 >= lines.length) throw new InterpolationError('a double quote is not closed');
            raw += `\n${lines[++n]!}`;
            continue;
          }
          const c = raw[i]!;
          if (c === '"') break;
          if (c === '\\' && i + 1 < raw.length) {
            const e = raw[i + 1]!;
            out += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
            i += 2;
            continue;
          }
          out += c;
          i++;
        }
        values[key] = interpolate(out, scope);
      } else {
        const hash = raw.search(/\s#/);
        if (hash >= 0) raw = raw.slice(0, hash).trimEnd();
        values[key] = interpolate(raw, scope);
      }
    } catch (err) {
      issues.push({ line: start + 1, column: indent + eq + 2, message: `${key}: ${err instanceof Error ? err.message : String(err)}` });
    }
  }
  return { values, issues };
}
