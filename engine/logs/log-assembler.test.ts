import { describe, expect, it } from 'vitest';
import { logChunkLines, type LogChunk } from '../../contract/models/container-logs.js';
import { LogAssembler, parseTimestampPrefix } from './log-assembler.js';

const bytes = (s: string) => new TextEncoder().encode(s);
/** Chunks as [stream, lines] (checking each chunk's count against its text). */
const view = (chunks: LogChunk[]) =>
  chunks.map((c) => {
    const lines = logChunkLines(c);
    expect(c.count).toBe(lines.length);
    return [c.stream, lines];
  });

describe('LogAssembler', () => {
  it('joins a multi-byte character and a line split across chunks', () => {
    const a = new LogAssembler({ timestamps: false });
    const all = bytes('héllo 🌍 wörld\nsecond\n');
    // Split inside the 4-byte emoji and inside "é".
    a.push('stdout', all.subarray(0, 2));
    a.push('stdout', all.subarray(2, 9));
    a.push('stdout', all.subarray(9));
    expect(a.take()).toEqual([{ stream: 'stdout', text: 'héllo 🌍 wörld\nsecond', count: 2 }]);
  });

  it('keeps partial lines of stdout and stderr apart and groups by stream', () => {
    const a = new LogAssembler({ timestamps: false });
    a.push('stdout', 'out-par');
    a.push('stderr', 'err line\n');
    a.push('stdout', 'tial\nnext\n');
    a.push('stderr', 'tail without newline');
    a.end();
    expect(view(a.take())).toEqual([
      ['stderr', ['err line']],
      ['stdout', ['out-partial', 'next']],
      ['stderr', ['tail without newline']],
    ]);
    expect(a.take()).toEqual([]);
  });

  it('strips CRLF of TTY output and caps chunk size', () => {
    const a = new LogAssembler({ timestamps: false, maxChunkLines: 2 });
    a.push('stdout', 'a\r\nb\r\nc\r\n');
    expect(view(a.take())).toEqual([
      ['stdout', ['a', 'b']],
      ['stdout', ['c']],
    ]);
  });

  it('parses timestamps into ms and strips them from the text', () => {
    const a = new LogAssembler({ timestamps: true });
    a.push('stdout', '2026-11-23T16:57:47.123456789Z hello world\nno stamp here\n');
    const [chunk] = a.take();
    expect(chunk?.text).toBe('hello world\nno stamp here');
    expect(chunk?.ts?.[0]).toBeCloseTo(Date.parse('2026-11-23T16:57:47.123Z') + 0.456789, 3);
    expect(chunk?.ts?.[1]).toBeNull();
  });

  it('replaces an over-long line by a note and goes on', () => {
    const a = new LogAssembler({ timestamps: false, maxLineLength: 10 });
    a.push('stderr', `${'x'.repeat(50)}\nok\n`);
    expect(view(a.take())).toEqual([['stderr', ['[Berth: a line longer than 10 characters was left out]', 'ok']]]);
  });

  it('drops an over-long line that arrives in pieces up to its newline, then goes on', () => {
    const a = new LogAssembler({ timestamps: false, maxLineLength: 10 });
    a.push('stdout', 'first\n12345');
    a.push('stdout', '678901234');
    a.push('stdout', 'still the same line');
    a.push('stdout', ' end\nnext\n');
    expect(view(a.take())).toEqual([['stdout', ['first', '[Berth: a line longer than 10 characters was left out]', 'next']]]);
  });

  it('keeps empty lines and lines split across pushes, in one chunk per run', () => {
    const a = new LogAssembler({ timestamps: false });
    a.push('stdout', '\n\nab');
    a.push('stdout', 'c\n\n');
    a.push('stdout', 'd');
    a.end();
    expect(a.take()).toEqual([{ stream: 'stdout', text: '\n\nabc\n\nd', count: 5 }]);
  });

  it('cuts a flood into chunks of at most maxChunkLines and about maxChunkChars', () => {
    const a = new LogAssembler({ timestamps: false, maxChunkLines: 4, maxChunkChars: 12 });
    // 10 lines of 2 characters: 3 per chunk by characters (3 × "xx\n" < 12), 4 by lines.
    a.push('stdout', `${Array.from({ length: 10 }, (_, i) => `${i}${i}`).join('\n')}\n`);
    const chunks = a.take();
    expect(chunks.flatMap(logChunkLines)).toEqual(Array.from({ length: 10 }, (_, i) => `${i}${i}`));
    for (const c of chunks) {
      expect(c.count).toBeLessThanOrEqual(4);
      expect(c.text.length).toBeLessThan(12);
    }
    // One line longer than a whole chunk still gets through, in a chunk of its own.
    a.push('stderr', `${'y'.repeat(30)}\nz\n`);
    expect(view(a.take())).toEqual([
      ['stderr', ['y'.repeat(30)]],
      ['stderr', ['z']],
    ]);
    const b = new LogAssembler({ timestamps: false, maxChunkLines: 3 });
    for (let i = 0; i < 7; i++) b.push('stdout', `l${i}\n`);
    expect(view(b.take())).toEqual([
      ['stdout', ['l0', 'l1', 'l2']],
      ['stdout', ['l3', 'l4', 'l5']],
      ['stdout', ['l6']],
    ]);
  });

  it('strips "\\r" only at the end of a line, also among plain lines', () => {
    const a = new LogAssembler({ timestamps: false });
    a.push('stdout', 'plain\nmid\rdle\nwin\r\n');
    expect(view(a.take())).toEqual([['stdout', ['plain', 'mid\rdle', 'win']]]);
  });
});

describe('LogAssembler against a line-by-line reference', () => {
  it('gives the same lines for random text cut at random places, whatever the chunk limits', () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const alphabet = ['a', 'b', ' ', 'é', '🌍', '\r', '\n', '\n', '\n'];
    for (let round = 0; round < 50; round++) {
      const text = Array.from({ length: 400 }, () => alphabet[rand(alphabet.length)]).join('');
      const data = bytes(text);
      const a = new LogAssembler({ timestamps: false, maxLineLength: 20, maxChunkLines: 1 + rand(30), maxChunkChars: 1 + rand(200) });
      for (let pos = 0; pos < data.length; ) {
        const next = Math.min(data.length, pos + 1 + rand(40));
        a.push('stdout', data.subarray(pos, next));
        pos = next;
      }
      a.end();
      const expected = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l)).map((l) => (l.length > 20 ? '[Berth: a line longer than 20 characters was left out]' : l));
      if (text.endsWith('\n')) expected.pop();
      expect(view(a.take()).flatMap(([, lines]) => lines)).toEqual(expected);
    }
  });
});

describe('parseTimestampPrefix', () => {
  it('reads RFC 3339 with and without fractions and offsets', () => {
    expect(parseTimestampPrefix('2026-01-02T03:04:05Z x')).toEqual({ ms: Date.parse('2026-01-02T03:04:05Z'), length: 21 });
    expect(parseTimestampPrefix('2026-01-02T03:04:05.5+01:00 x')?.ms).toBe(Date.parse('2026-01-02T02:04:05.500Z'));
    expect(parseTimestampPrefix('not a time')).toBeUndefined();
    expect(parseTimestampPrefix('2026-01-02T03:04:05Z')).toBeUndefined(); // no space: not a prefix
  });
});

describe('LogAssembler timestamp cache', () => {
  it('gives the same values as the full parser across seconds', () => {
    const a = new LogAssembler({ timestamps: true });
    const stamps = ['2026-11-23T16:57:47.000000001Z', '2026-11-23T16:57:47.999999999Z', '2026-11-23T16:57:48.5Z', '2026-11-23T16:57:48Z'];
    a.push('stdout', stamps.map((t, i) => `${t} line ${i}\n`).join(''));
    const [chunk] = a.take();
    expect(chunk?.text).toBe('line 0\nline 1\nline 2\nline 3');
    expect(chunk?.count).toBe(4);
    stamps.forEach((t, i) => expect(chunk?.ts?.[i]).toBeCloseTo(parseTimestampPrefix(`${t} x`)!.ms, 4));
  });
});
