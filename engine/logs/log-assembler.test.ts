import { describe, expect, it } from 'vitest';
import { LogAssembler, parseTimestampPrefix } from './log-assembler.js';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('LogAssembler', () => {
  it('joins a multi-byte character and a line split across chunks', () => {
    const a = new LogAssembler({ timestamps: false });
    const all = bytes('héllo 🌍 wörld\nsecond\n');
    // Split inside the 4-byte emoji and inside "é".
    a.push('stdout', all.subarray(0, 2));
    a.push('stdout', all.subarray(2, 9));
    a.push('stdout', all.subarray(9));
    expect(a.take()).toEqual([{ stream: 'stdout', lines: ['héllo 🌍 wörld', 'second'] }]);
  });

  it('keeps partial lines of stdout and stderr apart and groups by stream', () => {
    const a = new LogAssembler({ timestamps: false });
    a.push('stdout', 'out-par');
    a.push('stderr', 'err line\n');
    a.push('stdout', 'tial\nnext\n');
    a.push('stderr', 'tail without newline');
    a.end();
    expect(a.take()).toEqual([
      { stream: 'stderr', lines: ['err line'] },
      { stream: 'stdout', lines: ['out-partial', 'next'] },
      { stream: 'stderr', lines: ['tail without newline'] },
    ]);
    expect(a.take()).toEqual([]);
  });

  it('strips CRLF of TTY output and caps chunk size', () => {
    const a = new LogAssembler({ timestamps: false, maxChunkLines: 2 });
    a.push('stdout', 'a\r\nb\r\nc\r\n');
    expect(a.take()).toEqual([
      { stream: 'stdout', lines: ['a', 'b'] },
      { stream: 'stdout', lines: ['c'] },
    ]);
  });

  it('parses timestamps into ms and strips them from the text', () => {
    const a = new LogAssembler({ timestamps: true });
    a.push('stdout', '2026-11-23T16:57:47.123456789Z hello world\nno stamp here\n');
    const [chunk] = a.take();
    expect(chunk?.lines).toEqual(['hello world', 'no stamp here']);
    expect(chunk?.ts?.[0]).toBeCloseTo(Date.parse('2026-11-23T16:57:47.123Z') + 0.456789, 3);
    expect(chunk?.ts?.[1]).toBeNull();
  });

  it('replaces an over-long line by a note and goes on', () => {
    const a = new LogAssembler({ timestamps: false, maxLineLength: 10 });
    a.push('stderr', `${'x'.repeat(50)}\nok\n`);
    expect(a.take()).toEqual([{ stream: 'stderr', lines: ['[Berth: a line longer than 10 characters was left out]', 'ok'] }]);
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
    expect(chunk?.lines).toEqual(['line 0', 'line 1', 'line 2', 'line 3']);
    stamps.forEach((t, i) => expect(chunk?.ts?.[i]).toBeCloseTo(parseTimestampPrefix(`${t} x`)!.ms, 4));
  });
});
