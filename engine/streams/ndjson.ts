import { DEFAULT_MAX_LINE_LENGTH, LineDecoder } from './line-decoder.js';

/**
 * Safe NDJSON (newline-delimited JSON) reading, for the engine's /events, pull, push and build
 * progress streams.
 *
 * ```ts
 * for await (const item of readNdjson(await docker.pull('busybox'))) {
 *   if (item.ok) handleProgress(item.value); // value: unknown, validate before use
 *   else log(`line ${item.line}: ${item.error.message}`); // a bad line never ends the stream
 * }
 * ```
 *
 * Guarantees: UTF-8 is decoded with a streaming decoder (characters split across chunks are fine);
 * memory is bounded by `maxLineLength`; a line that is not JSON or is too long yields an error item
 * and reading goes on; empty lines are skipped; a last line without "\n" is still read. Errors of
 * the source itself (socket reset…) are thrown by the iterator, as for any AsyncIterable. Stopping
 * early (`break`, `return()`) stops the source.
 */
export type NdjsonItem =
  | { ok: true; value: unknown; /** The raw line (lets callers read exact big integers, e.g. timeNano). */ text: string; line: number }
  | { ok: false; error: NdjsonError; line: number };

export interface NdjsonError {
  reason: 'invalid-json' | 'line-too-long';
  /** Readable, e.g. `Invalid JSON on line 3: Unexpected token 'x' … ("xyz…")`. */
  message: string;
  /** The start of the bad line (at most 120 characters), for invalid JSON. */
  excerpt?: string;
}

export interface NdjsonOptions {
  /** Longest line accepted, in characters (default 1 MiB). */
  maxLineLength?: number;
}

const EXCERPT = 120;

export async function* readNdjson(source: AsyncIterable<Uint8Array | string>, options: NdjsonOptions = {}): AsyncGenerator<NdjsonItem, void, undefined> {
  const parser = new NdjsonParser(options);
  for await (const chunk of source) yield* parser.push(chunk);
  yield* parser.end();
}

/** Push-based form of {@link readNdjson}, for callers that get chunks from events rather than an iterable. */
export class NdjsonParser {
  private readonly lines: LineDecoder;
  private readonly max: number;
  private lineNo = 0;

  constructor(options: NdjsonOptions = {}) {
    this.max = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
    this.lines = new LineDecoder({ maxLineLength: this.max });
  }

  push(chunk: Uint8Array | string): NdjsonItem[] {
    return this.parse(this.lines.push(chunk));
  }

  end(): NdjsonItem[] {
    return this.parse(this.lines.end());
  }

  private parse(items: ReturnType<LineDecoder['push']>): NdjsonItem[] {
    const out: NdjsonItem[] = [];
    for (const item of items) {
      const line = ++this.lineNo;
      if (item.kind === 'overflow') {
        out.push({ ok: false, line, error: { reason: 'line-too-long', message: `Line ${line} is longer than ${item.limit} characters; skipped` } });
        continue;
      }
      const text = item.text.trim();
      if (!text) continue;
      try {
        out.push({ ok: true, value: JSON.parse(text) as unknown, text, line });
      } catch (err) {
        const excerpt = text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text;
        const why = err instanceof Error ? err.message : String(err);
        out.push({ ok: false, line, error: { reason: 'invalid-json', message: `Invalid JSON on line ${line}: ${why}`, excerpt } });
      }
    }
    return out;
  }
}
