import type { LogStreamName } from '../../../../contract/models/container-logs.js';
import { hasControls, stripAnsi } from '../../ui/ansi.js';

const BLOCK_BITS = 12;
const BLOCK = 1 << BLOCK_BITS; // 4096 lines per block
const MASK = BLOCK - 1;

interface Block {
  /**
   * Per line, the text it is in (a chunk's text: lines joined with "\n") and where it starts there.
   * Lines are never copied out: a million lines are a few hundred strings for the garbage collector
   * to trace and move, not a million (which made its pauses freeze the view during a flood).
   */
  piece: string[];
  start: Int32Array;
  /** 0 = stdout, 1 = stderr. */
  stream: Uint8Array;
  /** ms since the epoch, NaN when unknown; made at the block's first timestamp (most loads have none). */
  ts?: Float64Array;
}

export const DEFAULT_LOG_LIMIT = 100_000;
export const MIN_LOG_LIMIT = 1_000;
export const MAX_LOG_LIMIT = 1_000_000;

/**
 * A bounded ring of log lines stored column-wise in blocks of 4096: an array of text references plus
 * typed arrays for start, stream and timestamp per block, never an object per line. Lines have absolute sequence numbers
 * (`seq`) that never change: line `seq` is kept while `firstSeq <= seq < endSeq`. When the limit is
 * passed the oldest lines are dropped (whole blocks are released as soon as they are empty).
 */
export class LogBuffer {
  private blocks: Block[] = [];
  /** seq of blocks[0][0]. */
  private baseSeq = 0;
  private first = 0;
  private end = 0;
  private limitValue: number;
  private droppedCount = 0;

  constructor(limit = DEFAULT_LOG_LIMIT) {
    this.limitValue = clampLimit(limit);
  }

  get firstSeq(): number {
    return this.first;
  }
  get endSeq(): number {
    return this.end;
  }
  get size(): number {
    return this.end - this.first;
  }
  get limit(): number {
    return this.limitValue;
  }
  /** Lines dropped because the limit was reached, since the last clear(). */
  get dropped(): number {
    return this.droppedCount;
  }

  /** Append lines of one stream (ts: one per line, or omitted). Returns the seq of the first new line. */
  append(stream: LogStreamName, lines: readonly string[], ts?: readonly (number | null)[]): number {
    const start = this.end;
    if (lines.length) this.appendText(stream, lines.join('\n'), 0, Infinity, ts);
    return start;
  }

  /**
   * Append lines of one stream from `text` (lines joined with "\n", as in a LogChunk): at most
   * `maxLines` of them, from character `from` (the start of a line). `ts`: one per line of the whole
   * text, or omitted; `line`: the index in it of the line at `from`. Returns where the next line
   * starts, or -1 once the text's last line is in.
   */
  appendText(stream: LogStreamName, text: string, from = 0, maxLines = Infinity, ts?: readonly (number | null)[], line = 0): number {
    const s = stream === 'stderr' ? 1 : 0;
    let pos = from;
    for (let n = 0; n < maxLines && pos >= 0; n++) {
      const rel = this.end - this.baseSeq;
      const bi = rel >>> BLOCK_BITS;
      let block = this.blocks[bi];
      if (!block) {
        block = { piece: [], start: new Int32Array(BLOCK), stream: new Uint8Array(BLOCK), };
        this.blocks.push(block);
      }
      const off = rel & MASK;
      block.piece[off] = text;
      block.start[off] = pos;
      block.stream[off] = s;
      const t = ts?.[line + n];
      if (t != null) (block.ts ??= new Float64Array(BLOCK).fill(NaN))[off] = t;
      this.end++;
      const nl = text.indexOf('\n', pos);
      pos = nl < 0 ? -1 : nl + 1;
    }
    this.trim();
    return pos;
  }

  setLimit(limit: number): void {
    this.limitValue = clampLimit(limit);
    this.trim();
  }

  /**
   * Count `n` lines as received-and-dropped without storing them: used when a batch holds more new
   * lines than the limit, so the oldest of them would be dropped at once. Everything kept goes too.
   */
  skip(n: number): void {
    if (n <= 0) return;
    this.droppedCount += this.size + n;
    this.end += n;
    this.blocks = [];
    this.baseSeq = this.end;
    this.first = this.end;
  }

  clear(): void {
    this.blocks = [];
    this.baseSeq = this.end;
    this.first = this.end;
    this.droppedCount = 0;
  }

  has(seq: number): boolean {
    return seq >= this.first && seq < this.end;
  }

  text(seq: number): string {
    const rel = seq - this.baseSeq;
    const block = this.blocks[rel >>> BLOCK_BITS];
    const piece = block?.piece[rel & MASK];
    return piece === undefined ? '' : lineAt(piece, block!.start[rel & MASK]!);
  }

  stream(seq: number): LogStreamName {
    const rel = seq - this.baseSeq;
    return this.blocks[rel >>> BLOCK_BITS]?.stream[rel & MASK] === 1 ? 'stderr' : 'stdout';
  }

  /** ms since the epoch, or undefined. */
  timestamp(seq: number): number | undefined {
    const rel = seq - this.baseSeq;
    const t = this.blocks[rel >>> BLOCK_BITS]?.ts?.[rel & MASK];
    return t === undefined || Number.isNaN(t) ? undefined : t;
  }

  /** Calls fn for every kept line from `from` (default: the first), in order: a tight loop for search. */
  forEachText(fn: (text: string, seq: number) => void, from = this.first): void {
    let seq = Math.max(from, this.first);
    while (seq < this.end) {
      const rel = seq - this.baseSeq;
      const block = this.blocks[rel >>> BLOCK_BITS]!;
      const stop = Math.min(this.end, seq - (rel & MASK) + BLOCK);
      const { piece, start } = block;
      for (let off = rel & MASK; seq < stop; off++, seq++) fn(lineAt(piece[off]!, start[off]!), seq);
    }
  }

  /**
   * Like forEachText, but each line without its ANSI escapes (what search matches). A chunk's text
   * is checked for ESC once: lines of a chunk without any are passed as they are, at the same cost.
   */
  forEachPlainText(fn: (text: string, seq: number) => void, from = this.first): void {
    let seq = Math.max(from, this.first);
    let lastPiece: string | undefined;
    let escapes = false;
    while (seq < this.end) {
      const rel = seq - this.baseSeq;
      const block = this.blocks[rel >>> BLOCK_BITS]!;
      const stop = Math.min(this.end, seq - (rel & MASK) + BLOCK);
      const { piece, start } = block;
      for (let off = rel & MASK; seq < stop; off++, seq++) {
        const p = piece[off]!;
        if (p !== lastPiece) {
          lastPiece = p;
          escapes = hasControls(p);
        }
        const line = lineAt(p, start[off]!);
        fn(escapes ? stripAnsi(line) : line, seq);
      }
    }
  }

  private trim(): void {
    const excess = this.size - this.limitValue;
    if (excess <= 0) return;
    const oldFirst = this.first;
    this.first += excess;
    this.droppedCount += excess;
    // Release whole blocks that hold only dropped lines; drop the first block's references to dropped lines' texts.
    while (this.blocks.length && this.first - this.baseSeq >= BLOCK) {
      this.blocks.shift();
      this.baseSeq += BLOCK;
    }
    const block = this.blocks[0];
    if (block) for (let off = Math.max(0, oldFirst - this.baseSeq); off < this.first - this.baseSeq; off++) block.piece[off] = '';
  }
}

/** The line of `text` that starts at `start`. */
function lineAt(text: string, start: number): string {
  const nl = text.indexOf('\n', start);
  return text.slice(start, nl < 0 ? text.length : nl);
}

/** A line limit within MIN_LOG_LIMIT..MAX_LOG_LIMIT (the default for a non-number). */
export function clampLimit(n: number): number {
  if (!Number.isFinite(n)) return DEFAULT_LOG_LIMIT;
  return Math.min(MAX_LOG_LIMIT, Math.max(MIN_LOG_LIMIT, Math.round(n)));
}
