/**
 * ANSI escape sequences in text that programs wrote for a terminal (container logs, build output).
 * SGR ("ESC [ … m") styles are parsed into styled runs; every other escape sequence (cursor moves,
 * erase, OSC titles and hyperlinks, DCS/APC strings, charset selection…) and every other C0 control
 * except tab and "\r" is dropped. "\r" does what it does in a terminal: the text after it overwrites
 * the line from its start, so a progress line written as "10%\r20%\r…\r100%" reads "100%", as
 * `docker logs` shows it in a terminal, not "10%20%…100%" (carriageReturns below).
 *
 * Text without ESC (0x1b) or "\r" is never scanned: callers check `hasControls` (two indexOf) and
 * keep their fast path. A line is parsed on its own and starts plain: `docker logs` lines are
 * independent.
 *
 * Our own parser rather than a library: `anser` (the usual choice) splits on "ESC [" only, so OSC
 * titles and hyperlinks, "ESC ( B" and lone controls stay in the text; it keeps colour state in the
 * instance across calls, ignores colon sub-parameters ("38:2::r:g:b") and gives fixed RGB colours,
 * not theme tokens. `fancy-ansi` renders HTML strings (no way to merge search highlights). This file
 * is a single pass over the line with no regex and no dependency.
 */

/** A palette index (0–255; 0–15 come from theme tokens) or a "#rrggbb" colour (truecolor). */
export type AnsiColor = number | string;

export interface AnsiStyle {
  readonly fg?: AnsiColor;
  readonly bg?: AnsiColor;
  readonly bold?: true;
  readonly dim?: true;
  readonly italic?: true;
  readonly underline?: true;
  readonly inverse?: true;
  readonly strike?: true;
}

/** A styled run of the plain text: [start, end) in `AnsiLine.text`. Unstyled text has no run. */
export interface AnsiRun {
  start: number;
  end: number;
  style: AnsiStyle;
}

export interface AnsiLine {
  /** The text without escapes: what search, highlighting and copy work on. */
  text: string;
  /** Styled runs in order, not overlapping. */
  runs: AnsiRun[];
}

const ESC = 0x1b;
const PLAIN: AnsiStyle = Object.freeze({});

/** Whether the text holds an ESC or a "\r": anything to parse, strip or overwrite. */
export function hasControls(text: string): boolean {
  return text.indexOf('\x1b') >= 0 || text.indexOf('\r') >= 0;
}

/** The text as a terminal shows it: no escape sequences or controls, "\r" applied; other text comes back as it is. */
export function stripAnsi(text: string): string {
  return hasControls(text) ? scan(text, false).text : text;
}

/** The text as a terminal shows it ("\r" applied), without escapes, and its styled runs. */
export function parseAnsi(text: string): AnsiLine {
  return hasControls(text) ? scan(text, true) : { text, runs: [] };
}

function scan(s: string, styles: boolean): AnsiLine {
  const n = s.length;
  const runs: AnsiRun[] = [];
  let text = '';
  let style = PLAIN;
  let runStart = 0;
  let from = 0;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if ((c >= 0x20 && c !== 0x7f) || c === 0x09 || c === 0x0d) {
      i++;
      continue;
    }
    if (i > from) text += s.slice(from, i);
    if (c !== ESC) {
      // Another C0 control (BEL, backspace…) or DEL: dropped.
      from = ++i;
      continue;
    }
    const next = i + 1 < n ? s.charCodeAt(i + 1) : -1;
    let end: number;
    if (next === 0x5b) {
      // CSI: parameter bytes, intermediate bytes, a final byte.
      let k = i + 2;
      while (k < n && isParam(s.charCodeAt(k))) k++;
      const paramsEnd = k;
      while (k < n && isIntermediate(s.charCodeAt(k))) k++;
      const final = k < n ? s.charCodeAt(k) : -1;
      if (final >= 0x40 && final <= 0x7e) {
        end = k + 1;
        if (styles && final === 0x6d && paramsEnd === k) {
          const nextStyle = applySgr(style, s.slice(i + 2, paramsEnd));
          if (!sameStyle(nextStyle, style)) {
            if (style !== PLAIN && text.length > runStart) runs.push({ start: runStart, end: text.length, style });
            style = nextStyle;
            runStart = text.length;
          }
        }
      } else end = k; // Cut short: drop what was read; what follows is text again.
    } else if (next === 0x5d || next === 0x50 || next === 0x58 || next === 0x5e || next === 0x5f) {
      // OSC, DCS, SOS, PM, APC: a string up to ST (ESC \) or BEL; unterminated, to the end of the line.
      end = n;
      for (let k = i + 2; k < n; k++) {
        const d = s.charCodeAt(k);
        if (d === 0x07) {
          end = k + 1;
          break;
        }
        if (d === ESC && s.charCodeAt(k + 1) === 0x5c) {
          end = k + 2;
          break;
        }
      }
    } else if (next >= 0x20 && next <= 0x7e) {
      // Other escapes: intermediates, then a final byte ("ESC ( B", "ESC 7", "ESC M", "ESC =").
      let k = i + 1;
      while (k < n && isIntermediate(s.charCodeAt(k))) k++;
      end = k < n && s.charCodeAt(k) >= 0x30 && s.charCodeAt(k) <= 0x7e ? k + 1 : k;
    } else end = i + 1; // A lone ESC.
    from = i = end;
  }
  if (n > from) text += from === 0 ? s : s.slice(from);
  if (style !== PLAIN && text.length > runStart) runs.push({ start: runStart, end: text.length, style });
  return text.indexOf('\r') >= 0 ? carriageReturns(text, runs) : { text, runs };
}

/**
 * A terminal's "\r": back to the start of the line, where what follows overwrites what was there,
 * one character at a time, each keeping its own style ("50%\r7" reads "70%"). A "\r" at the end
 * (a CRLF line) moves nothing visible.
 */
function carriageReturns(text: string, runs: readonly AnsiRun[]): AnsiLine {
  const chars: string[] = [];
  const styles: (AnsiStyle | undefined)[] = [];
  let col = 0;
  let r = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\r') {
      col = 0;
      continue;
    }
    while (r < runs.length && runs[r]!.end <= i) r++;
    const run = runs[r];
    chars[col] = ch;
    styles[col] = run && run.start <= i ? run.style : undefined;
    col++;
  }
  const out: AnsiRun[] = [];
  for (let i = 0; i < styles.length; i++) {
    const style = styles[i];
    if (!style) continue;
    const last = out[out.length - 1];
    if (last && last.end === i && last.style === style) last.end = i + 1;
    else out.push({ start: i, end: i + 1, style });
  }
  return { text: chars.join(''), runs: out };
}

const isParam = (c: number) => c >= 0x30 && c <= 0x3f;
const isIntermediate = (c: number) => c >= 0x20 && c <= 0x2f;

type MutableStyle = { -readonly [K in keyof AnsiStyle]: AnsiStyle[K] };

/** The style after one SGR sequence ("1;31", "38;5;208", "38:2::255:0:0", "" = reset). */
export function applySgr(style: AnsiStyle, params: string): AnsiStyle {
  // A private marker ("ESC [ > 4 ; 2 m", xterm's modifyOtherKeys) is not SGR.
  if (params && params.charCodeAt(0) >= 0x3c) return style;
  const out: MutableStyle = { ...style };
  const parts = params.split(';');
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k]!;
    if (p.includes(':')) {
      // Sub-parameters (ITU T.416): "38:5:n", "38:2:[colourspace]:r:g:b", "4:3" (curly underline).
      const sub = p.split(':');
      const code = Number(sub[0] || 0);
      if (code === 38 || code === 48) {
        const colour = sub[1] === '5' ? paletteIndex(sub[2]) : sub[1] === '2' ? rgb(sub.slice(sub.length >= 6 ? 3 : 2)) : undefined;
        if (colour !== undefined) out[code === 38 ? 'fg' : 'bg'] = colour;
      } else if (code === 4) set(out, 'underline', sub[1] !== '0');
      continue;
    }
    const code = p === '' ? 0 : Number(p);
    if (code === 38 || code === 48 || code === 58) {
      // Extended colour in separate parameters: "38;5;n" or "38;2;r;g;b" (58: underline colour, skipped).
      const mode = parts[k + 1];
      let colour: AnsiColor | undefined;
      if (mode === '5') {
        colour = paletteIndex(parts[k + 2]);
        k += 2;
      } else if (mode === '2') {
        colour = rgb(parts.slice(k + 2, k + 5));
        k += 4;
      } else break; // Unknown form: the rest cannot be read reliably.
      if (colour !== undefined && code !== 58) out[code === 38 ? 'fg' : 'bg'] = colour;
      continue;
    }
    if (code === 0) {
      for (const key of Object.keys(out) as (keyof MutableStyle)[]) delete out[key];
    } else if (code === 1) out.bold = true;
    else if (code === 2) out.dim = true;
    else if (code === 3) out.italic = true;
    else if (code === 4 || code === 21) out.underline = true;
    else if (code === 7) out.inverse = true;
    else if (code === 9) out.strike = true;
    else if (code === 22) set(set(out, 'bold', false), 'dim', false);
    else if (code === 23) set(out, 'italic', false);
    else if (code === 24) set(out, 'underline', false);
    else if (code === 27) set(out, 'inverse', false);
    else if (code === 29) set(out, 'strike', false);
    else if (code >= 30 && code <= 37) out.fg = code - 30;
    else if (code === 39) delete out.fg;
    else if (code >= 40 && code <= 47) out.bg = code - 40;
    else if (code === 49) delete out.bg;
    else if (code >= 90 && code <= 97) out.fg = code - 90 + 8;
    else if (code >= 100 && code <= 107) out.bg = code - 100 + 8;
    // Anything else (blink, hidden, fonts, overline…): ignored.
  }
  return Object.keys(out).length ? out : PLAIN;
}

function set(style: MutableStyle, key: 'bold' | 'dim' | 'italic' | 'underline' | 'inverse' | 'strike', on: boolean): MutableStyle {
  if (on) style[key] = true;
  else delete style[key];
  return style;
}

function paletteIndex(p: string | undefined): number | undefined {
  if (!p) return undefined;
  const n = Number(p);
  return Number.isInteger(n) && n >= 0 && n <= 255 ? n : undefined;
}

function rgb(parts: (string | undefined)[]): string | undefined {
  if (parts.length < 3) return undefined;
  let hex = '#';
  for (let j = 0; j < 3; j++) {
    const v = Number(parts[j] || 0);
    if (!Number.isInteger(v) || v < 0 || v > 255) return undefined;
    hex += v.toString(16).padStart(2, '0');
  }
  return hex;
}

function sameStyle(a: AnsiStyle, b: AnsiStyle): boolean {
  if (a === b) return true;
  return (
    a.fg === b.fg && a.bg === b.bg && a.bold === b.bold && a.dim === b.dim && a.italic === b.italic && a.underline === b.underline && a.inverse === b.inverse && a.strike === b.strike
  );
}

/** "#rrggbb" of xterm's 256-colour palette entries 16–255 (the 6×6×6 cube, then 24 greys). */
export function xterm256(index: number): string {
  let r: number, g: number, b: number;
  if (index >= 232) r = g = b = 8 + (index - 232) * 10;
  else {
    const i = index - 16;
    const level = (v: number) => (v ? 55 + v * 40 : 0);
    r = level(Math.floor(i / 36));
    g = level(Math.floor(i / 6) % 6);
    b = level(i % 6);
  }
  return `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * A bounded cache of parsed lines by key (a log line's seq): the rows in view are parsed once, not
 * at every render while lines stream in. Cleared when full (a few screens of rows).
 */
export class AnsiLineCache<K> {
  private readonly map = new Map<K, AnsiLine>();
  constructor(private readonly max = 2000) {}

  get(key: K, raw: string): AnsiLine {
    let line = this.map.get(key);
    if (!line) {
      if (this.map.size >= this.max) this.map.clear();
      line = parseAnsi(raw);
      this.map.set(key, line);
    }
    return line;
  }

  clear(): void {
    this.map.clear();
  }
}
