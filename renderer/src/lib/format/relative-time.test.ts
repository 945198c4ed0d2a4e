import { describe, expect, it } from 'vitest';
import { formatAbsoluteTime, formatRelativeTime } from './relative-time.js';

const now = Date.UTC(2025, 2, 12, 14, 0, 0);
const ago = (ms: number) => formatRelativeTime(now - ms, now);
const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('formatRelativeTime', () => {
  it('says "just now" for the last few seconds and for future times', () => {
    expect(ago(0)).toBe('just now');
    expect(ago(44 * s)).toBe('just now');
    expect(ago(-5 * m)).toBe('just now');
  });
  it('counts minutes, hours, days, months and years', () => {
    expect(ago(60 * s)).toBe('1 minute ago');
    expect(ago(5 * m)).toBe('5 minutes ago');
    expect(ago(50 * m)).toBe('1 hour ago');
    expect(ago(3 * h)).toBe('3 hours ago');
    expect(ago(23 * h)).toBe('1 day ago');
    expect(ago(4 * d)).toBe('4 days ago');
    expect(ago(30 * d)).toBe('1 month ago');
    expect(ago(92 * d)).toBe('3 months ago');
    expect(ago(400 * d)).toBe('1 year ago');
    expect(ago(3 * 365 * d)).toBe('3 years ago');
  });
  it('shows a dash for invalid times', () => {
    expect(formatRelativeTime(Number.NaN, now)).toBe('—');
  });
});

describe('formatAbsoluteTime', () => {
  it('shows the full date and time', () => {
    const text = formatAbsoluteTime(now, 'en-GB', 'UTC');
    expect(text).toContain('2025');
    expect(text).toContain('14:00:00');
  });
});
