import type { CSSProperties, ReactNode } from 'react';
import { hasControls, parseAnsi, xterm256, type AnsiColor, type AnsiLine, type AnsiStyle } from './ansi.js';
import './ansi.css';

/**
 * The inline style of a styled run. Palette colours 0–15 are theme tokens (ansi.css): `--ansi-N` as
 * text, `--ansi-bg-N` as background, each chosen for 4.5:1 against the log background and the default
 * log text. 256-colour cube/grey entries and truecolor are used as given, as a terminal would. On a
 * background without a text colour, the text is the log text, or dark when the background is light.
 */
export function ansiCss(style: AnsiStyle): CSSProperties {
  const css: CSSProperties = {};
  const { fg, bg } = style;
  if (style.inverse) {
    css.color = bg !== undefined ? colour(bg, 'bg') : 'var(--log-bg)';
    css.backgroundColor = fg !== undefined ? colour(fg, 'fg') : 'var(--log-text)';
  } else {
    if (fg !== undefined) css.color = colour(fg, 'fg');
    // On a background, the default text is set too (a stderr line's tint may not read on it).
    else if (bg !== undefined) css.color = isLight(bg) ? 'var(--log-bg)' : 'var(--log-text)';
    if (bg !== undefined) css.backgroundColor = colour(bg, 'bg');
  }
  if (style.bold) css.fontWeight = 700;
  if (style.dim) css.opacity = 0.8;
  if (style.italic) css.fontStyle = 'italic';
  if (style.underline || style.strike) css.textDecorationLine = `${style.underline ? 'underline' : ''} ${style.strike ? 'line-through' : ''}`.trim();
  return css;
}

function colour(c: AnsiColor, role: 'fg' | 'bg'): string {
  if (typeof c === 'string') return c;
  if (c < 16) return role === 'fg' ? `var(--ansi-${c})` : `var(--ansi-bg-${c})`;
  return xterm256(c);
}

/** A background the default (light) log text does not read on: white, bright white, or a light RGB. */
function isLight(bg: AnsiColor): boolean {
  if (typeof bg === 'number' && bg < 16) return bg === 7 || bg === 15;
  const hex = typeof bg === 'number' ? xterm256(bg) : bg;
  const lin = (i: number) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  // Above 0.18 relative luminance, dark text has the better contrast.
  return 0.2126 * lin(1) + 0.7152 * lin(3) + 0.0722 * lin(5) > 0.18;
}

export interface AnsiRenderOptions {
  /** Show the plain text from this character on (0: from the start). */
  from?: number;
  /** Show at most this many characters of the plain text (from `from`). */
  limit?: number;
  /** [start, end) ranges of the plain text to wrap in <mark> (search matches), ascending. */
  marks?: readonly (readonly [number, number])[];
  markClassName?: string;
}

/**
 * A parsed line as React nodes: styled runs as <span style>, plain text as strings, search matches
 * as <mark> inside them (a match across runs is split at the run boundary).
 */
export function renderAnsi(line: AnsiLine, { from = 0, limit = Infinity, marks = [], markClassName }: AnsiRenderOptions = {}): ReactNode[] {
  const end = Math.min(line.text.length, from + limit);
  const out: ReactNode[] = [];
  let m = 0;
  const piece = (from: number, to: number, style: AnsiStyle | null) => {
    if (from >= to) return;
    const parts: ReactNode[] = [];
    let pos = from;
    while (m < marks.length && marks[m]![1] <= from) m++;
    for (let j = m; j < marks.length && marks[j]![0] < to; j++) {
      const s = Math.max(marks[j]![0], from);
      const e = Math.min(marks[j]![1], to);
      if (s > pos) parts.push(line.text.slice(pos, s));
      parts.push(
        <mark key={`m${s}`} className={markClassName}>
          {line.text.slice(s, e)}
        </mark>,
      );
      pos = e;
    }
    if (pos < to) parts.push(line.text.slice(pos, to));
    if (style) {
      out.push(
        <span key={`s${from}`} style={ansiCss(style)}>
          {parts}
        </span>,
      );
    } else out.push(...parts);
  };
  let pos = from;
  for (const run of line.runs) {
    if (run.start >= end) break;
    if (run.end <= from) continue;
    const start = Math.max(run.start, from);
    piece(pos, start, null);
    piece(start, Math.min(run.end, end), run.style);
    pos = Math.min(run.end, end);
  }
  piece(pos, end, null);
  return out;
}

/**
 * Lines of terminal output (a build step's output) in a <pre>: joined as they are when none holds an
 * escape (the common case costs nothing more), else each line parsed on its own.
 */
export function AnsiLines({ lines }: { lines: readonly string[] }): ReactNode {
  if (!lines.some(hasControls)) return lines.join('\n');
  return lines.map((l, i) => {
    const nl = i < lines.length - 1 ? '\n' : '';
    if (!hasControls(l)) return <span key={i}>{l + nl}</span>;
    return (
      <span key={i}>
        {renderAnsi(parseAnsi(l))}
        {nl}
      </span>
    );
  });
}
