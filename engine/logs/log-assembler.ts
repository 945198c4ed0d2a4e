import type { LogChunk, LogStreamName } from '../../contract/models/container-logs.js';
import { LineDecoder } from '../streams/line-decoder.js';

export interface LogAssemblerOptions {
  /** The engine prefixes each line with an RFC 3339 nano timestamp and a space. */
  timestamps: boolean;
  /** Longest line kept, in characters (default 256 KiB); longer lines are replaced by a note. */
  maxLineLength?: number;
  /** Most lines in one chunk (default 500). */
  maxChunkLines?: number;
}

const TS_RE = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d) /;

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

/**
 * Turns the bytes of each stream into lines and groups consecutive lines of one stream into
 * LogChunks. Each stream has its own streaming UTF-8 line decoder, so a character or a line split
 * across frames or chunks is put back together, and stdout and stderr never mix inside a line.
 */
export class LogAssembler {
  private readonly decoders: Record<LogStreamName, LineDecoder>;
  private readonly timestamps: boolean;
  private readonly maxChunkLines: number;
  private out: LogChunk[] = [];
  /** The last whole-second prefix parsed and its value: lines of one second share it (saves a Date.parse per line). */
  private lastSecond = '';
  private lastSecondMs = 0;

  constructor(options: LogAssemblerOptions) {
    const maxLineLength = options.maxLineLength ?? 256 * 1024;
    this.decoders = { stdout: new LineDecoder({ maxLineLength }), stderr: new LineDecoder({ maxLineLength }) };
    this.timestamps = options.timestamps;
    this.maxChunkLines = options.maxChunkLines ?? 500;
  }

  /** Feed bytes of one stream. */
  push(stream: LogStreamName, data: Uint8Array | string): void {
    for (const item of this.decoders[stream].push(data)) {
      this.add(stream, item.kind === 'line' ? item.text : `[Berth: a line longer than ${item.limit} characters was left out]`);
    }
  }

  /** The source ended: flush the last unterminated lines. */
  end(): void {
    for (const stream of ['stdout', 'stderr'] as const) for (const item of this.decoders[stream].end()) if (item.kind === 'line') this.add(stream, item.text);
  }

  /** The chunks completed since the last call. */
  take(): LogChunk[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  /** The engine's usual form, "2026-11-23T16:57:47.123456789Z ", parsed with a per-second cache. */
  private fastTimestamp(raw: string): { ms: number; length: number } | undefined {
    const space = raw.indexOf(' ');
    if (space < 20 || space > 30 || raw.charCodeAt(space - 1) !== 90 /* Z */ || raw.charCodeAt(19) !== 46 /* . */ || raw.charCodeAt(10) !== 84 /* T */) return undefined;
    const second = raw.slice(0, 19);
    if (second !== this.lastSecond) {
      const ms = Date.parse(`${second}Z`);
      if (Number.isNaN(ms)) return undefined;
      this.lastSecond = second;
      this.lastSecondMs = ms;
    }
    const frac = raw.slice(20, space - 1);
    if (!/^\d{1,9}$/.test(frac)) return undefined;
    return { ms: this.lastSecondMs + Number(`0.${frac}`) * 1000, length: space + 1 };
  }

  private add(stream: LogStreamName, raw: string): void {
    let text = raw;
    let ts: number | null = null;
    if (this.timestamps) {
      const fast = this.fastTimestamp(raw);
      const parsed = fast ?? parseTimestampPrefix(raw);
      if (parsed) {
        ts = parsed.ms;
        text = raw.slice(parsed.length);
      }
    }
    let last = this.out[this.out.length - 1];
    if (!last || last.stream !== stream || last.lines.length >= this.maxChunkLines) {
      last = this.timestamps ? { stream, lines: [], ts: [] } : { stream, lines: [] };
      this.out.push(last);
    }
    last.lines.push(text);
    last.ts?.push(ts);
  }
}
