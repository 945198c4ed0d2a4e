import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngineAdapter } from '../adapter/engine-adapter.js';
import { VolumeSizeMeter } from './volume-sizes.js';

describe('VolumeSizeMeter', () => {
  let calls: number;
  let engine: EngineAdapter;
  beforeEach(() => {
    vi.useFakeTimers();
    calls = 0;
    engine = {
      json: async () => {
        calls++;
        return { Volumes: [{ Name: 'a', UsageData: { Size: 42 } }, { Name: 'b', UsageData: { Size: -1 } }] };
      },
    } as unknown as EngineAdapter;
  });
  afterEach(() => vi.useRealTimers());

  it('measures on demand, joining a measurement in flight, with when each size was measured', async () => {
    let now = 1000;
    const meter = new VolumeSizeMeter(engine, 'unix:///x', { now: () => now });
    const [a, b] = await Promise.all([meter.measure(), meter.measure()]);
    expect(calls).toBe(1);
    expect(a).toEqual(b);
    expect(a.sizes).toEqual({ a: { bytes: 42, measuredAt: 1000 }, b: { bytes: null, measuredAt: 1000 } });
    now = 2000;
    await meter.measure();
    expect(calls).toBe(2);
  });

  it('after events, measures once for a burst and not sooner than the interval', async () => {
    let now = 0;
    const meter = new VolumeSizeMeter(engine, 'unix:///x', { now: () => now, minIntervalMs: 5000, settleMs: 1000 });
    const seen: number[] = [];
    meter.onChange((s) => seen.push(Object.keys(s.sizes).length));
    await meter.measure();
    expect(calls).toBe(1);
    for (let i = 0; i < 10; i++) meter.soon();
    now = 1000;
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(1);
    now = 5000;
    await vi.advanceTimersByTimeAsync(4000);
    expect(calls).toBe(2);
    meter.forget('a');
    expect(Object.keys(meter.current().sizes)).toEqual(['b']);
  });
});
