import { describe, expect, it } from 'vitest';
import { CLOCK_MS, FAST_CLOCK_MS, statusClockMs } from './row-clock.js';

describe('statusClockMs', () => {
  const now = Date.UTC(2026, 0, 1, 12);
  it('ticks every 5 s while the status counts seconds', () => {
    expect(FAST_CLOCK_MS).toBe(5000);
    expect(statusClockMs(now, now)).toBe(FAST_CLOCK_MS);
    expect(statusClockMs(now - 59_999, now)).toBe(FAST_CLOCK_MS);
    expect(statusClockMs(now + 2000, now)).toBe(FAST_CLOCK_MS);
  });

  it('stays on the slow shared clock from a minute on, and when the status counts no time', () => {
    expect(CLOCK_MS).toBe(30_000);
    expect(statusClockMs(now - 60_000, now)).toBe(CLOCK_MS);
    expect(statusClockMs(now - 3_600_000, now)).toBe(CLOCK_MS);
    expect(statusClockMs(undefined, now)).toBe(CLOCK_MS);
    expect(statusClockMs(now + 3_600_000, now)).toBe(CLOCK_MS);
  });
});
