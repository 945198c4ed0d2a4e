import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeferredSearch } from './deferred-search.js';

const plain = { regex: false, caseSensitive: false };

describe('DeferredSearch', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('applies the last text after a pause in typing, once', () => {
    const apply = vi.fn();
    const s = new DeferredSearch(apply, 80);
    s.set('b', plain);
    vi.advanceTimersByTime(50);
    s.set('bo', plain);
    vi.advanceTimersByTime(79);
    expect(apply).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(apply.mock.calls).toEqual([['bo', plain]]);
  });

  it('applies at once on flush (Enter right after typing), and not again when the timer would have fired', () => {
    const apply = vi.fn();
    const s = new DeferredSearch(apply, 80);
    s.set('boot line 42', plain);
    expect(s.flush()).toBe(true);
    expect(apply.mock.calls).toEqual([['boot line 42', plain]]);
    vi.advanceTimersByTime(200);
    expect(apply).toHaveBeenCalledTimes(1);
  });

  it('has nothing to apply on a flush once the text was applied', () => {
    const apply = vi.fn();
    const s = new DeferredSearch(apply, 80);
    s.set('x', plain);
    vi.advanceTimersByTime(80);
    expect(s.flush()).toBe(false);
    expect(apply).toHaveBeenCalledTimes(1);
  });

  it('applies nothing after dispose', () => {
    const apply = vi.fn();
    const s = new DeferredSearch(apply, 80);
    s.set('x', plain);
    s.dispose();
    vi.advanceTimersByTime(200);
    expect(s.flush()).toBe(false);
    expect(apply).not.toHaveBeenCalled();
  });
});
