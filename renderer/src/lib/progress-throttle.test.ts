import { describe, expect, it, vi } from 'vitest';
import { progressThrottle } from './progress-throttle.js';

describe('progressThrottle', () => {
  it('shows the first value at once, then the latest at most once per interval; cancel drops a pending one', () => {
    vi.useFakeTimers();
    try {
      const seen: number[] = [];
      const t = progressThrottle((v: number) => seen.push(v), 250);
      for (let i = 1; i <= 100; i++) t.push(i);
      expect(seen).toEqual([1]);
      vi.advanceTimersByTime(249);
      expect(seen).toEqual([1]);
      vi.advanceTimersByTime(1);
      expect(seen).toEqual([1, 100]);
      t.push(101);
      vi.advanceTimersByTime(100);
      t.cancel();
      vi.advanceTimersByTime(1000);
      expect(seen).toEqual([1, 100]);
      // Long after the last one, a value is shown at once again.
      t.push(102);
      expect(seen).toEqual([1, 100, 102]);
    } finally {
      vi.useRealTimers();
    }
  });
});
