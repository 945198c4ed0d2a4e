import type { LogStreamName } from '../../../../contract/models/container-logs.js';

const BLOCK_BITS = 12;
const BLOCK = 1 << BLOCK_BITS; // 4096 lines per block
const MASK = BLOCK - 1;

interface Block {
  text: string[];
  /** 0 = stdout, 1 = stderr. */
  stream: Uint8Array;
  /** ms since the epoch, NaN when unknown. */
  ts: Float64Array;
}

export const DEFAULT_LOG_LIMIT = 100_000;
export const MIN_LOG_LIMIT = 1_000;
export const MAX_LOG_LIMIT = 1_000_000;

/**
 * A bounded ring of log lines stored column-wise in blocks of 4096: one string array plus typed arrays
 * for stream and timestamp per block, never an object per line. Lines have absolute sequence numbers
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
    const s = stream === 'stderr' ? 1 : 0;
    for (let i = 0; i < lines.length; i++) {
      const rel = this.end - this.baseSeq;
      const bi = rel >>> BLOCK_BITS;
      let block = this.blocks[bi];
      if (!block) {
        block = { text: [], stream: new Uint8Array(BLOCK), ts: new Float64Array(BLOCK).fill(NaN) };
        this.blocks.push(block);
      }
      const off = rel & MASK;
      block.text[off] = lines[i]!;
      block.stream[off] = s;
      const t = ts?.[i];
      if (t != null) block.ts[off] = t;
      this.end++;
    }
    this.trim();
    return start;
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
    return this.blocks[rel >>> BLOCK_BITS]?.text[rel & MASK] ?? '';
  }

  stream(seq: number): LogStreamName {
    const rel = seq - this.baseSeq;
    return this.blocks[rel >>> BLOCK_BITS]?.stream[rel & MASK] === 1 ? 'stderr' : 'stdout';
  }

  /** ms since the epoch, or undefined. */
  timestamp(seq: number): number | undefined {
    const rel = seq - this.baseSeq;
    const t = this.blocks[rel >>> BLOCK_BITS]?.ts[rel & MASK];
    return t === undefined || Number.isNaN(t) ? undefined : t;
  }

  /** Calls fn for every kept line from `from` (default: the first), in order: a tight loop for search. */
  forEachText(fn: (text: string, seq: number) => void, from = this.first): void {
    let seq = Math.max(from, this.first);
    while (seq < this.end) {
      const rel = seq - this.baseSeq;
      const block = this.blocks[rel >>> BLOCK_BITS]!;
      const stop = Math.min(this.end, seq - (rel & MASK) + BLOCK);
      const text = block.text;
      for (let off = rel & MASK; seq < stop; off++, seq++) fn(text[off]!, seq);
    }
  }

  private trim(): void {
    const excess = this.size - this.limitValue;
    if (excess <= 0) return;
    const oldFirst = this.first;
    this.first += excess;
    this.droppedCount += excess;
    // Release whole blocks that hold only dropped lines; blank dropped strings in the first block.
    while (this.blocks.length && this.first - this.baseSeq >= BLOCK) {
      this.blocks.shift();
      this.baseSeq += BLOCK;
    }
    const block = this.blocks[0];
    if (block) for (let off = Math.max(0, oldFirst - this.baseSeq); off < this.first - this.baseSeq; off++) block.text[off] = '';
  }
}

function clampLimit(n: number): number {
  if (!Number.isFinite(n)) return DEFAULT_LOG_LIMIT;
  return Math.min(MAX_LOG_LIMIT, Math.max(MIN_LOG_LIMIT, Math.round(n)));
}
