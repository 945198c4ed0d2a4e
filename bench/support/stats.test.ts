import { describe, expect, it } from 'vitest';
import { mean, percentile } from './stats.js';

describe('bench statistics', () => {
  it('computes nearest-rank percentiles', () => {
    const v = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(v, 50)).toBe(50);
    expect(percentile(v, 95)).toBe(95);
    expect(percentile([3, 1, 2], 100)).toBe(3);
    expect(percentile([], 50)).toBeNaN();
  });
  it('computes the mean', () => {
    expect(mean([1, 2, 3, 6])).toBe(3);
  });
});
