import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StatsSummaryEvent } from '../../contract/models/container-exec.js';
import type { HeldStream } from '../adapter/engine-adapter.js';
import { AsyncQueue } from '../streams/async-queue.js';
import type { HubItem } from '../streams/event-hub.js';
import { StatsPool } from './stats-pool.js';
import { streamStatsSummary } from './stats-summary.js';

/** A hand-driven held stream: lines pushed by the test wait until a drain takes them. */
class FakeHeld implements HeldStream {
  lines: string[] = [];
  ended = false;
  closed = false;
  drains = 0;
  push(line: string) {
    this.lines.push(line);
  }
  end() {
    this.ended = true;
  }
  async drain() {
    this.drains++;
    const out = this.lines;
    this.lines = [];
    return out;
  }
  close() {
    this.closed = true;
    this.ended = true;
  }
}

/** A hand-driven engine: running containers, one held stream per opened stats connection. */
function fakeEngine(running: string[]) {
  const streams = new Map<string, FakeHeld>();
  const opened: string[] = [];
  const hub = new AsyncQueue<HubItem>();
  const pool = new StatsPool({
    hold: async (id) => {
      opened.push(id);
      const s = new FakeHeld();
      streams.set(id, s);
      return s;
    },
    graceMs: 30,
  });
  const events = { subscribe: () => hub };
  const sample = (total: number, system: number, read = '2024-01-01T00:00:00Z') =>
    JSON.stringify({
      read,
      cpu_stats: { cpu_usage: { total_usage: total }, system_cpu_usage: system, online_cpus: 1 },
      precpu_stats: { cpu_usage: { total_usage: 0 }, system_cpu_usage: system - 1000 },
      memory_stats: { usage: 2048, stats: { inactive_file: 48 } },
    });
  const event = (id: string, action: string): HubItem => ({ kind: 'event', event: { type: 'container', action, id, attributes: {}, time: 0 } });
  const base = { pool, running: async () => [...running], events };
  return { base, streams, opened, hub, sample, event, running, pool };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const TICK = 40;

async function take(it: AsyncIterator<StatsSummaryEvent>, n: number): Promise<StatsSummaryEvent[]> {
  const out: StatsSummaryEvent[] = [];
  while (out.length < n) out.push((await it.next()).value as StatsSummaryEvent);
  return out;
}

describe('streamStatsSummary', () => {
  let ctl = new AbortController();
  beforeEach(() => (ctl = new AbortController()));
  afterEach(() => ctl.abort());

  it('sends the newest sample of every followed container together, once per interval, read by one drain each', async () => {
    const e = fakeEngine(['a', 'b']);
    let now = 0;
    const it = streamStatsSummary({ ...e.base, signal: ctl.signal, intervalMs: TICK, now: () => now });
    await sleep(5);
    expect(e.opened).toEqual(['a', 'b']);
    e.streams.get('a')!.push(e.sample(100, 10_000)); // superseded before the tick: never sent
    e.streams.get('a')!.push(e.sample(500, 11_000));
    e.streams.get('b')!.push(e.sample(250, 11_000));
    now = 1234;
    expect(await take(it, 2)).toEqual([
      { kind: 'sample', sample: { id: 'a', cpuPercent: 50, memoryBytes: 2000, time: 1234 } },
      { kind: 'sample', sample: { id: 'b', cpuPercent: 25, memoryBytes: 2000, time: 1234 } },
    ]);
    const drains = e.streams.get('a')!.drains;
    // No new data: nothing is sent on the next ticks (each tick drains once).
    await sleep(TICK * 3);
    expect(e.streams.get('a')!.drains - drains).toBeGreaterThanOrEqual(2);
    expect(e.streams.get('a')!.drains - drains).toBeLessThanOrEqual(4);
    e.streams.get('b')!.push(e.sample(1000, 12_000));
    expect(await take(it, 1)).toEqual([{ kind: 'sample', sample: { id: 'b', cpuPercent: 100, memoryBytes: 2000, time: 1234 } }]);
  });

  it('with ids, follows only those of them that run (and starts them when they start)', async () => {
    const e = fakeEngine(['a', 'b', 'c']);
    const it = streamStatsSummary({ ...e.base, ids: ['b', 'x'], signal: ctl.signal, intervalMs: TICK });
    await sleep(5);
    expect(e.opened).toEqual(['b']);
    e.hub.push(e.event('d', 'start'));
    e.hub.push(e.event('x', 'start'));
    await sleep(5);
    expect(e.opened).toEqual(['b', 'x']);
    e.streams.get('x')!.push(e.sample(500, 11_000));
    expect(await take(it, 1)).toEqual([{ kind: 'sample', sample: expect.objectContaining({ id: 'x', cpuPercent: 50 }) }]);
  });

  it('starts following on start, stops on die (releasing that connection), ignores a duplicate start', async () => {
    const e = fakeEngine(['a']);
    const it = streamStatsSummary({ ...e.base, signal: ctl.signal, intervalMs: TICK });
    await sleep(5);
    e.hub.push(e.event('b', 'start'));
    await sleep(5);
    e.hub.push(e.event('b', 'start'));
    await sleep(5);
    expect(e.opened).toEqual(['a', 'b']);
    e.hub.push(e.event('a', 'die'));
    expect(await take(it, 1)).toEqual([{ kind: 'stopped', id: 'a' }]);
    await sleep(60); // the pool's grace
    expect(e.streams.get('a')!.closed).toBe(true);
    expect(e.streams.get('b')!.closed).toBe(false);
  });

  it('a stream that ends or turns to zero-time samples reports stopped; unsubscribing releases every connection', async () => {
    const e = fakeEngine(['a', 'b', 'c']);
    const local = new AbortController();
    const it = streamStatsSummary({ ...e.base, signal: local.signal, intervalMs: TICK });
    await sleep(5);
    e.streams.get('a')!.end();
    expect(await take(it, 1)).toEqual([{ kind: 'stopped', id: 'a' }]);
    e.streams.get('c')!.push(e.sample(1, 2000, '0001-01-01T00:00:00Z'));
    expect(await take(it, 1)).toEqual([{ kind: 'stopped', id: 'c' }]);
    local.abort();
    await expect(it.next()).resolves.toEqual({ done: true, value: undefined });
    expect(e.hub.open).toBe(false);
    await sleep(60);
    expect(e.streams.get('b')!.closed).toBe(true);
    expect(e.pool.size).toBe(0);
  });

  it('a second subscriber shares the connections, and gets the newest sample at once', async () => {
    const e = fakeEngine(['a']);
    const first = streamStatsSummary({ ...e.base, signal: ctl.signal, intervalMs: TICK });
    await sleep(5);
    e.streams.get('a')!.push(e.sample(500, 11_000));
    expect(await take(first, 1)).toEqual([{ kind: 'sample', sample: expect.objectContaining({ id: 'a', cpuPercent: 50 }) }]);
    const t0 = Date.now();
    const ownHub = new AsyncQueue<HubItem>({ signal: ctl.signal });
    const second = streamStatsSummary({ ...e.base, events: { subscribe: () => ownHub }, signal: ctl.signal, intervalMs: 10_000 });
    expect(await take(second, 1)).toEqual([{ kind: 'sample', sample: expect.objectContaining({ id: 'a', cpuPercent: 50 }) }]);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(e.opened).toEqual(['a']);
  });

  it('after the event stream reconnects, re-syncs with what runs now', async () => {
    const e = fakeEngine(['a']);
    const it = streamStatsSummary({ ...e.base, signal: ctl.signal, intervalMs: TICK });
    await sleep(5);
    e.running.splice(0, 1, 'c');
    e.hub.push({ kind: 'resumed', downMs: 100 });
    expect(await take(it, 1)).toEqual([{ kind: 'stopped', id: 'a' }]);
    await sleep(5);
    expect(e.opened).toEqual(['a', 'c']);
  });
});
