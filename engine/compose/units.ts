import { sizeBytes } from '../../contract/domains/container-run-parse.js';

/** A compose duration ("1m30s", "10s", "500ms", "1.5h", or a number of seconds) in nanoseconds; undefined when invalid. */
export function parseDuration(v: string | number): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? Math.round(v * 1e9) : undefined;
  const s = v.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1e9);
  const unit: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let i = 0;
  if (!s) return undefined;
  while (i < s.length) {
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m) return undefined;
    total += Number(m[1]) * unit[m[2]!]!;
    i = re.lastIndex;
  }
  return Math.round(total);
}

/**
 * A compose byte size ("64M", "1g", "512k", "64MiB", "64Mi", "100b", or a number of bytes) in bytes;
 * undefined when invalid. The run dialog's parser, so a size means the same in both.
 */
export function parseBytes(v: string | number): number | undefined {
  return sizeBytes(v);
}

/**
 * A command line split as compose splits `command: "…"` (shlex, POSIX): spaces separate words, single
 * quotes are literal, double quotes allow \" \\ \$ \`, a backslash outside quotes escapes the next
 * character. Undefined when a quote is not closed.
 */
export function splitCommand(line: string): string[] | undefined {
  const out: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (/\s/.test(c)) {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return undefined;
      cur += line.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      i++;
      for (; i < line.length && line[i] !== '"'; i++) {
        if (line[i] === '\\' && i + 1 < line.length && '"\\$`\n'.includes(line[i + 1]!)) i++;
        cur += line[i];
      }
      if (i >= line.length) return undefined;
    } else if (c === '\\' && i + 1 < line.length) {
      cur += line[++i];
    } else {
      cur += c;
    }
  }
  if (inWord) out.push(cur);
  return out;
}
