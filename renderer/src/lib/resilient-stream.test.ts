import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BerthError, type StreamHandlers } from '../../../contract/index.js';
import { subscribeResilient } from './resilient-stream.js';

function fakeStream() {
  const opened: StreamHandlers<number>[] = [];
  const disposed: number[] = [];
  const open = (h: StreamHandlers<number>) => {
    const index = opened.push(h) - 1;
    return { dispose: () => disposed.push(index) };
  };
  return { opened, disposed, open };
}

describe('subscribeResilient', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('passes events through', () => {
    const s = fakeStream();
    const seen: number[][] = [];
    subscribeResilient(s.open, { next: (e) => seen.push(e) });
    s.opened[0]?.next([1, 2]);
    expect(seen).toEqual([[1, 2]]);
  });

  it('reopens after an error with growing delays, and reports the delay', () => {
    const s = fakeStream();
    const delays: number[] = [];
    subscribeResilient(s.open, { next: () => undefined, error: (_e, ms) => delays.push(ms) }, { minDelayMs: 100, maxDelayMs: 300 });
    s.opened[0]?.error?.(new BerthError('ENGINE_UNAVAILABLE', 'down'));
    vi.advanceTimersByTime(99);
    expect(s.opened).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(s.opened).toHaveLength(2);
    s.opened[1]?.error?.(new BerthError('ENGINE_UNAVAILABLE', 'down'));
    vi.advanceTimersByTime(200);
    s.opened[2]?.error?.(new BerthError('ENGINE_UNAVAILABLE', 'down'));
    expect(delays).toEqual([100, 200, 300]);
  });

  it('resets the backoff once events flow again', () => {
    const s = fakeStream();
    const delays: number[] = [];
    subscribeResilient(s.open, { next: () => undefined, error: (_e, ms) => delays.push(ms) }, { minDelayMs: 100 });
    s.opened[0]?.error?.(new BerthError('INTERNAL', 'x'));
    vi.advanceTimersByTime(100);
    s.opened[1]?.next([1]);
    s.opened[1]?.error?.(new BerthError('INTERNAL', 'x'));
    expect(delays).toEqual([100, 100]);
  });

  it('reopens a stream that completed', () => {
    const s = fakeStream();
    subscribeResilient(s.open, { next: () => undefined }, { minDelayMs: 50 });
    s.opened[0]?.complete?.();
    vi.advanceTimersByTime(50);
    expect(s.opened).toHaveLength(2);
  });

  it('stops everything on dispose, including a pending retry and late events', () => {
    const s = fakeStream();
    const seen: number[][] = [];
    const sub = subscribeResilient(s.open, { next: (e) => seen.push(e) }, { minDelayMs: 50 });
    const first = s.opened[0];
    sub.dispose();
    expect(s.disposed).toEqual([0]);
    first?.next([1]);
    first?.error?.(new BerthError('INTERNAL', 'late'));
    vi.advanceTimersByTime(1000);
    expect(s.opened).toHaveLength(1);
    expect(seen).toEqual([]);
  });
});
