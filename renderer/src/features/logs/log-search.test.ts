import { describe, expect, it } from 'vitest';
import { LogBuffer } from './log-buffer.js';
import { buildMatcher, LogSearch, matchRanges } from './log-search.js';

describe('buildMatcher', () => {
  it('escapes plain text and honours case', () => {
    const plain = buildMatcher('a.b', { regex: false, caseSensitive: false });
    expect(plain?.ok && plain.re.test('xA.By')).toBe(true);
    expect(plain?.ok && plain.re.test('axb')).toBe(false);
    const cs = buildMatcher('Err', { regex: false, caseSensitive: true });
    expect(cs?.ok && cs.re.test('err')).toBe(false);
    expect(buildMatcher('', { regex: true, caseSensitive: false })).toBeNull();
  });

  it('reports an invalid regex readably instead of throwing', () => {
    const bad = buildMatcher('(unclosed', { regex: true, caseSensitive: false });
    expect(bad).toMatchObject({ ok: false });
    expect(bad && !bad.ok && bad.error).toMatch(/^Invalid regular expression: .*unclosed|Unterminated group/i);
    // Only the reason: not the engine's echo of the pattern with a flag the user never typed ("/(unclosed/i: …").
    expect(bad && !bad.ok && bad.error).toBe('Invalid regular expression: unterminated group');
    const slash = buildMatcher('a/b: [', { regex: true, caseSensitive: true });
    expect(slash && !slash.ok && slash.error).toBe('Invalid regular expression: unterminated character class');
    const good = buildMatcher('err(or)?\\s+\\d+', { regex: true, caseSensitive: false });
    expect(good?.ok && good.re.test('ERROR  42')).toBe(true);
  });
});

describe('matchRanges', () => {
  it('finds every occurrence and skips empty matches', () => {
    expect(matchRanges('foo bar foo', /foo/i)).toEqual([
      [0, 3],
      [8, 11],
    ]);
    expect(matchRanges('abc', /x*/)).toEqual([]);
  });
});

describe('LogSearch', () => {
  it('finds matching lines, extends with new lines and prunes dropped ones', () => {
    const b = new LogBuffer(1000);
    b.append('stdout', Array.from({ length: 1000 }, (_, i) => (i % 100 === 0 ? `ERROR ${i}` : `ok ${i}`)));
    const s = new LogSearch(/error/i);
    s.rescan(b);
    expect(s.count).toBe(10);
    expect(s.at(0)).toBe(0);
    expect(s.at(9)).toBe(900);

    b.append('stderr', ['another error', 'fine']);
    s.extend(b);
    // Two lines were dropped (seq 0 and 1): the match at seq 0 is gone, the new one at 1000 is added.
    expect(s.count).toBe(10);
    expect(s.at(0)).toBe(100);
    expect(s.at(9)).toBe(1000);
    expect(s.indexOf(1000)).toBe(9);
    expect(s.indexOf(101)).toBe(-1);
    expect(s.indexAtOrAfter(150)).toBe(1);
    expect(s.indexAtOrAfter(5000)).toBe(10);
  });

  it('scans 200,000 lines quickly', () => {
    const b = new LogBuffer(200_000);
    for (let i = 0; i < 200; i++) b.append('stdout', Array.from({ length: 1000 }, (_, j) => `request ${i * 1000 + j} took ${j % 97}ms`));
    const s = new LogSearch(/took 9\dms/);
    s.rescan(b);
    // Per 1000 lines, j % 97 is 90–96 seven times in each of 10 full cycles.
    expect(s.count).toBe(200 * 70);
    expect(s.lastScanMs).toBeLessThan(1000);
  });
});

describe('LogSearch over lines with ANSI escapes', () => {
  it('matches the text without escapes, and plain lines as they are', () => {
    const b = new LogBuffer(1000);
    b.append('stdout', ['\x1b[31mred\x1b[0m', 'red plain', 'not red', '\x1b]0;title\x07red title']);
    const s = new LogSearch(/^red/);
    s.rescan(b);
    expect([s.at(0), s.at(1), s.at(2)]).toEqual([0, 1, 3]);
    expect(s.count).toBe(3);
    // The escape itself is not text: searching for "31m" finds nothing.
    const esc = new LogSearch(/31m/);
    esc.rescan(b);
    expect(esc.count).toBe(0);
  });
});
