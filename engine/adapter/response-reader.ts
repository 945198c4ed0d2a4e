/** What the engine's HTTP/1.1 answer head said. */
export interface ResponseHead {
  statusCode: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
}

export interface ResponseReaderHandlers {
  head(head: ResponseHead): void;
  /** A piece of the body (chunk framing removed): a view of the pushed buffer, valid only during the call. */
  body(bytes: Buffer): void;
  /** The body is complete (last chunk, or Content-Length reached). */
  complete(): void;
}

type State = 'head' | 'size' | 'data' | 'data-end' | 'trailers' | 'length' | 'close' | 'done';

const MAX_HEAD = 64 * 1024;
const MAX_LINE = 4096;

/**
 * An incremental reader of one HTTP/1.1 response: status line and headers, then a chunked,
 * Content-Length or close-delimited body. Written for the engine's streaming answers (logs: a million
 * one-line chunks), where a general-purpose JavaScript parser spent most of its time on bookkeeping
 * per chunk (http-parser-js: ~780 ms of 2.8 s of back-end CPU for a million lines; this loop is a
 * byte scan per chunk head and a slice per chunk). Throws on a malformed answer.
 */
export class ResponseReader {
  private state: State = 'head';
  private carry: Buffer = Buffer.alloc(0);
  private remaining = 0;

  constructor(private readonly on: ResponseReaderHandlers) {}

  get done(): boolean {
    return this.state === 'done';
  }

  /** The connection ended: a close-delimited body is complete; anything else ends early (false). */
  end(): boolean {
    if (this.state === 'close') {
      this.state = 'done';
      this.on.complete();
      return true;
    }
    return this.state === 'done';
  }

  push(input: Buffer): void {
    let buf = input;
    let i = 0;
    if (this.carry.length) {
      buf = Buffer.concat([this.carry, input]);
      this.carry = Buffer.alloc(0);
    }
    while (i < buf.length && this.state !== 'done') {
      switch (this.state) {
        case 'head': {
          const end = buf.indexOf('\r\n\r\n', i, 'latin1');
          if (end < 0) return this.keep(buf, i, MAX_HEAD, 'The engine answered with a head longer than 64 KiB');
          this.readHead(buf.toString('latin1', i, end));
          i = end + 4;
          break;
        }
        case 'size': {
          const end = buf.indexOf(0x0a, i);
          if (end < 0) return this.keep(buf, i, MAX_LINE, 'The engine sent an over-long chunk size line');
          let line = buf.toString('latin1', i, end);
          i = end + 1;
          const semi = line.indexOf(';');
          if (semi >= 0) line = line.slice(0, semi);
          line = line.trim();
          if (!/^[0-9a-fA-F]+$/.test(line)) throw new Error(`The engine sent a bad chunk size: ${JSON.stringify(line.slice(0, 40))}`);
          const size = parseInt(line, 16);
          if (size === 0) this.state = 'trailers';
          else {
            this.remaining = size;
            this.state = 'data';
          }
          break;
        }
        case 'data':
        case 'length': {
          const n = Math.min(this.remaining, buf.length - i);
          if (n > 0) this.on.body(buf.subarray(i, i + n));
          i += n;
          this.remaining -= n;
          if (this.remaining === 0) {
            if (this.state === 'length') this.finish();
            else this.state = 'data-end';
          }
          break;
        }
        case 'data-end': {
          // The CRLF after a chunk's data.
          if (buf[i] === 0x0d) i++;
          if (i >= buf.length) return;
          if (buf[i] !== 0x0a) throw new Error('The engine sent a chunk without its closing line break');
          i++;
          this.state = 'size';
          break;
        }
        case 'trailers': {
          const end = buf.indexOf(0x0a, i);
          if (end < 0) return this.keep(buf, i, MAX_HEAD, 'The engine sent over-long trailers');
          const line = buf.toString('latin1', i, end).trim();
          i = end + 1;
          if (!line) this.finish();
          break;
        }
        case 'close':
          this.on.body(buf.subarray(i));
          i = buf.length;
          break;
      }
    }
  }

  private readHead(text: string): void {
    const lines = text.split('\r\n');
    const status = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '');
    if (!status) throw new Error(`The engine's answer is not HTTP: ${JSON.stringify((lines[0] ?? '').slice(0, 60))}`);
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const statusCode = Number(status[1]);
    this.on.head({ statusCode, headers });
    if (/\bchunked\b/i.test(headers['transfer-encoding'] ?? '')) this.state = 'size';
    else if (headers['content-length'] !== undefined) {
      this.remaining = Number(headers['content-length']);
      if (!Number.isSafeInteger(this.remaining) || this.remaining < 0) throw new Error(`The engine sent a bad Content-Length: ${headers['content-length']}`);
      if (this.remaining === 0) this.finish();
      else this.state = 'length';
    } else if (statusCode === 204 || statusCode === 304) this.finish();
    else this.state = 'close';
  }

  private finish(): void {
    this.state = 'done';
    this.on.complete();
  }

  /** Keep an incomplete line for the next push (bounded). */
  private keep(buf: Buffer, from: number, max: number, tooLong: string): void {
    if (buf.length - from > max) throw new Error(tooLong);
    this.carry = Buffer.from(buf.subarray(from));
  }
}
