import { describe, expect, it } from 'vitest';
import type { Change, EngineEvent } from '../../contract/model.js';
import { AsyncQueue } from '../streams/async-queue.js';
import type { HubItem } from '../streams/event-hub.js';
import { watchLive, type LiveSource } from './live-watch.js';

interface Item {
  id: string;
  v: number;
  tags?: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A fake engine: items by id, every read logged, reads that can be held open, and one event feed. */
class FakeEngine {
  readonly items = new Map<string, Item>();
  readonly reads: string[] = [];
  feed?: AsyncQueue<HubItem>;
  hold?: Promise<void>;

  source(over: Partial<LiveSource<Item>> = {}): LiveSource<Item> {
    return {
      types: ['thing'],
      key: (i) => i.id,
      list: async () => {
        this.reads.push('list');
        await this.hold;
        return [...this.items.values()];
      },
      read: async (keys) => {
        this.reads.push(keys.join(','));
        await this.hold;
        return new Map(keys.flatMap((k) => (this.items.has(k) ? [[k, this.items.get(k)!] as const] : [])));
      },
      route: (e) => (e.action === 'destroy' ? { key: e.id, op: 'remove' } : { key: e.id, op: 'refresh', expect: e.attributes.v ? (i) => i.v === Number(e.attributes.v) : undefined }),
      ...over,
    };
  }

  events = {
    subscribe: () => (this.feed = new AsyncQueue<HubItem>({ capacity: 100_000 })),
  };

  event(action: string, id: string, attributes: Record<string, string> = {}): void {
    const event: EngineEvent = { type: 'thing', action, id, attributes, time: 0 };
    this.feed!.push({ kind: 'event', event });
  }
}

/** A next() still waiting after a quiet period is kept for the following call (one consumer at a time). */
const waiting = new WeakMap<object, Promise<IteratorResult<Change<Item>>>>();
function pull(it: AsyncIterator<Change<Item>>): Promise<IteratorResult<Change<Item>>> {
  const p = waiting.get(it) ?? it.next();
  waiting.set(it, p);
  void p.then(() => waiting.get(it) === p && waiting.delete(it), () => waiting.delete(it));
  return p;
}

async function next(it: AsyncIterator<Change<Item>>): Promise<Change<Item>> {
  const r = await pull(it);
  if (r.done) throw new Error('watch ended');
  return r.value;
}

/** What a UI would show after applying everything the watch sent so far (waits `quietMs` for more). */
async function drain(it: AsyncIterator<Change<Item>>, view: Map<string, Item>, quietMs = 40): Promise<Change<Item>[]> {
  const got: Change<Item>[] = [];
  for (;;) {
    const r = await Promise.race([pull(it), sleep(quietMs).then(() => 'quiet' as const)]);
    if (r === 'quiet' || r.done) return got;
    got.push(r.value);
    const c = r.value;
    if (c.kind === 'snapshot') {
      view.clear();
      for (const i of c.items) view.set(i.id, i);
    } else if (c.kind === 'upsert') view.set(c.item.id, c.item);
    else view.delete(c.id);
  }
}

describe('watchLive', () => {
  it('an event storm over 100 items ends on the engine state with a handful of batched reads', async () => {
    const fake = new FakeEngine();
    for (let i = 0; i < 100; i++) fake.items.set(`i${i}`, { id: `i${i}`, v: 0 });
    const w = watchLive(fake.source(), { events: fake.events });
    const view = new Map<string, Item>();
    await drain(w, view);
    // 5,000 events in one go: updates, removals and new items, in random order.
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let n = 0; n < 5000; n++) {
      const id = `i${rnd(150)}`;
      if (rnd(10) === 0) {
        fake.items.delete(id);
        fake.event('destroy', id);
      } else {
        fake.items.set(id, { id, v: n });
        fake.event('update', id);
      }
    }
    const sent = await drain(w, view, 200);
    expect(view).toEqual(fake.items);
    // One list, then at most a few batches of 50 keys: never one read per event.
    expect(fake.reads.length).toBeLessThanOrEqual(1 + 4);
    expect(sent.length).toBeLessThanOrEqual(150);
    await w.return?.();
  });

  it('a slow consumer costs at most one pending change per item', async () => {
    const fake = new FakeEngine();
    fake.items.set('a', { id: 'a', v: 0 });
    const w = watchLive(fake.source(), { events: fake.events });
    await next(w);
    for (let round = 1; round <= 5; round++) {
      for (const id of ['a', 'b', 'c']) {
        fake.items.set(id, { id, v: round });
        fake.event('update', id);
      }
      await sleep(30);
    }
    expect(fake.reads.length).toBeGreaterThanOrEqual(3);
    const view = new Map<string, Item>();
    const sent = await drain(w, view);
    expect(sent).toHaveLength(3);
    expect([...view.values()].map((i) => i.v)).toEqual([5, 5, 5]);
    await w.return?.();
  });

  it('after the hub reconnects it sends a fresh snapshot and drops pending retries', async () => {
    const fake = new FakeEngine();
    fake.items.set('a', { id: 'a', v: 0 });
    const w = watchLive(fake.source(), { events: fake.events, retry: { tries: 5, firstMs: 60 } });
    await next(w);
    fake.event('update', 'a', { v: '1' }); // the read shows v 0: a retry waits 60 ms
    await sleep(10);
    // Meanwhile the engine restarted: "a" is gone, "b" appeared, and no event says so.
    fake.items.delete('a');
    fake.items.set('b', { id: 'b', v: 0 });
    fake.feed!.push({ kind: 'resumed', downMs: 500 });
    expect(await next(w)).toEqual({ kind: 'snapshot', items: [{ id: 'b', v: 0 }] });
    const readsAfter = fake.reads.length;
    await sleep(150);
    expect(fake.reads).toHaveLength(readsAfter);
    fake.items.set('b', { id: 'b', v: 1 });
    fake.event('update', 'b');
    expect(await next(w)).toEqual({ kind: 'upsert', item: { id: 'b', v: 1 } });
    await w.return?.();
  });

  it('an event during the snapshot read is applied after the snapshot', async () => {
    const fake = new FakeEngine();
    fake.items.set('a', { id: 'a', v: 0 });
    let release!: () => void;
    fake.hold = new Promise((r) => (release = r));
    const w = watchLive(fake.source(), { events: fake.events });
    await sleep(5);
    fake.items.set('a', { id: 'a', v: 1 });
    fake.event('update', 'a');
    release();
    const first = await next(w);
    expect(first.kind).toBe('snapshot');
    expect(await next(w)).toEqual({ kind: 'upsert', item: { id: 'a', v: 1 } });
    await w.return?.();
  });

  it('a destroy that arrives while the item is being read wins over that read', async () => {
    const fake = new FakeEngine();
    fake.items.set('a', { id: 'a', v: 0 });
    const w = watchLive(fake.source(), { events: fake.events });
    await next(w);
    let release!: () => void;
    fake.hold = new Promise((r) => (release = r));
    fake.items.set('a', { id: 'a', v: 1 });
    fake.event('update', 'a');
    await sleep(5); // the read is in flight
    fake.event('destroy', 'a');
    fake.items.delete('a');
    release();
    fake.hold = undefined;
    const view = new Map<string, Item>([['a', { id: 'a', v: 0 }]]);
    const sent = await drain(w, view);
    expect(sent).toEqual([{ kind: 'remove', id: 'a' }]);

    // A key can come back (a volume's name): the latest event wins.
    fake.items.set('a', { id: 'a', v: 5 });
    fake.event('destroy', 'a');
    fake.event('create', 'a');
    expect(await next(w)).toEqual({ kind: 'upsert', item: { id: 'a', v: 5 } });
    await w.return?.();
  });

  it('a read that shows a newer event’s result is left to that event’s read (no stale retry loop)', async () => {
    const fake = new FakeEngine();
    fake.items.set('a', { id: 'a', v: 0 });
    const w = watchLive(fake.source(), { events: fake.events, retry: { tries: 10, firstMs: 50 } });
    await next(w);
    let release!: () => void;
    fake.hold = new Promise((r) => (release = r));
    fake.items.set('a', { id: 'a', v: 1 });
    fake.event('update', 'a', { v: '1' });
    await sleep(5);
    fake.items.set('a', { id: 'a', v: 2 });
    fake.event('update', 'a', { v: '2' });
    release();
    fake.hold = undefined;
    const view = new Map<string, Item>();
    await drain(w, view);
    expect(view.get('a')).toEqual({ id: 'a', v: 2 });
    expect(fake.reads).toEqual(['list', 'a', 'a']);
    await w.return?.();
  });

  it('re-reads related items, and runs whole-list refreshes debounced until they settle', async () => {
    const fake = new FakeEngine();
    fake.items.set('a', { id: 'a', v: 0, tags: ['x'] });
    fake.items.set('b', { id: 'b', v: 0, tags: ['x'] });
    let runs = 0;
    const seen: string[][] = [];
    const source = fake.source({
      related: (item, known) => [...known.values()].filter((o) => o.id !== item.id && o.tags?.some((t) => item.tags?.includes(t))).map((o) => o.id),
      refreshes: [
        {
          delayMs: 10,
          on: (e) => e.action === 'tick',
          run: async ({ known, events }) => {
            seen.push(events.map((e) => e.id));
            runs++;
            return { changed: runs === 3 ? [{ ...known.get('a')!, v: 99 }] : [], settled: runs >= 3 };
          },
        },
      ],
    });
    const w = watchLive(source, { events: fake.events, retry: { tries: 5, firstMs: 5 } });
    await next(w);
    fake.items.set('a', { id: 'a', v: 1, tags: ['x'] });
    fake.event('update', 'a');
    const view = new Map<string, Item>();
    await drain(w, view);
    expect(fake.reads).toEqual(['list', 'a', 'b']);
    fake.event('tick', 't1');
    fake.event('tick', 't2');
    expect(await next(w)).toEqual({ kind: 'upsert', item: { id: 'a', v: 99, tags: ['x'] } });
    // One debounced run for both ticks, then two re-runs (not settled) that still know the events.
    expect(seen).toEqual([
      ['t1', 't2'],
      ['t1', 't2'],
      ['t1', 't2'],
    ]);
    await w.return?.();
  });

  it('fails with a BerthError when a read fails, and unsubscribes when the caller leaves', async () => {
    const fake = new FakeEngine();
    const w = watchLive(fake.source({ list: async () => Promise.reject(Object.assign(new Error('connect ENOENT'), { code: 'ENOENT' })) }), { events: fake.events });
    await expect(w.next()).rejects.toMatchObject({ code: 'ENGINE_UNAVAILABLE' });
    expect(fake.feed!.open).toBe(false);

    const ctl = new AbortController();
    const w2 = watchLive(fake.source(), { events: fake.events, signal: ctl.signal });
    await next(w2);
    ctl.abort();
    expect(fake.feed!.open).toBe(false);
    await expect(w2.next()).resolves.toMatchObject({ done: true });
  });
});
