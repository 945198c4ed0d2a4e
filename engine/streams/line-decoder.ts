/** One result of splitting a byte stream into lines. */
export type LineItem =
  /** A complete line, without its "\n" (and without a trailing "\r"). */
  | { kind: 'line'; text: string }
  /** A line grew past `maxLineLength` characters; it was dropped up to its next newline. */
  | { kind: 'overflow'; limit: number };

export interface LineDecoderOptions {
  /** Longest line kept, in UTF-16 characters (default 1 MiB). Longer lines become one `overflow` item. */
  maxLineLength?: number;
}

export const DEFAULT_MAX_LINE_LENGTH = 1024 * 1024;

/**
 * Push-based splitter of a UTF-8 byte stream into lines. Decodes with a streaming TextDecoder, so a
 * multi-byte character split across chunks is decoded correctly; invalid bytes become U+FFFD. Memory is
 * bounded by `maxLineLength`: an over-long line is dropped (one `overflow` item) up to its next newline.
 *
 * ```ts
 * const lines = new LineDecoder({ maxLineLength: 8192 });
 * child.stdout.on('data', (chunk) => lines.push(chunk).forEach(handle));
 * child.stdout.on('end', () => lines.end().forEach(handle));
 * ```
 */
export class LineDecoder {
  private readonly decoder = new TextDecoder('utf-8');
  private readonly max: number;
  private parts: string[] = [];
  private length = 0;
  private skipping = false;

  constructor(options: LineDecoderOptions = {}) {
    this.max = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
    if (!(this.max > 0)) throw new RangeError(`maxLineLength must be positive, got ${String(options.maxLineLength)}`);
  }

  /** Feed the next chunk; returns the lines it completed (possibly none). */
  push(chunk: Uint8Array | string): LineItem[] {
    const text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    return this.split(text);
  }

  /** The input ended: returns the last line if it had no trailing newline. The decoder can be reused after. */
  end(): LineItem[] {
    const out = this.split(this.decoder.decode());
    if (!this.skipping && this.length > 0) out.push(this.take());
    this.reset();
    return out;
  }

  private split(text: string): LineItem[] {
    const out: LineItem[] = [];
    let pos = 0;
    while (pos < text.length) {
      const nl = text.indexOf('\n', pos);
      const end = nl < 0 ? text.length : nl;
      if (!this.skipping) {
        const piece = text.slice(pos, end);
        if (this.length + piece.length > this.max) {
          out.push({ kind: 'overflow', limit: this.max });
          this.reset();
          this.skipping = true;
        } else if (piece) {
          this.parts.push(piece);
          this.length += piece.length;
        }
      }
      if (nl < 0) break;
      if (this.skipping) this.reset();
      else out.push(this.take());
      pos = nl + 1;
    }
    return out;
  }

  private take(): LineItem {
    let text = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    if (text.endsWith('\r')) text = text.slice(0, -1);
    this.parts = [];
    this.length = 0;
    return { kind: 'line', text };
  }

  private reset(): void {
    this.parts = [];
    this.length = 0;
    this.skipping = false;
  }
}
