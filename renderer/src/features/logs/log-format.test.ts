import { describe, expect, it } from 'vitest';
import { LogBuffer } from './log-buffer.js';
import { bufferToParts, emptyLogHint, formatLogTime, hiddenCharsText, keptText, logFileName, renderedWindow } from './log-format.js';

describe('log formatting', () => {
  it('counts kept and dropped lines in the singular or plural', () => {
    expect(keptText(1, 100_000, 0)).toBe('1 line kept (limit 100,000)');
    expect(keptText(0, 100, 0)).toBe('0 lines kept (limit 100)');
    expect(keptText(100, 100, 1)).toBe('100 lines kept (limit 100) · 1 older line dropped');
    expect(keptText(100, 100, 2500)).toBe('100 lines kept (limit 100) · 2,500 older lines dropped');
  });

  it('shows a long line from its start, or from just before a match that lies beyond the part shown', () => {
    expect(renderedWindow(500, [50, 60], 100)).toEqual({ start: 0, end: 100 });
    expect(renderedWindow(500, [480, 490], 100)).toEqual({ start: 280, end: 380 });
    expect(renderedWindow(80, [70, 75], 100)).toEqual({ start: 0, end: 80 });
    expect(renderedWindow(50_000, undefined)).toEqual({ start: 0, end: 10_000 });
    expect(renderedWindow(50_000, [9_990, 10_000])).toEqual({ start: 0, end: 10_000 });
    // Past the first 10,000 characters: 200 of context before the match.
    expect(renderedWindow(50_000, [9_995, 10_001])).toEqual({ start: 9_795, end: 19_795 });
    expect(renderedWindow(50_000, [30_000, 30_006])).toEqual({ start: 29_800, end: 39_800 });
    // Near the end: the last 10,000 characters.
    expect(renderedWindow(50_000, [49_990, 49_996])).toEqual({ start: 40_000, end: 50_000 });
    expect(hiddenCharsText(14_800, 'before')).toBe('(14,800 characters before; download to see them) … ');
    expect(hiddenCharsText(1, 'after')).toBe(' … (1 more character; download to see them)');
  });

  it('formats local times with milliseconds', () => {
    const ms = new Date(2026, 10, 23, 16, 57, 47, 123).getTime();
    expect(formatLogTime(ms)).toBe('2026-11-23 16:57:47.123');
  });

  it('turns the buffer into text parts, with or without timestamps', () => {
    const b = new LogBuffer(10_000);
    b.append('stdout', ['a', 'b'], [Date.UTC(2026, 0, 1), null]);
    b.append('stderr', Array.from({ length: 5000 }, (_, i) => `e${i}`));
    const parts = bufferToParts(b, true);
    expect(parts).toHaveLength(2);
    const text = parts.join('');
    expect(text.startsWith('2026-01-01T00:00:00.000Z a\nb\ne0\n')).toBe(true);
    expect(text.endsWith('e4999\n')).toBe(true);
    expect(bufferToParts(b, false).join('').split('\n')).toHaveLength(5003);
  });

  it('makes safe file names', () => {
    expect(logFileName('my web/1', new Date(2026, 0, 2, 3, 4, 5))).toBe('my_web_1-20260102-030405.log');
  });

  it('an empty log with a Since choice says there is nothing in that period, not "no log lines yet"', () => {
    expect(emptyLogHint(true, undefined)).toBe('No log lines yet. New lines appear here as they are written.');
    expect(emptyLogHint(false, undefined)).toBe('This container has no log lines for this selection.');
    expect(emptyLogHint(true, 5 * 60)).toBe('No log lines in the last 5 minutes. New lines appear here as they are written.');
    expect(emptyLogHint(false, 15 * 60)).toBe('No log lines in the last 15 minutes.');
    expect(emptyLogHint(false, 60 * 60)).toBe('No log lines in the last hour.');
    expect(emptyLogHint(true, 24 * 60 * 60)).toBe('No log lines in the last 24 hours. New lines appear here as they are written.');
  });
});
