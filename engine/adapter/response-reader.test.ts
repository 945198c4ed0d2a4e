import { describe, expect, it } from 'vitest';
import { ResponseReader, type ResponseHead } from './response-reader.js';

function read(pieces: (string | Buffer)[]) {
  const out = { head: undefined as ResponseHead | undefined, body: [] as string[], complete: 0, reader: undefined as unknown as ResponseReader };
  out.reader = new ResponseReader({ head: (h) => (out.head = h), body: (b) => out.body.push(b.toString('latin1')), complete: () => out.complete++ });
  for (const p of pieces) out.reader.push(Buffer.isBuffer(p) ? p : Buffer.from(p, 'latin1'));
  return out;
}

/** Every way of cutting `text` in two. */
function everySplit(text: string): [string, string][] {
  return Array.from({ length: text.length + 1 }, (_, i) => [text.slice(0, i), text.slice(i)]);
}

describe('ResponseReader', () => {
  const chunked = 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n1;ext=1\r\n \r\nB\r\nworld\nline2\r\n0\r\nX-Trailer: t\r\n\r\n';

  it('reads a chunked answer whatever the cut between two reads (chunk heads, CRLFs and data split anywhere)', () => {
    for (const [a, b] of everySplit(chunked)) {
      const r = read([a, b]);
      expect(r.head).toEqual({ statusCode: 200, headers: { 'content-type': 'text/plain', 'transfer-encoding': 'chunked' } });
      expect(r.body.join('')).toBe('hello world\nline2');
      expect(r.complete).toBe(1);
      expect(r.reader.done).toBe(true);
    }
  });

  it('reads a Content-Length body, and a body delimited by the connection closing', () => {
    const sized = read(['HTTP/1.1 404 Not Found\r\nContent-Length: 11\r\n\r\n{"message"', ':""}']);
    expect(sized.head?.statusCode).toBe(404);
    expect(sized.body.join('')).toBe('{"message":');
    expect(sized.complete).toBe(1);
    const closed = read(['HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nall ', 'of it']);
    expect(closed.complete).toBe(0);
    expect(closed.reader.end()).toBe(true);
    expect(closed.body.join('')).toBe('all of it');
    expect(closed.complete).toBe(1);
    const cut = read(['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel']);
    expect(cut.reader.end()).toBe(false); // ended early
  });

  it('refuses what is not an HTTP answer or not a chunk size, in words', () => {
    expect(() => read(['SSH-2.0-OpenSSH\r\n\r\n'])).toThrow(/not HTTP/);
    expect(() => read(['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'])).toThrow(/bad chunk size: "zz"/);
    expect(() => read(['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabX'])).toThrow(/closing line break/);
  });
});
