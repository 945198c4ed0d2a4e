import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StatsSummaryEvent } from '../../contract/models/container-exec.js';
import { AsyncQueue } from '../streams/async-queue.js';
import type { HubItem } from '../streams/event-hub.js';
import type { StatsSource } from './stats-source.js';
import { streamStatsSummary } from './stats-summary.js';

/** A hand-driven engine: running containers, one sample queue (JSON text) per open stats stream. */
function fakeEngine(running: string[]) {
  const streams = new Map<string, AsyncQueue<string>>();
  const opened: string[] = [];
  const hub = new AsyncQueue<HubItem>();
  const source: StatsSource = {
    inspect: async (id) => ({ id, running: running.includes(id) }),
    open: (id, signal) => {
      opened.push(id);
      const q = new AsyncQueue<string>({ signal });
      streams.set(id, q);
      return q;
    },
    running: async () => [...running],
  };
  const events = { subscribe: () => hub };
  const sample = (total: number, system: number, read = '2024-01-01T00:00:00Z') =>
    JSON.stringify({
      read,
      cpu_stats: { cpu_usage: { total_usage: total }, system_cpu_usage: system, online_cpus: 1 },
      precpu_stats: { cpu_usage: { total_usage: 0 }, system_cpu_usage: system - 1000 },
      memory_stats: { usage: 2048, stats: { inactive_file: 48 } },
    });
  const event = (id: string, action: string): HubItem => ({ kind: 'event', event: { type: 'container', action, id, attributes: {}, time: 0 } });
  return { source, events, streams, opened, hub, sample, event, running };
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

  it('sends the newest sample of every followed container together, once per interval', async () => {
    const e = fakeEngine(['a', 'b']);
    let now = 0;
    const it = streamStatsSummary({ source: e.source, events: e.events, signal: ctl.signal, intervalMs: TICK, now: () => now });
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
    // No new data: nothing is sent on the next ticks.
    await sleep(TICK * 3);
    e.streams.get('b')!.push(e.sample(1000, 12_000));
    expect(await take(it, 1)).toEqual([{ kind: 'sample', sample: { id: 'b', cpuPercent: 100, memoryBytes: 2000, time: 1234 } }]);
  });

  it('starts following on start, stops on die (closing that connection), ignores a duplicate start', async () => {
    const e = fakeEngine(['a']);
    const it = streamStatsSummary({ source: e.source, events: e.events, signal: ctl.signal, intervalMs: TICK });
    await sleep(5);
    e.hub.push(e.event('b', 'start'));
    await sleep(5);
    e.hub.push(e.event('b', 'start'));
    await sleep(5);
    expect(e.opened).toEqual(['a', 'b']);
    e.hub.push(e.event('a', 'die'));
    expect(await take(it, 1)).toEqual([{ kind: 'stopped', id: 'a' }]);
    expect(e.streams.get('a')!.open).toBe(false);
    expect(e.streams.get('b')!.open).toBe(true);
  });

  it('a stream that ends or turns to zero-time samples reports stopped; unsubscribing closes every connection', async () => {
    const e = fakeEngine(['a', 'b', 'c']);
    const local = new AbortController();
    const it = streamStatsSummary({ source: e.source, events: e.events, signal: local.signal, intervalMs: TICK });
    await sleep(5);
    e.streams.get('a')!.end();
    expect(await take(it, 1)).toEqual([{ kind: 'stopped', id: 'a' }]);
    e.streams.get('c')!.push(e.sample(1, 2000, '0001-01-01T00:00:00Z'));
    expect(await take(it, 1)).toEqual([{ kind: 'stopped', id: 'c' }]);
    local.abort();
    await expect(it.next()).resolves.toEqual({ done: true, value: undefined });
    expect(e.streams.get('b')!.open).toBe(false);
    expect(e.hub.open).toBe(false);
  });

  it('after the event stream reconnects, re-syncs with what runs now', async () => {
    const e = fakeEngine(['a']);
    const it = streamStatsSummary({ source: e.source, events: e.events, signal: ctl.signal, intervalMs: TICK });
    await sleep(5);
    e.running.splice(0, 1, 'c');
    e.hub.push({ kind: 'resumed', downMs: 100 });
    expect(await take(it, 1)).toEqual([{ kind: 'stopped', id: 'a' }]);
    await sleep(5);
    expect(e.opened).toEqual(['a', 'c']);
  });
});
