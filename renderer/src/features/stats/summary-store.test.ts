import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StreamHandlers } from '../../../../contract/index.js';
import type { StatsSummaryEvent } from '../../../../contract/models/container-exec.js';
import { SPARK_POINTS, StatsSummaryStore, type SummaryApi } from './summary-store.js';

function fakeApi() {
  const subs: { handlers: StreamHandlers<StatsSummaryEvent>; disposed: boolean }[] = [];
  const api: SummaryApi = {
    containers: {
      statsSummary: (_args, handlers) => {
        const s = { handlers, disposed: false };
        subs.push(s);
        return { dispose: () => void (s.disposed = true) };
      },
    },
  };
  return { api, subs, live: () => subs.filter((s) => !s.disposed) };
}

const sample = (id: string, cpuPercent: number): StatsSummaryEvent => ({ kind: 'sample', sample: { id, cpuPercent, memoryBytes: 1, time: 0 } });

describe('StatsSummaryStore', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('opens ONE stream for any number of rows, and closes it a grace period after the last row goes', () => {
    const f = fakeApi();
    const store = new StatsSummaryStore(f.api, { graceMs: 1000 });
    const releases = Array.from({ length: 200 }, () => store.retain());
    expect(f.subs).toHaveLength(1);
    // A virtualized list scrolling: rows unmount and mount; the stream stays.
    releases.slice(0, 199).forEach((r) => r());
    const again = store.retain();
    releases[199]!();
    vi.advanceTimersByTime(5000);
    expect(f.live()).toHaveLength(1);
    again();
    again(); // releasing twice is harmless
    vi.advanceTimersByTime(999);
    expect(store.active).toBe(true);
    vi.advanceTimersByTime(1);
    expect(f.live()).toHaveLength(0);
    expect(store.active).toBe(false);
  });

  it('keeps a bounded history per container and notifies only that container’s listeners', () => {
    const f = fakeApi();
    const store = new StatsSummaryStore(f.api);
    store.retain();
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
    f.subs[0]!.handlers.next([{ kind: 'stopped', id: 'a' }]);
    expect(store.get('a')).toBeUndefined();
    expect(a).toHaveBeenCalledTimes(SPARK_POINTS + 6);
  });

  it('reopens the stream when the back end ends it', () => {
    const f = fakeApi();
    const store = new StatsSummaryStore(f.api);
    store.retain();
    f.subs[0]!.handlers.complete!();
    vi.advanceTimersByTime(1000);
    expect(f.subs).toHaveLength(2);
    expect(store.active).toBe(true);
  });
});
