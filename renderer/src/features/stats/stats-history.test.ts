import { describe, expect, it } from 'vitest';
import { formatPercent, memoryDetail, niceMax, polylinePoints, pushSample } from './stats-history.js';

describe('stats history helpers', () => {
  it('says “no limit set” when the memory “limit” is the engine’s whole memory', () => {
    expect(memoryDetail({ memoryPercent: 1.25, memoryLimitBytes: 8e9 }, 8e9)).toBe('1.3 % of the engine’s memory (no limit set)');
    expect(memoryDetail({ memoryPercent: 50, memoryLimitBytes: 64 * 1024 * 1024 }, 8e9)).toBe('50.0 % of the limit');
    // Engine memory not known yet: the plain wording.
    expect(memoryDetail({ memoryPercent: 50, memoryLimitBytes: 8e9 }, undefined)).toBe('50.0 % of the limit');
  });

  it('keeps at most `size` samples, newest last, without mutating the input', () => {
    let h: readonly number[] = [];
    for (let i = 0; i < 5; i++) h = pushSample(h, i, 3);
    expect(h).toEqual([2, 3, 4]);
    const before = h;
    const after = pushSample(h, 5, 3);
    expect(before).toEqual([2, 3, 4]);
    expect(after).toEqual([3, 4, 5]);
  });

  it('formats percentages', () => {
    expect(formatPercent(3.21)).toBe('3.2 %');
    expect(formatPercent(0)).toBe('0.0 %');
    expect(formatPercent(187.6)).toBe('188 %');
    expect(formatPercent(NaN)).toBe('—');
  });

  it('picks a round axis maximum above the data, never below the floor', () => {
    expect(niceMax([3, 42, 7])).toBe(50);
    expect(niceMax([0, 0])).toBe(1);
    expect(niceMax([0.2], 100)).toBe(100);
    expect(niceMax([101], 100)).toBe(200);
    expect(niceMax([1500])).toBe(2000);
  });

  it('draws newest at the right edge and clamps values to the box', () => {
    expect(polylinePoints([0, 10, 20], 10, 100, 50, 3)).toBe('0.0,50.0 50.0,0.0 100.0,0.0');
    // Two samples out of 3 slots: start one slot in.
    expect(polylinePoints([5, 5], 10, 100, 50, 3)).toBe('50.0,25.0 100.0,25.0');
    expect(polylinePoints([], 10, 100, 50)).toBe('');
  });
});
