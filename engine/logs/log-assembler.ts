import type { LogChunk, LogStreamName } from '../../contract/models/container-logs.js';

export interface LogAssemblerOptions {
  /** The engine prefixes each line with an RFC 3339 nano timestamp and a space. */
  timestamps: boolean;
  /** Longest line kept, in characters (default 256 KiB); longer lines are replaced by a note. */
  maxLineLength?: number;
  /** Most lines in one chunk (default 10,000). */
  maxChunkLines?: number;
  /** Most characters in one chunk's text (default 1 MiB); a single longer line still makes one chunk. */
  maxChunkChars?: number;
}

const TS_RE = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d) /;
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/**
 * Parse the engine's timestamp prefix. Returns ms since the epoch (sub-millisecond digits kept as the
 * fraction) and the length of the prefix, or undefined when the line has none.
 */
export function parseTimestampPrefix(line: string): { ms: number; length: number } | undefined {
  const m = TS_RE.exec(line);
  if (!m) return undefined;
  const base = Date.parse(`${m[1]}${m[3] === 'Z' ? 'Z' : m[3]}`);
  if (Number.isNaN(base)) return undefined;
  const frac = m[2] ? Number(`0.${m[2]}`) * 1000 : 0;
  return { ms: base + frac, length: m[0].length };
}

interface StreamState {
  decoder: TextDecoder;
  /** The start of a line whose newline has not come yet. */
  partial: string;
  /** An over-long line is being dropped up to its next newline. */
  skipping: boolean;
}

interface OpenChunk {
  stream: LogStreamName;
  /** Pieces of text, each one or more whole lines joined with "\n"; joined with "\n" on close. */
  parts: string[];
  count: number;
  chars: number;
  ts?: (number | null)[];
}

/**
 * Turns the bytes of each stream into LogChunks: consecutive lines of one stream, their text joined
 * with "\n". Each stream has its own streaming UTF-8 decoder and its own pending partial line, so a
 * character or a line split across frames or chunks is put back together, and stdout and stderr never
 * mix inside a line.
 *
 * Built for floods: without timestamps, a decoded run of whole lines goes into the chunk as one slice
 * (one indexOf per line to count them, no string per line). Lines are only split one by one when they
 * must be changed: a trailing "\r" (TTY output) to strip, an over-long line to replace, or the engine's
 * timestamp prefix to parse and strip.
 */
export class LogAssembler {
  private readonly states: Record<LogStreamName, StreamState>;
  private readonly timestamps: boolean;
  private readonly maxLineLength: number;
  private readonly maxChunkLines: number;
  private readonly maxChunkChars: number;
  private out: LogChunk[] = [];
  private open: OpenChunk | undefined;
  /** The last whole-second prefix parsed and its value: lines of one second share it (saves a Date.parse per line). */
  private lastSecond = '';
  private lastSecondMs = 0;

  constructor(options: LogAssemblerOptions) {
    this.maxLineLength = options.maxLineLength ?? 256 * 1024;
    const state = (): StreamState => ({ decoder: new TextDecoder('utf-8'), partial: '', skipping: false });
    this.states = { stdout: state(), stderr: state() };
    this.timestamps = options.timestamps;
    this.maxChunkLines = Math.max(1, options.maxChunkLines ?? 10_000);
    this.maxChunkChars = Math.max(1, options.maxChunkChars ?? 1024 * 1024);
  }

  /** Feed bytes (or already decoded text) of one stream. */
  push(stream: LogStreamName, data: Uint8Array | string): void {
    const st = this.states[stream];
    this.feed(stream, st, typeof data === 'string' ? data : st.decoder.decode(data, { stream: true }));
  }

  /** The source ended: flush the last unterminated lines. */
  end(): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      const st = this.states[stream];
      this.feed(stream, st, st.decoder.decode());
      if (!st.skipping && st.partial) this.lines(stream, st.partial);
      st.partial = '';
      st.skipping = false;
    }
  }

  /** The chunks completed since the last call (the open one included: a chunk never waits for more). */
  take(): LogChunk[] {
    this.close();
    const out = this.out;
    this.out = [];
    return out;
  }

  private feed(stream: LogStreamName, st: StreamState, text: string): void {
    let pos = 0;
    if (st.skipping) {
      const nl = text.indexOf('\n');
      if (nl < 0) return;
      st.skipping = false;
      pos = nl + 1;
    }
    const last = text.lastIndexOf('\n');
    if (last < pos) {
      this.addPartial(stream, st, pos ? text.slice(pos) : text);
      return;
    }
    const head = text.slice(pos, last);
    // The pending partial line may go over the limit with its end: that is checked per line.
    const region = st.partial ? st.partial + head : head;
    st.partial = '';
    this.lines(stream, region);
    if (last + 1 < text.length) this.addPartial(stream, st, text.slice(last + 1));
  }

  private addPartial(stream: LogStreamName, st: StreamState, piece: string): void {
    if (!piece) return;
    if (st.partial.length + piece.length > this.maxLineLength) {
      this.addLine(stream, this.overflowNote(), null);
      st.partial = '';
      st.skipping = true;
      return;
    }
    st.partial += piece;
  }

  /** Whole lines joined with "\n" (at least one line). */
  private lines(stream: LogStreamName, region: string): void {
    if (!this.timestamps && region.indexOf('\r') < 0) {
      // Count the lines and make sure none is too long: then the region goes in as it is.
      let count = 0;
      let p = 0;
      let tooLong = false;
      for (;;) {
        const nl = region.indexOf('\n', p);
        const end = nl < 0 ? region.length : nl;
        if (end - p > this.maxLineLength) tooLong = true;
        count++;
        if (nl < 0) break;
        p = nl + 1;
      }
      if (!tooLong) {
        this.addPiece(stream, region, count);
        return;
      }
    }
    const max = this.maxLineLength;
    for (let raw of region.split('\n')) {
      if (raw.charCodeAt(raw.length - 1) === 13) raw = raw.slice(0, -1);
      if (raw.length > max) {
        this.addLine(stream, this.overflowNote(), null);
        continue;
      }
      let ts: number | null = null;
      if (this.timestamps) {
        const parsed = this.fastTimestamp(raw) ?? parseTimestampPrefix(raw);
        if (parsed) {
          ts = parsed.ms;
          raw = raw.slice(parsed.length);
        }
      }
      this.addLine(stream, raw, ts);
    }
  }

  private overflowNote(): string {
    return `[Berth: a line longer than ${this.maxLineLength} characters was left out]`;
  }

  /** The open chunk for `stream`, closing the current one when it is of the other stream or full. */
  private chunkFor(stream: LogStreamName): OpenChunk {
    const o = this.open;
    if (o && o.stream === stream && o.count < this.maxChunkLines && o.chars < this.maxChunkChars) return o;
    this.close();
    const fresh: OpenChunk = { stream, parts: [], count: 0, chars: 0 };
    if (this.timestamps) fresh.ts = [];
    this.open = fresh;
    return fresh;
  }

  private addLine(stream: LogStreamName, text: string, ts: number | null): void {
    const c = this.chunkFor(stream);
    c.parts.push(text);
    c.count++;
    c.chars += text.length + 1;
    c.ts?.push(ts);
  }

  /** Add `count` whole lines joined with "\n", cut where the chunk limits fall. */
  private addPiece(stream: LogStreamName, piece: string, count: number): void {
    while (count > 0) {
      const c = this.chunkFor(stream);
      const roomLines = this.maxChunkLines - c.count;
      if (count <= roomLines && c.chars + piece.length < this.maxChunkChars) {
        c.parts.push(piece);
        c.count += count;
        c.chars += piece.length + 1;
        return;
      }
      // Take as many lines as fit (at least one when the chunk is empty), then go on in a new chunk.
      let k = 0;
      let p = 0;
      while (k < roomLines) {
        const nl = piece.indexOf('\n', p);
        if (nl < 0) break;
        if (c.chars + nl >= this.maxChunkChars && (k > 0 || c.count > 0)) break;
        k++;
        p = nl + 1;
      }
      if (k === 0) {
        if (c.count > 0) {
          this.close();
          continue;
        }
        // One line longer than a whole chunk: it gets a chunk of its own.
        const nl = piece.indexOf('\n');
        k = 1;
        p = nl < 0 ? piece.length + 1 : nl + 1;
      }
      c.parts.push(piece.slice(0, p - 1));
      c.count += k;
      c.chars += p;
      piece = piece.slice(p);
      count -= k;
      this.close();
    }
  }

  private close(): void {
    const o = this.open;
    if (!o) return;
    this.open = undefined;
    const chunk: LogChunk = { stream: o.stream, text: o.parts.length === 1 ? o.parts[0]! : o.parts.join('\n'), count: o.count };
    if (o.ts) chunk.ts = o.ts;
    this.out.push(chunk);
  }

  /** The engine's usual form, "2026-11-23T16:57:47.123456789Z ", parsed with a per-second cache. */
  private fastTimestamp(raw: string): { ms: number; length: number } | undefined {
    const space = raw.indexOf(' ');
    if (space < 21 || space > 31 || raw.charCodeAt(space - 1) !== 90 /* Z */ || raw.charCodeAt(19) !== 46 /* . */ || raw.charCodeAt(10) !== 84 /* T */) return undefined;
    const digits = space - 21;
    if (digits < 1 || digits > 9) return undefined;
    let frac = 0;
    for (let i = 20; i < space - 1; i++) {
      const d = raw.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return undefined;
      frac = frac * 10 + d;
    }
    const second = raw.slice(0, 19);
    if (second !== this.lastSecond) {
      const ms = Date.parse(`${second}Z`);
      if (Number.isNaN(ms)) return undefined;
      this.lastSecond = second;
      this.lastSecondMs = ms;
    }
    return { ms: this.lastSecondMs + (frac * 1000) / POW10[digits]!, length: space + 1 };
  }
}
