import type { LogBuffer } from './log-buffer.js';

export interface SearchOptions {
  regex: boolean;
  caseSensitive: boolean;
}

export type MatcherResult = { ok: true; re: RegExp } | { ok: false; error: string } | null;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The pattern for a search box: plain text (escaped) or a regular expression, case-sensitive or not.
 * Null for an empty query; an invalid regex gives a readable error instead of throwing.
 */
export function buildMatcher(query: string, options: SearchOptions): MatcherResult {
  if (!query) return null;
  const flags = options.caseSensitive ? '' : 'i';
  if (!options.regex) return { ok: true, re: new RegExp(escape(query), flags) };
  try {
    return { ok: true, re: new RegExp(query, flags) };
  } catch (err) {
    // The browser says "Invalid regular expression: /(/i: Unterminated group": the pattern is in
    // the box already, and the "i" flag (case-insensitive) was never typed; only the reason is kept.
    const why = err instanceof Error ? err.message.replace(/^Invalid regular expression: /, '').replace(/^\/[\s\S]*\/[a-z]*: /, '') : String(err);
    return { ok: false, error: `Invalid regular expression: ${why.charAt(0).toLowerCase()}${why.slice(1)}` };
  }
}

/** [start, end) ranges of every match in one line, for highlighting (zero-length matches skipped). */
export function matchRanges(text: string, re: RegExp, max = 200): [number, number][] {
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  const out: [number, number][] = [];
  let m: RegExpExecArray | null;
  while (out.length < max && (m = g.exec(text))) {
    if (m[0].length === 0) {
      g.lastIndex++;
      continue;
    }
    out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

/**
 * The lines of a LogBuffer that match a pattern, kept up to date incrementally: new lines are scanned
 * as they arrive (`extend`), dropped lines fall off the front (`prune`). Matches are the sequence
 * numbers of the lines, ascending.
 */
export class LogSearch {
  private seqs: number[] = [];
  private head = 0;
  private scannedTo = 0;
  /** Time the last full scan took (ms). */
  lastScanMs = 0;

  constructor(readonly re: RegExp) {}

  /** Scan the whole buffer again. */
  rescan(buffer: LogBuffer): void {
    const t0 = performance.now();
    this.seqs = [];
    this.head = 0;
    this.scannedTo = buffer.firstSeq;
    this.extend(buffer);
    this.lastScanMs = performance.now() - t0;
  }

  /** Scan lines added since the last scan, and forget matches of dropped lines. */
  extend(buffer: LogBuffer): void {
    const re = this.re;
    const seqs = this.seqs;
    if (this.scannedTo < buffer.firstSeq) this.scannedTo = buffer.firstSeq;
    // Lines are matched without their ANSI escapes, as they are shown ("^red" finds a red "red").
    buffer.forEachPlainText((text, seq) => {
      if (re.test(text)) seqs.push(seq);
    }, this.scannedTo);
    this.scannedTo = buffer.endSeq;
    this.prune(buffer.firstSeq);
  }

  prune(firstSeq: number): void {
    const seqs = this.seqs;
    let h = this.head;
    while (h < seqs.length && seqs[h]! < firstSeq) h++;
    this.head = h;
    if (h > 65_536 && h > seqs.length / 2) {
      this.seqs = seqs.slice(h);
      this.head = 0;
    }
  }

  get count(): number {
    return this.seqs.length - this.head;
  }

  /** seq of the i-th match (0-based). */
  at(i: number): number {
    return this.seqs[this.head + i]!;
  }

  /** Index of the first match with seq >= `seq` (count when none). */
  indexAtOrAfter(seq: number): number {
    let lo = this.head;
    let hi = this.seqs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.seqs[mid]! < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo - this.head;
  }

  /** Index of the match for line `seq`, or -1. */
  indexOf(seq: number): number {
    const i = this.indexAtOrAfter(seq);
    return i < this.count && this.at(i) === seq ? i : -1;
  }
}
