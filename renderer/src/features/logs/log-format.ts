import type { LogBuffer } from './log-buffer.js';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Local time with milliseconds, e.g. "2026-11-23 16:57:47.123". */
export function formatLogTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** Longest part of one line put in the DOM; the rest is summarised (the buffer keeps it all). */
export const MAX_RENDERED_CHARS = 10_000;

/** Characters shown before a search match that lies beyond the start of a long line. */
const MATCH_CONTEXT = 200;

/**
 * The part [start, end) of a line of `length` characters put in the DOM: all of a short line; of a
 * longer one its first `max` characters, or, when the first search match ([start, end) in the line)
 * does not fit in them, `max` characters from a little before that match, so it shows highlighted.
 */
export function renderedWindow(length: number, match?: readonly [number, number], max = MAX_RENDERED_CHARS): { start: number; end: number } {
  if (length <= max) return { start: 0, end: length };
  if (!match || match[1] <= max) return { start: 0, end: max };
  const start = Math.max(0, Math.min(match[0] - MATCH_CONTEXT, length - max));
  return { start, end: start + max };
}

/** What the viewer says in place of the characters of a long line it leaves out, before or after the part shown. */
export function hiddenCharsText(count: number, where: 'before' | 'after'): string {
  const n = count.toLocaleString('en-US');
  const chars = count === 1 ? 'character' : 'characters';
  return where === 'before' ? `(${n} ${chars} before; download to see them) … ` : ` … (${n} more ${chars}; download to see them)`;
}

/** The lines kept in the buffer as text parts for a Blob (one part per ~4096 lines). */
export function bufferToParts(buffer: LogBuffer, timestamps: boolean): string[] {
  const parts: string[] = [];
  let lines: string[] = [];
  buffer.forEachText((text, seq) => {
    const ts = timestamps ? buffer.timestamp(seq) : undefined;
    lines.push(ts !== undefined ? `${new Date(ts).toISOString()} ${text}` : text);
    if (lines.length >= 4096) {
      parts.push(`${lines.join('\n')}\n`);
      lines = [];
    }
  });
  if (lines.length) parts.push(`${lines.join('\n')}\n`);
  return parts;
}

/** A file name for a download: "<name>-20261123-165747.log". */
export function logFileName(name: string, now = new Date()): string {
  const safe = name.replace(/[^A-Za-z0-9_.-]+/g, '_') || 'container';
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  return `${safe}-${stamp}.log`;
}

const count = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** The status line under the log: "1 line kept (limit 100,000) · 12 older lines dropped". */
export function keptText(size: number, limit: number, dropped: number): string {
  return `${count(size, 'line', 'lines')} kept (limit ${limit.toLocaleString()})${dropped > 0 ? ` · ${count(dropped, 'older line', 'older lines')} dropped` : ''}`;
}

/** "the last 5 minutes", "the last hour", "the last 24 hours": a Since choice in a sentence. */
function lastPeriod(seconds: number): string {
  if (seconds % 3600 === 0) return seconds === 3600 ? 'the last hour' : `the last ${count(seconds / 3600, 'hour', 'hours')}`;
  if (seconds % 60 === 0) return seconds === 60 ? 'the last minute' : `the last ${count(seconds / 60, 'minute', 'minutes')}`;
  return `the last ${count(seconds, 'second', 'seconds')}`;
}

/**
 * What an empty log says. With a Since choice, the container may well have older lines: it says there
 * are none in that period, never "no log lines yet".
 */
export function emptyLogHint(following: boolean, sinceSeconds: number | undefined): string {
  if (sinceSeconds !== undefined) return `No log lines in ${lastPeriod(sinceSeconds)}.${following ? ' New lines appear here as they are written.' : ''}`;
  return following ? 'No log lines yet. New lines appear here as they are written.' : 'This container has no log lines for this selection.';
}
