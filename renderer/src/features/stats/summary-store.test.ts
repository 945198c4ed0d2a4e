import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StreamHandlers } from '../../../../contract/index.js';
import type { StatsSummaryEvent } from '../../../../contract/models/container-exec.js';
import { SPARK_POINTS, StatsSummaryStore, type SummaryApi, type WindowVisibility } from './summary-store.js';

function fakeApi() {
  const subs: { ids: readonly string[] | undefined; handlers: StreamHandlers<StatsSummaryEvent>; disposed: boolean }[] = [];
  const api: SummaryApi = {
    containers: {
      statsSummary: (args, handlers) => {
        const s = { ids: args.ids, handlers, disposed: false };
        subs.push(s);
        return { dispose: () => void (s.disposed = true) };
      },
    },
  };
  return { api, subs, live: () => subs.filter((s) => !s.disposed) };
}

function fakeVisibility() {
  let hidden = false;
  const listeners = new Set<() => void>();
  const v: WindowVisibility = {
    hidden: () => hidden,
    onChange: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  return {
    v,
    listeners,
    set(h: boolean) {
      hidden = h;
      for (const l of [...listeners]) l();
    },
  };
}

const sample = (id: string, cpuPercent: number): StatsSummaryEvent => ({ kind: 'sample', sample: { id, cpuPercent, memoryBytes: 1, time: 0 } });

describe('StatsSummaryStore', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('opens ONE stream for the rows on screen, aimed at their containers, and closes it a grace period after the last row goes', () => {
    const f = fakeApi();
    const store = new StatsSummaryStore(f.api, { graceMs: 1000, settleMs: 200, visibility: fakeVisibility().v });
    const releases = Array.from({ length: 20 }, (_, i) => store.retain(`c${String(i).padStart(2, '0')}`));
    expect(f.subs).toHaveLength(0);
    vi.advanceTimersByTime(0);
    expect(f.subs).toHaveLength(1);
    expect(f.subs[0]!.ids).toHaveLength(20);
    expect(store.following).toEqual(f.subs[0]!.ids);
    // Scrolling: rows unmount and mount; the stream is re-aimed once, after the set settles.
    releases.slice(0, 10).forEach((r) => r());
    const more = Array.from({ length: 10 }, (_, i) => store.retain(`d${i}`));
    vi.advanceTimersByTime(199);
    expect(f.subs).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(f.subs).toHaveLength(2);
    expect(f.live()).toHaveLength(1);
    expect(f.subs[1]!.ids).toEqual([...Array.from({ length: 10 }, (_, i) => `c${10 + i}`), ...Array.from({ length: 10 }, (_, i) => `d${i}`)]);
    // The same set again: no new stream.
    const extra = store.retain('d0');
    vi.advanceTimersByTime(500);
    expect(f.subs).toHaveLength(2);
    [...releases.slice(10), ...more, extra].forEach((r) => r());
    extra(); // releasing twice is harmless
    vi.advanceTimersByTime(999);
    expect(store.active).toBe(true);
    vi.advanceTimersByTime(1);
    expect(f.live()).toHaveLength(0);
    expect(store.active).toBe(false);
  });

  it('the new stream is opened before the old one is closed (the back end then keeps shared connections)', () => {
    const order: string[] = [];
    const api: SummaryApi = {
      containers: {
        statsSummary: (args) => {
          order.push(`open ${String(args.ids)}`);
          return { dispose: () => void order.push(`close ${String(args.ids)}`) };
        },
      },
    };
    const store = new StatsSummaryStore(api, { settleMs: 10, visibility: fakeVisibility().v });
    store.retain('a');
    vi.advanceTimersByTime(0);
    store.retain('b');
    vi.advanceTimersByTime(10);
    expect(order).toEqual(['open a', 'open a,b', 'close a']);
  });

  it('closes the stream while the window is hidden and reopens it when shown', () => {
    const f = fakeApi();
    const vis = fakeVisibility();
    const store = new StatsSummaryStore(f.api, { visibility: vis.v });
    const release = store.retain('a');
    vi.advanceTimersByTime(0);
    expect(f.live()).toHaveLength(1);
    vis.set(true);
    expect(f.live()).toHaveLength(0);
    expect(store.active).toBe(false);
    vis.set(false);
    expect(f.live()).toHaveLength(1);
    expect(f.live()[0]!.ids).toEqual(['a']);
    release();
    vi.advanceTimersByTime(5000);
    expect(f.live()).toHaveLength(0);
    expect(vis.listeners.size).toBe(0);
  });

  it('keeps a bounded history per container, notifies only that container’s listeners, and drops rows scrolled away', () => {
    const f = fakeApi();
    const store = new StatsSummaryStore(f.api, { settleMs: 10, visibility: fakeVisibility().v });
    const releaseA = store.retain('a');
    store.retain('b');
    vi.advanceTimersByTime(0);
    const a = vi.fn();
    const b = vi.fn();
    store.subscribe('a', a);
    store.subscribe('b', b);
    for (let i = 0; i < SPARK_POINTS + 5; i++) f.subs[0]!.handlers.next([sample('a', i)]);
    expect(store.get('a')).toHaveLength(SPARK_POINTS);
    expect(store.get('a')!.at(-1)).toBe(SPARK_POINTS + 4);
    expect(a).toHaveBeenCalledTimes(SPARK_POINTS + 5);
    expect(b).not.toHaveBeenCalled();
    const before = store.get('a');
    f.subs[0]!.handlers.next([sample('b', 1)]);
    expect(store.get('a')).toBe(before); // unchanged reference: no re-render
    f.subs[0]!.handlers.next([{ kind: 'stopped', id: 'b' }]);
    expect(store.get('b')).toBeUndefined();
    expect(b).toHaveBeenCalledTimes(2);
    releaseA();
    vi.advanceTimersByTime(10);
    expect(store.get('a')).toBeUndefined();
    expect(a).toHaveBeenCalledTimes(SPARK_POINTS + 6);
  });

  it('reopens the stream when the back end ends it', () => {
    const f = fakeApi();
    const store = new StatsSummaryStore(f.api, { visibility: fakeVisibility().v });
    store.retain('a');
    vi.advanceTimersByTime(0);
    f.subs[0]!.handlers.complete!();
    vi.advanceTimersByTime(1000);
    expect(f.subs).toHaveLength(2);
    expect(f.subs[1]!.ids).toEqual(['a']);
    expect(store.active).toBe(true);
  });
});
