import { describe, expect, it } from 'vitest';
import { LineDecoder } from './line-decoder.js';
import { NdjsonParser, readNdjson, type NdjsonItem } from './ndjson.js';

const enc = new TextEncoder();

async function* chunks(...parts: (Uint8Array | string)[]): AsyncGenerator<Uint8Array | string> {
  for (const p of parts) yield p;
}

async function collect(source: AsyncIterable<Uint8Array | string>, maxLineLength?: number): Promise<NdjsonItem[]> {
  const out: NdjsonItem[] = [];
  for await (const item of readNdjson(source, { maxLineLength })) out.push(item);
  return out;
}

describe('readNdjson', () => {
  it('decodes a multi-byte UTF-8 character split across chunks', async () => {
    const bytes = enc.encode('{"name":"café ☕ 🐳"}\n');
    // Split inside the 3-byte ☕ and inside the 4-byte 🐳.
    const cup = bytes.indexOf(0xe2);
    const whale = bytes.indexOf(0xf0);
    const items = await collect(chunks(bytes.slice(0, cup + 1), bytes.slice(cup + 1, whale + 2), bytes.slice(whale + 2)));
    expect(items).toEqual([{ ok: true, value: { name: 'café ☕ 🐳' }, text: '{"name":"café ☕ 🐳"}', line: 1 }]);
  });

  it('splits one byte at a time', async () => {
    const bytes = enc.encode('{"a":"ü"}\n{"b":2}\n');
    const items = await collect(chunks(...Array.from(bytes, (b) => Uint8Array.of(b))));
    expect(items.map((i) => (i.ok ? i.value : i.error))).toEqual([{ a: 'ü' }, { b: 2 }]);
  });

  it('reports a bad line as an error item and goes on', async () => {
    const items = await collect(chunks('{"a":1}\n{not json}\n{"b":2}\n'));
    expect(items).toHaveLength(3);
    expect(items[0]).toMatchObject({ ok: true, value: { a: 1 } });
    expect(items[1]).toMatchObject({ ok: false, line: 2, error: { reason: 'invalid-json', excerpt: '{not json}' } });
    expect(items[1]!.ok ? '' : items[1]!.error.message).toMatch(/^Invalid JSON on line 2: /);
    expect(items[2]).toMatchObject({ ok: true, value: { b: 2 }, line: 3 });
  });

  it('skips an oversized line up to its newline, with one error item', async () => {
    const long = `{"x":"${'y'.repeat(100)}"}`;
    const items = await collect(chunks('{"a":1}\n', long.slice(0, 40), long.slice(40), '\n{"b":2}\n'), 50);
    expect(items.map((i) => (i.ok ? i.value : i.error.reason))).toEqual([{ a: 1 }, 'line-too-long', { b: 2 }]);
    expect(items[1]!.ok ? '' : items[1]!.error.message).toBe('Line 2 is longer than 50 characters; skipped');
  });

  it('reads a trailing line without a newline', async () => {
    const items = await collect(chunks('{"a":1}\n{"b":', '2}'));
    expect(items.map((i) => i.ok && i.value)).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('skips empty lines and strips CRLF', async () => {
    const items = await collect(chunks('\n{"a":1}\r\n\r\n  \n{"b":2}\r\n'));
    expect(items.map((i) => i.ok && i.value)).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('drops a truncated trailing line that overflowed', async () => {
    const items = await collect(chunks('{"a":1}\n', 'z'.repeat(20)), 10);
    expect(items.map((i) => (i.ok ? i.value : i.error.reason))).toEqual([{ a: 1 }, 'line-too-long']);
  });

  it('propagates source errors to the caller', async () => {
    async function* broken(): AsyncGenerator<Uint8Array> {
      yield enc.encode('{"a":1}\n');
      throw new Error('socket reset');
    }
    const seen: unknown[] = [];
    await expect(async () => {
      for await (const i of readNdjson(broken())) seen.push(i.ok && i.value);
    }).rejects.toThrow('socket reset');
    expect(seen).toEqual([{ a: 1 }]);
  });
});

describe('NdjsonParser (push form)', () => {
  it('parses chunks pushed one by one', () => {
    const p = new NdjsonParser();
    expect(p.push('{"a"')).toEqual([]);
    expect(p.push(':1}\n{"b":2}')).toEqual([{ ok: true, value: { a: 1 }, text: '{"a":1}', line: 1 }]);
    expect(p.end()).toEqual([{ ok: true, value: { b: 2 }, text: '{"b":2}', line: 2 }]);
  });
});

describe('LineDecoder', () => {
  it('rejects a non-positive limit', () => {
    expect(() => new LineDecoder({ maxLineLength: 0 })).toThrow(RangeError);
  });

  it('replaces invalid UTF-8 with U+FFFD instead of failing', () => {
    const d = new LineDecoder();
    expect(d.push(Uint8Array.of(0x61, 0xff, 0x62, 0x0a))).toEqual([{ kind: 'line', text: 'a\uFFFDb' }]);
  });

  it('keeps an exactly-at-limit line', () => {
    const d = new LineDecoder({ maxLineLength: 5 });
    expect(d.push('12345\n123456\n')).toEqual([{ kind: 'line', text: '12345' }, { kind: 'overflow', limit: 5 }]);
  });
});
