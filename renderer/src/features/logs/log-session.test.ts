import { describe, expect, it, vi } from 'vitest';
import type { Disposable, StreamHandlers } from '../../../../contract/index.js';
import { BerthError } from '../../../../contract/index.js';
import type { LogChunk } from '../../../../contract/models/container-logs.js';
import { APPLY_BUDGET_MS, APPLY_STEP_LINES, LogSession, type LogsApi, type Scheduler, type SessionTiming } from './log-session.js';

function fakeApi() {
  const calls: { args: unknown; handlers: StreamHandlers<LogChunk>; disposed: boolean }[] = [];
  const api: LogsApi = {
    containers: {
      logs: ((args: unknown, handlers: StreamHandlers<LogChunk>): Disposable => {
        const call = { args, handlers, disposed: false };
        calls.push(call);
        return { dispose: () => (call.disposed = true) };
      }) as LogsApi['containers']['logs'],
    },
  };
  return { api, calls };
}

function manualQueue(): Scheduler & { run(): void; readonly count: number } {
  const queued: (() => void)[] = [];
  return {
    request(cb) {
      queued.push(cb);
      return () => {
        const i = queued.indexOf(cb);
        if (i >= 0) queued.splice(i, 1);
      };
    },
    run: () => queued.splice(0).forEach((cb) => cb()),
    get count() {
      return queued.length;
    },
  };
}

/** Tasks and frames run by hand; `run` stores everything queued, then renders. */
function manualTiming(now: () => number = () => performance.now()) {
  const tasks = manualQueue();
  const frames = manualQueue();
  const timing: SessionTiming = { tasks, frames, now };
  return {
    timing,
    tasks,
    frames,
    run() {
      while (tasks.count) tasks.run();
      frames.run();
    },
  };
}

const lines = (stream: 'stdout' | 'stderr', texts: string[]): LogChunk => ({ stream, text: texts.join('\n'), count: texts.length });
const chunk = (from: number, n: number, stream: 'stdout' | 'stderr' = 'stdout'): LogChunk => lines(stream, Array.from({ length: n }, (_, i) => `line ${from + i}`));

describe('LogSession', () => {
  it('leaves loading when the log is open, though no line came yet, and the marker adds no line', () => {
    const { api, calls } = fakeApi();
    const f = manualTiming();
    const s = new LogSession(api, 1000, f.timing);
    s.start({ id: 'quiet', follow: true, tail: 100 });
    expect(s.phase).toBe('loading');
    calls[0]!.handlers.next([{ stream: 'stdout', text: '', count: 0 }]);
    f.run();
    expect(s.phase).toBe('streaming');
    expect(s.buffer.size).toBe(0);
    calls[0]!.handlers.next([chunk(0, 2)]);
    f.run();
    expect(s.buffer.size).toBe(2);
    expect(s.buffer.text(s.buffer.firstSeq)).toBe('line 0');
  });

  it('stores batches in a task of their own and notifies once, at the next frame', () => {
    const { api, calls } = fakeApi();
    const f = manualTiming();
    const s = new LogSession(api, 1000, f.timing);
    let notified = 0;
    s.subscribe(() => notified++);
    s.start({ id: 'web', follow: true, tail: 100 });
    expect(calls[0]!.args).toMatchObject({ id: 'web', follow: true, tail: 100, timestamps: false });
    notified = 0;
    calls[0]!.handlers.next([chunk(0, 10)]);
    calls[0]!.handlers.next([chunk(10, 10, 'stderr')]);
    expect(s.buffer.size).toBe(0);
    expect(f.tasks.count).toBe(1);
    f.tasks.run();
    expect(s.buffer.size).toBe(20);
    expect(s.buffer.stream(15)).toBe('stderr');
    expect(notified).toBe(0);
    expect(f.frames.count).toBe(1);
    f.frames.run();
    expect(notified).toBe(1);
    expect(s.phase).toBe('streaming');
  });

  it('asks for timestamps only when told to, and stores them per line (empty lines included)', () => {
    const { api, calls } = fakeApi();
    const f = manualTiming();
    const s = new LogSession(api, 1000, f.timing);
    s.start({ id: 'x', follow: false, tail: 10, timestamps: true });
    expect(calls[0]!.args).toMatchObject({ timestamps: true });
    expect(s.timestamps).toBe(true);
    calls[0]!.handlers.next([{ stream: 'stderr', text: 'a\n\nc', count: 3, ts: [1000.5, null, 3000] }]);
    f.run();
    expect([0, 1, 2].map((i) => [s.buffer.text(i), s.buffer.stream(i), s.buffer.timestamp(i)])).toEqual([
      ['a', 'stderr', 1000.5],
      ['', 'stderr', undefined],
      ['c', 'stderr', 3000],
    ]);
    s.start({ id: 'x', follow: false, tail: 10 });
    expect(calls[1]!.args).toMatchObject({ timestamps: false });
    expect(s.timestamps).toBe(false);
  });

  it('never asks the engine for more old lines than the buffer keeps', () => {
    const { api, calls } = fakeApi();
    const s = new LogSession(api, 5000, manualTiming().timing);
    s.start({ id: 'x', follow: true, tail: 'all' });
    s.start({ id: 'x', follow: true, tail: 100_000 });
    s.start({ id: 'x', follow: true, tail: 100 });
    expect(calls.map((c) => (c.args as { tail: number }).tail)).toEqual([5000, 5000, 100]);
  });

  it('skips lines a batch pushes past the limit without storing them', () => {
    const { api, calls } = fakeApi();
    const f = manualTiming();
    const s = new LogSession(api, 1000, f.timing);
    s.start({ id: 'x', follow: false, tail: 'all' });
    // 3000 lines queued, more than the limit: the older chunks are dropped unseen, only 1000 kept.
    calls[0]!.handlers.next([chunk(0, 500), chunk(500, 500), chunk(1000, 500)]);
    calls[0]!.handlers.next([chunk(1500, 1500)]);
    f.run();
    expect(s.buffer.size).toBe(1000);
    expect(s.buffer.text(s.buffer.endSeq - 1)).toBe('line 2999');
    expect(s.buffer.text(s.buffer.firstSeq)).toBe('line 2000');
    expect(s.buffer.dropped).toBe(2000);
  });

  it('keeps the search up to date and reports a bad regex', () => {
    const { api, calls } = fakeApi();
    const f = manualTiming();
    const s = new LogSession(api, 1000, f.timing);
    s.start({ id: 'x', follow: true, tail: 'all' });
    calls[0]!.handlers.next([lines('stdout', ['GET /a', 'error 1', 'GET /b'])]);
    f.run();
    s.setSearch('error \\d', { regex: true, caseSensitive: false });
    expect(s.search?.count).toBe(1);
    calls[0]!.handlers.next([lines('stderr', ['ERROR 2'])]);
    f.run();
    expect(s.search?.count).toBe(2);
    s.setSearch('[oops', { regex: true, caseSensitive: false });
    expect(s.search).toBeNull();
    expect(s.searchError).toMatch(/Invalid regular expression/);
  });

  it('disposes the old stream on restart and ignores its late events; reports errors', () => {
    const { api, calls } = fakeApi();
    const f = manualTiming();
    const s = new LogSession(api, 1000, f.timing);
    s.start({ id: 'x', follow: true, tail: 'all', sinceSeconds: 60 });
    expect((calls[0]!.args as { since: number }).since).toBeGreaterThan(Date.now() / 1000 - 61);
    s.start({ id: 'x', follow: true, tail: 10 });
    expect(calls[0]!.disposed).toBe(true);
    calls[0]!.handlers.next([chunk(0, 5)]);
    f.run();
    expect(s.buffer.size).toBe(0);
    calls[1]!.handlers.error?.(new BerthError('NOT_FOUND', 'No such container: x'));
    f.run();
    expect(s.phase).toBe('error');
    expect(s.error).toBe('No such container: x');
    s.dispose();
    expect(calls[1]!.disposed).toBe(false); // ended by the back end already; nothing to dispose
  });
});

describe('LogSession flood pacing', () => {
  it('renders a flood at most every 200 ms, a trickle at the next frame', () => {
    // A clock and timers of the test's own: the machine's load never moves the 200 ms.
    vi.useFakeTimers();
    try {
      let clock = 1000;
      const wait = (ms: number) => {
        clock += ms;
        vi.advanceTimersByTime(ms);
      };
      const { api, calls } = fakeApi();
      const f = manualTiming(() => clock);
      const s = new LogSession(api, 100_000, f.timing);
      let notified = 0;
      s.subscribe(() => notified++);
      s.start({ id: 'x', follow: true, tail: 'all' });
      calls[0]!.handlers.next([chunk(0, 5000)]);
      f.run();
      expect(s.buffer.size).toBe(5000);
      notified = 0;
      // Right after a big render, the next batch is stored at once but waits for a timer before asking for a frame.
      calls[0]!.handlers.next([chunk(5000, 10)]);
      f.tasks.run();
      expect(s.buffer.size).toBe(5010);
      expect(f.frames.count).toBe(0);
      wait(199);
      expect(f.frames.count).toBe(0);
      wait(1);
      expect(f.frames.count).toBe(1);
      f.frames.run();
      expect(notified).toBe(1);
      // That render was small: the next one goes straight to a frame.
      calls[0]!.handlers.next([chunk(5010, 1)]);
      f.tasks.run();
      expect(f.frames.count).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('LogSession after a reconnect', () => {
  it('starts the buffer over when the same query runs again, so no line is there twice', () => {
    const { api, calls } = fakeApi();
    const f = manualTiming();
    const s = new LogSession(api, 1000, f.timing);
    s.start({ id: 'x', follow: true, tail: 100 });
    calls[0]!.handlers.next([chunk(0, 3)]);
    f.run();
    expect(s.buffer.size).toBe(3);
    calls[0]!.handlers.next([chunk(3, 2)]); // queued, not yet applied
    calls[0]!.handlers.restarted!();
    expect(s.buffer.size).toBe(0);
    calls[0]!.handlers.next([chunk(0, 6)]); // the tail again, plus a line written meanwhile
    f.run();
    expect(Array.from({ length: s.buffer.size }, (_, i) => s.buffer.text(s.buffer.firstSeq + i))).toEqual(['line 0', 'line 1', 'line 2', 'line 3', 'line 4', 'line 5']);
  });
});

describe('LogSession time slicing', () => {
  it('stores a big batch in tasks within the budget, every line in order, and ends after the last one', () => {
    const { api, calls } = fakeApi();
    // A clock that moves 4 µs per line stored: the cost of storing, as the session sees it.
    const perLineMs = 0.004;
    const f = manualTiming(() => s.buffer.endSeq * perLineMs);
    const s = new LogSession(api, 100_000, f.timing);
    s.setSearch('7$', { regex: true, caseSensitive: false });
    s.start({ id: 'x', follow: false, tail: 'all' });
    const stamped: LogChunk = { ...chunk(10_000, 5000, 'stderr'), ts: Array.from({ length: 5000 }, (_, i) => 10_000 + i) };
    calls[0]!.handlers.next([chunk(0, 10_000), stamped]);
    calls[0]!.handlers.next([chunk(15_000, 7000)]);
    calls[0]!.handlers.complete?.();

    const perTask: number[] = [];
    while (f.tasks.count) {
      const before = s.buffer.endSeq;
      f.tasks.run();
      perTask.push(s.buffer.endSeq - before);
      // Nothing rendered in between: a render waits for a frame.
      expect(s.phase).toBe(s.buffer.size < 22_000 ? 'streaming' : 'ended');
    }
    // The budget is checked every APPLY_STEP_LINES lines: a task overruns it by one step at most.
    const mostPerTask = APPLY_BUDGET_MS / perLineMs + APPLY_STEP_LINES;
    expect(perTask.length).toBeGreaterThan(5);
    expect(Math.max(...perTask)).toBeLessThanOrEqual(mostPerTask);
    expect(perTask.reduce((a, b) => a + b, 0)).toBe(22_000);

    expect(s.buffer.size).toBe(22_000);
    const seqs = Array.from({ length: 22_000 }, (_, i) => i);
    const inStderrChunk = (i: number) => i >= 10_000 && i < 15_000;
    expect(seqs.map((i) => s.buffer.text(i))).toEqual(seqs.map((i) => `line ${i}`));
    expect(seqs.map((i) => s.buffer.stream(i))).toEqual(seqs.map((i) => (inStderrChunk(i) ? 'stderr' : 'stdout')));
    expect(seqs.map((i) => s.buffer.timestamp(i))).toEqual(seqs.map((i) => (inStderrChunk(i) ? i : undefined)));
    expect(s.search?.count).toBe(2200);
    expect(s.phase).toBe('ended');
    expect(f.frames.count).toBe(1);
  });
});
