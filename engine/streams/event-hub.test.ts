import { describe, expect, it, vi } from 'vitest';
import type { EngineEvent } from '../../contract/model.js';
import { AsyncQueue } from './async-queue.js';
import { EventHub, type EventSource, type HubItem } from './event-hub.js';

/** Simulates the engine's /events: keeps a log, replays entries with timeNano >= since on open, like dockerd. */
class FakeEngine implements EventSource {
  readonly opens: (string | undefined)[] = [];
  readonly log: { nano: bigint; line: string }[] = [];
  refuse = 0;
  stream?: AsyncQueue<string>;
  now = vi.fn(async () => 1_700_000_000_000_000_000n);

  async open(since: string | undefined, signal: AbortSignal): Promise<AsyncIterable<string>> {
    this.opens.push(since);
    if (this.refuse > 0) {
      this.refuse--;
      throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    }
    const q = new AsyncQueue<string>({ signal, capacity: 100_000 });
    if (since !== undefined) {
      const [s, ns] = since.split('.');
      const from = BigInt(s!) * 1_000_000_000n + BigInt(ns!);
      for (const e of this.log) if (e.nano >= from) q.push(`${e.line}\n`);
    }
    this.stream = q;
    return q;
  }

  /** An event happens in the engine; delivered live if a stream is open. */
  emit(type: string, action: string, id: string, nano: bigint, attrs: Record<string, string> = {}): void {
    const line = `{"Type":"${type}","Action":"${action}","Actor":{"ID":"${id}","Attributes":${JSON.stringify(attrs)}},"time":${nano / 1_000_000_000n},"timeNano":${nano}}`;
    this.log.push({ nano, line });
    this.stream?.push(`${line}\n`);
  }

  raw(text: string): void {
    this.stream?.push(text);
  }

  cut(): void {
    this.stream?.fail(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
    this.stream = undefined;
  }
}

const T = 1_763_915_532_123_456_789n; // beyond float precision on purpose

async function take<T>(it: AsyncIterator<T>, n: number): Promise<T[]> {
  const out: T[] = [];
  while (out.length < n) {
    const r = await it.next();
    if (r.done) break;
    out.push(r.value);
  }
  return out;
}

const ids = (items: (HubItem | EngineEvent)[]) => items.map((i) => ('kind' in i ? (i.kind === 'event' ? `${i.event.action}:${i.event.id}` : 'resumed') : `${i.action}:${i.id}`));

function hub(engine: FakeEngine, log?: (l: string) => void) {
  return new EventHub({ source: engine, backoff: { initialMs: 5, maxMs: 20 }, log });
}

describe('EventHub', () => {
  it('first connects with since = the engine clock, then fans events out to every subscriber', async () => {
    const engine = new FakeEngine();
    const h = hub(engine);
    const a = h.subscribeEvents();
    const b = h.subscribeEvents();
    await h.start();
    expect(engine.opens).toEqual(['1700000000.000000000']);
    expect(h.status.state).toBe('connected');
    engine.emit('container', 'start', 'c1', T, { name: 'web', image: 'busybox' });
    engine.emit('image', 'pull', 'busybox', T + 1n);
    const got = await take(a, 2);
    expect(got[0]).toEqual({ type: 'container', action: 'start', id: 'c1', name: 'web', attributes: { name: 'web', image: 'busybox' }, time: 1_763_915_532_123 });
    expect(ids(got)).toEqual(['start:c1', 'pull:busybox']);
    expect(ids(await take(b, 2))).toEqual(['start:c1', 'pull:busybox']);
    h.dispose();
  });

  it('filters by type', async () => {
    const engine = new FakeEngine();
    const h = hub(engine);
    const images = h.subscribeEvents({ types: ['image'] });
    await h.start();
    engine.emit('container', 'start', 'c1', T);
    engine.emit('image', 'tag', 'i1', T + 1n);
    expect(ids(await take(images, 1))).toEqual(['tag:i1']);
    h.dispose();
    await expect(images.next()).resolves.toMatchObject({ done: true });
  });

  it('resumes after a disconnect from the exact last timeNano: nothing missed, nothing repeated', async () => {
    const engine = new FakeEngine();
    const states: string[] = [];
    const errors: (string | undefined)[] = [];
    const h = hub(engine);
    h.onStatus((s) => {
      if (states.at(-1) !== s.state) states.push(s.state);
      if (s.state === 'reconnecting') errors.push(s.lastError);
    });
    const sub = h.subscribe();
    await h.start();
    engine.emit('container', 'create', 'c1', T);
    expect(ids(await take(sub, 1))).toEqual(['create:c1']);

    engine.refuse = 2; // the engine is unreachable for two attempts
    engine.cut();
    engine.emit('container', 'start', 'c1', T + 5n); // happens while we are disconnected
    engine.emit('container', 'die', 'c1', T + 9n);

    expect(ids(await take(sub, 3))).toEqual(['resumed', 'start:c1', 'die:c1']);
    expect(engine.opens.slice(1)).toEqual(['1763915532.123456789', '1763915532.123456789', '1763915532.123456789']);
    engine.emit('container', 'destroy', 'c1', T + 10n);
    expect(ids(await take(sub, 1))).toEqual(['destroy:c1']);
    expect(states).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);
    expect(errors).toEqual(['read ECONNRESET', 'connect ECONNREFUSED']);
    h.dispose();
  });

  it('de-duplicates only the boundary events it already delivered', async () => {
    const engine = new FakeEngine();
    const h = hub(engine);
    const sub = h.subscribeEvents();
    await h.start();
    engine.emit('container', 'kill', 'c1', T);
    engine.emit('container', 'kill', 'c2', T); // same nanosecond, different event
    expect(ids(await take(sub, 2))).toEqual(['kill:c1', 'kill:c2']);
    engine.cut();
    engine.log.push({ nano: T, line: engine.log[0]!.line.replace('"c1"', '"c3"') }); // a third one at T we never saw
    engine.emit('container', 'die', 'c1', T + 1n);
    expect(ids(await take(sub, 2))).toEqual(['kill:c3', 'die:c1']);
    h.dispose();
  });

  it('does not resume with a stale engine clock when no event came yet', async () => {
    const engine = new FakeEngine();
    const h = hub(engine);
    await h.start();
    engine.cut();
    await vi.waitFor(() => expect(engine.opens).toHaveLength(2));
    expect(engine.now).toHaveBeenCalledOnce();
    expect(engine.opens[1]).toBe(engine.opens[0]);
    h.dispose();
  });

  it('reports bad lines and keeps going', async () => {
    const engine = new FakeEngine();
    const log = vi.fn();
    const h = hub(engine, log);
    const sub = h.subscribeEvents();
    await h.start();
    engine.raw('{oops\n');
    engine.raw('{"hello":"world"}\n');
    engine.emit('network', 'connect', 'n1', T);
    expect(ids(await take(sub, 1))).toEqual(['connect:n1']);
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/^engine events: Invalid JSON on line 1/));
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/line 2 is not an event/));
    h.dispose();
  });

  it('gives a slow subscriber an overflow error without affecting the others', async () => {
    const engine = new FakeEngine();
    const h = hub(engine);
    const slow = h.subscribeEvents({ capacity: 2 });
    const fast = h.subscribeEvents();
    await h.start();
    for (let i = 0; i < 5; i++) engine.emit('container', 'start', `c${i}`, T + BigInt(i));
    expect(ids(await take(fast, 5))).toEqual(['start:c0', 'start:c1', 'start:c2', 'start:c3', 'start:c4']);
    expect(ids(await take(slow, 2))).toEqual(['start:c0', 'start:c1']);
    await expect(slow.next()).rejects.toMatchObject({ code: 'TRANSPORT' });
    h.dispose();
  });

  it('backs off between failed attempts, doubling up to the cap', async () => {
    vi.useFakeTimers();
    try {
      const engine = new FakeEngine();
      engine.refuse = 4;
      const h = new EventHub({ source: engine, backoff: { initialMs: 100, maxMs: 300 } });
      const started = h.start();
      await vi.advanceTimersByTimeAsync(0);
      expect(engine.opens).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(99);
      expect(engine.opens).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1); // +100
      expect(engine.opens).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(200); // +200
      expect(engine.opens).toHaveLength(3);
      await vi.advanceTimersByTimeAsync(299);
      expect(engine.opens).toHaveLength(3);
      await vi.advanceTimersByTimeAsync(1); // +300 (capped, not 400)
      expect(engine.opens).toHaveLength(4);
      expect(h.status).toEqual({ state: 'reconnecting', lastError: 'connect ECONNREFUSED' });
      await vi.advanceTimersByTimeAsync(300);
      await started;
      expect(h.status.state).toBe('connected');
      h.dispose();
    } finally {
      vi.useRealTimers();
    }
  });

  it('dispose fails subscribers with the reason given, and later subscriptions end at once', async () => {
    const engine = new FakeEngine();
    const h = hub(engine);
    const sub = h.subscribe();
    await h.start();
    h.dispose(new Error('engine went away'));
    await expect(sub.next()).rejects.toThrow('engine went away');
    expect(engine.stream?.open).toBe(false);
    await expect(h.subscribe().next()).resolves.toMatchObject({ done: true });
  });

  it('unsubscribing removes the subscriber', async () => {
    const engine = new FakeEngine();
    const h = hub(engine);
    const ctl = new AbortController();
    const sub = h.subscribeEvents({ signal: ctl.signal });
    await h.start();
    ctl.abort();
    await expect(sub.next()).resolves.toMatchObject({ done: true });
    const probe = h.subscribeEvents();
    engine.emit('container', 'start', 'c1', T);
    expect(ids(await take(probe, 1))).toEqual(['start:c1']);
    const other = h.subscribeEvents();
    engine.emit('container', 'stop', 'c1', T + 1n);
    expect(ids(await take(other, 1))).toEqual(['stop:c1']);
    h.dispose();
  });
});
