import { describe, expect, it } from 'vitest';
import { LogBuffer, MAX_LOG_LIMIT, MIN_LOG_LIMIT } from './log-buffer.js';

const lines = (from: number, n: number) => Array.from({ length: n }, (_, i) => `line ${from + i}`);

describe('LogBuffer', () => {
  it('stores lines with stream and timestamp and reads them by seq', () => {
    const b = new LogBuffer(1000);
    expect(b.append('stdout', ['a', 'b'], [1.5, null])).toBe(0);
    expect(b.append('stderr', ['c'])).toBe(2);
    expect(b.size).toBe(3);
    expect([b.text(0), b.text(1), b.text(2)]).toEqual(['a', 'b', 'c']);
    expect([b.stream(0), b.stream(2)]).toEqual(['stdout', 'stderr']);
    expect([b.timestamp(0), b.timestamp(1), b.timestamp(2)]).toEqual([1.5, undefined, undefined]);
  });

  it('drops the oldest lines beyond the limit, across block boundaries, and counts them', () => {
    const b = new LogBuffer(MIN_LOG_LIMIT);
    for (let i = 0; i < 20; i++) b.append(i % 2 ? 'stderr' : 'stdout', lines(i * 500, 500));
    expect(b.size).toBe(1000);
    expect(b.dropped).toBe(9000);
    expect(b.firstSeq).toBe(9000);
    expect(b.text(9000)).toBe('line 9000');
    expect(b.text(9999)).toBe('line 9999');
    expect(b.has(8999)).toBe(false);
    const seen: string[] = [];
    b.forEachText((t) => seen.push(t));
    expect(seen).toEqual(lines(9000, 1000));
    expect(b.stream(9999)).toBe('stderr');
  });

  it('lowers and raises the limit, clamped to its bounds', () => {
    const b = new LogBuffer(5000);
    b.append('stdout', lines(0, 5000));
    b.setLimit(2000);
    expect(b.size).toBe(2000);
    expect(b.text(b.firstSeq)).toBe('line 3000');
    b.setLimit(10);
    expect(b.limit).toBe(MIN_LOG_LIMIT);
    b.setLimit(1e12);
    expect(b.limit).toBe(MAX_LOG_LIMIT);
  });

  it('clears but keeps seqs increasing', () => {
    const b = new LogBuffer(1000);
    b.append('stdout', ['x', 'y']);
    b.clear();
    expect(b.size).toBe(0);
    expect(b.append('stdout', ['z'])).toBe(2);
    expect(b.text(2)).toBe('z');
  });

  it('forEachText starts where asked', () => {
    const b = new LogBuffer(10_000);
    b.append('stdout', lines(0, 5000));
    const seen: number[] = [];
    b.forEachText((_t, seq) => seen.push(seq), 4094);
    expect(seen.slice(0, 4)).toEqual([4094, 4095, 4096, 4097]);
    expect(seen).toHaveLength(906);
  });
});

describe('LogBuffer.skip', () => {
  it('counts skipped lines as dropped and keeps seqs consistent', () => {
    const b = new LogBuffer(1000);
    b.append('stdout', ['a', 'b']);
    b.skip(5000);
    expect(b.size).toBe(0);
    expect(b.dropped).toBe(5002);
    expect(b.append('stdout', ['c'])).toBe(5002);
    expect(b.text(5002)).toBe('c');
  });
});

describe('LogBuffer.appendText', () => {
  it('stores a chunk text a few lines at a time, with each line its own timestamp, empty lines included', () => {
    const b = new LogBuffer(1000);
    const text = 'a\n\nccc\nd\n';
    const ts = [1, 2, 3, null, 5];
    let pos = 0;
    let line = 0;
    const steps: number[] = [];
    while (pos >= 0) {
      const before = b.endSeq;
      pos = b.appendText('stderr', text, pos, 2, ts, line);
      line += b.endSeq - before;
      steps.push(b.endSeq - before);
    }
    expect(steps).toEqual([2, 2, 1]);
    expect(Array.from({ length: 5 }, (_, i) => [b.text(i), b.stream(i), b.timestamp(i)])).toEqual([
      ['a', 'stderr', 1],
      ['', 'stderr', 2],
      ['ccc', 'stderr', 3],
      ['d', 'stderr', undefined],
      ['', 'stderr', 5],
    ]);
  });
});

describe('LogBuffer.forEachPlainText', () => {
  it('gives lines without their escapes, and keeps the raw text for text() and forEachText', () => {
    const b = new LogBuffer(1000);
    b.append('stdout', ['plain 1', 'plain 2']);
    b.append('stderr', ['\x1b[1;31mbold red\x1b[0m', 'plain 3']);
    const plain: string[] = [];
    b.forEachPlainText((t, seq) => plain.push(`${seq}:${t}`), 1);
    expect(plain).toEqual(['1:plain 2', '2:bold red', '3:plain 3']);
    expect(b.text(2)).toBe('\x1b[1;31mbold red\x1b[0m');
    const raw: string[] = [];
    b.forEachText((t) => raw.push(t));
    expect(raw[2]).toBe('\x1b[1;31mbold red\x1b[0m');
  });
});
