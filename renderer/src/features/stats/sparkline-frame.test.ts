import { describe, expect, it } from 'vitest';
import { sparklineFrame } from './sparkline-frame.js';

const frame = (values: number[]) => sparklineFrame(values, 32, 14, 24);

describe('sparklineFrame', () => {
  it('is the same frame for a full history of an idle container, sample after sample', () => {
    const idle = Array.from({ length: 24 }, () => 0);
    const next = [...idle.slice(1), 0.004]; // a new sample that neither shows in the text nor moves a pixel
    expect(frame(next).key).toBe(frame(idle).key);
  });

  it('changes while the line still grows, when the printed value changes, and when a point moves', () => {
    expect(frame([0, 0]).key).not.toBe(frame([0, 0, 0]).key);
    expect(frame([1, 1.04]).key).not.toBe(frame([1, 1.06]).key); // "1.0 %" → "1.1 %"
    const a = Array.from({ length: 24 }, () => 1);
    const b = [...a.slice(1), 2];
    expect(frame(b).key).not.toBe(frame(a).key);
    expect(frame(b).points.at(-1)).toBeLessThan(frame(a).points.at(-1)!); // higher value, smaller y
  });

  it('draws on a quarter-pixel grid and prints nothing without samples', () => {
    for (const v of frame([0.3, 1.7, 4.2]).points) expect(v * 4).toBe(Math.round(v * 4));
    expect(frame([])).toEqual({ points: [], text: '', key: '|' });
  });
});
