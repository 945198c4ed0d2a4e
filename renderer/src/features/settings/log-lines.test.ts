import { describe, expect, it } from 'vitest';
import { parseLogLines } from './log-lines.js';

describe('parseLogLines', () => {
  it('takes whole numbers in range, with or without thousands separators', () => {
    expect(parseLogLines('1000')).toEqual({ lines: 1000 });
    expect(parseLogLines(' 250,000 ')).toEqual({ lines: 250_000 });
    expect(parseLogLines('1000000')).toEqual({ lines: 1_000_000 });
  });
  it('says what is wrong, in words that fit what was typed', () => {
    expect(parseLogLines('')).toEqual({ error: 'Enter a number of lines, from 1,000 to 1,000,000.' });
    expect(parseLogLines('1.5')).toEqual({ error: 'The number of lines must be a whole number, from 1,000 to 1,000,000.' });
    expect(parseLogLines('-5')).toEqual({ error: 'The number of lines must be a whole number, from 1,000 to 1,000,000.' });
    expect(parseLogLines('5')).toEqual({ error: 'Too few: a log view keeps at least 1,000 lines (1,000 to 1,000,000).' });
    expect(parseLogLines('99999999')).toEqual({ error: 'Too many: a log view keeps at most 1,000,000 lines (1,000 to 1,000,000).' });
  });
});
