import type { Change, EngineEvent } from '../../contract/model.js';
import { toBerthError } from '../errors.js';
import { AsyncQueue } from '../streams/async-queue.js';
import type { HubItem, SubscribeOptions } from '../streams/event-hub.js';

/*
 * The back end's one live-collection mechanism: a snapshot, then `Change<T>` deltas driven by engine
 * events, resynced after the event hub reconnects. A collection is a small `LiveSource` descriptor.
 *
 * How to add one (volumes, networks, compose projects):
 * 1. Beside the domain's reader, write `xSource(reader): LiveSource<XSummary>` (see
 *    services/container-watch.ts and images/image-watch.ts):
 *    - `types`: the event types that matter, e.g. ['volume'] or ['network'];
 *    - `key`: the item's id (a volume's name, a network's id, a compose project's name);
 *    - `list`: the whole list through the engine adapter (GET /volumes), mapped;
 *    - `read(keys)`: those items (GET /volumes/{name} each, or one filtered list); leave out what is gone;
 *    - `route(event)`: which key it touches and how: 'remove' (destroy) or 'refresh' (create, connect…),
 *      plus `expect` when the event implies what the item now looks like and the engine's read can lag
 *      behind its event (dockerd 20.10 lists a container as running after it sent `pause`);
 *    - optional `related` (re-reading one item can change another: a tag moves between images) and
 *      `refreshes` (figures read for the whole list at once, debounced: disk usage, containers per image).
 *    A compose project is a source over container events: key = the project label, read = the
 *    project's containers (a filtered list) folded into one item, gone when none is left.
 * 2. The service's `watch` returns `watchLive(xSource(reader), { events: conn.hub, signal: ctx.signal })`,
 *    and the contract declares `watch: stream<Change<XSummary>>()`.
 * 3. The UI applies the stream with `reduceLive` (renderer/src/lib/live-collection.ts).
 */

/** The part of the event hub a watch needs. */
export interface EventFeed {
  subscribe(options: SubscribeOptions): AsyncIterableIterator<HubItem>;
}

/** What one event means for the list. */
export interface LiveRoute<T> {
  key: string;
  op: 'refresh' | 'remove';
  /** What the item must look like once the engine applied the event; it is re-read (bounded, with backoff) until it does. */
  expect?: (item: T) => boolean;
}

export interface ReadContext<T> {
  /** What the watch last sent, by key. */
  known: ReadonlyMap<string, T>;
  signal: AbortSignal;
}

/** A figure read for the whole list at once (e.g. disk usage), refreshed debounced after events. */
export interface LiveRefresh<T> {
  delayMs: number;
  /** The events that schedule it. */
  on?(event: EngineEvent): boolean;
  /** Also schedule it after the watch sent changes it read itself. */
  afterChanges?: boolean;
  /**
   * Read and return the items that changed. `events` are the latest triggering event per subject since
   * the last run; `settled: false` says the read does not agree with them yet (run again after a backoff).
   */
  run(ctx: ReadContext<T> & { events: readonly EngineEvent[] }): Promise<{ changed: readonly T[]; settled?: boolean }>;
}

export interface LiveSource<T> {
  types: readonly string[];
  key(item: T): string;
  list(signal: AbortSignal): Promise<T[]>;
  /** The items for these keys, by the key asked for; a key left out is gone. */
  read(keys: readonly string[], ctx: ReadContext<T>): Promise<ReadonlyMap<string, T>>;
  route(event: EngineEvent): LiveRoute<T> | undefined;
  /** Keys to re-read after this item changed. */
  related?(item: T, known: ReadonlyMap<string, T>): Iterable<string>;
  refreshes?: readonly LiveRefresh<T>[];
  /** Most keys per read (default 50). */
  batch?: number;
  /** Events within this window become one read (default 1 ms; bursts also coalesce while a read is in flight). */
  coalesceMs?: number;
}

export interface LiveWatchOptions {
  events: EventFeed;
  signal?: AbortSignal;
  coalesceMs?: number;
  /** Most distinct pending changes before the watch fails (default 10 000). */
  capacity?: number;
  /** Re-reads when an item does not match its event yet: at most `tries`, waiting firstMs, 2×, 4×… (default 10 from 4 ms: ~4 s in all). */
  retry?: { tries?: number; firstMs?: number };
}

interface Pending<T> {
  op: 'refresh' | 'remove';
  expect?: (item: T) => boolean;
  tries: number;
}

const SNAPSHOT_KEY = '\u0000snapshot';

/**
 * Watch a collection: it subscribes to the events before taking the snapshot, so nothing is missed.
 * Events mark keys to re-read or remove; reads run one at a time (never interleaved), a burst becomes
 * one batched read, and a read that does not show what its event implies is retried until it does
 * (or the retries run out: then the read is sent, as the engine's own answer). After the hub
 * reconnects a fresh snapshot is sent. Pending output is coalesced per key, so a slow consumer costs
 * at most one entry per item.
 */
export function watchLive<T>(source: LiveSource<T>, options: LiveWatchOptions): AsyncIterableIterator<Change<T>> {
  const life = new AbortController();
  const out = new AsyncQueue<Change<T>>({
    capacity: options.capacity ?? 10_000,
    key: (c) => (c.kind === 'snapshot' ? SNAPSHOT_KEY : c.kind === 'upsert' ? source.key(c.item) : c.id),
    signal: options.signal,
    onClose: () => life.abort(),
  });
  if (!out.open) return out;
  const signal = life.signal;
  const sub = options.events.subscribe({ types: source.types, capacity: 10_000, signal });
  const coalesceMs = options.coalesceMs ?? source.coalesceMs ?? 1;
  const maxTries = options.retry?.tries ?? 10;
  const firstMs = options.retry?.firstMs ?? 4;
  const backoff = (tries: number) => firstMs * 2 ** tries;
  const known = new Map<string, T>();
  let pending = new Map<string, Pending<T>>();
  /** Keys waiting to be re-read after a stale answer. */
  const waiting = new Map<string, ReturnType<typeof setTimeout>>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let resync = false;
  let chain: Promise<void> = Promise.resolve();

  const after = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
    return t;
  };
  const cancel = (t: ReturnType<typeof setTimeout>) => {
    clearTimeout(t);
    timers.delete(t);
  };
  signal.addEventListener('abort', () => {
    for (const t of timers) clearTimeout(t);
    timers.clear();
    void sub.return?.();
  });

  /** Every read runs on this chain, one at a time; an error fails the watch. */
  const serial = (work: () => Promise<void>) => {
    chain = chain
      .then(() => (signal.aborted ? undefined : work()))
      .catch((err: unknown) => {
        if (!signal.aborted) out.fail(toBerthError(err));
      });
  };
  /** A job run `ms` after its first trigger; triggered again while it runs, it runs once more afterwards. */
  const job = (work: () => Promise<void>) => {
    let armed = false;
    let busy = false;
    let again = false;
    const trigger = (ms: number): void => {
      if (signal.aborted) return;
      if (busy) {
        again = true;
        return;
      }
      if (armed) return;
      armed = true;
      after(ms, () =>
        serial(async () => {
          armed = false;
          busy = true;
          try {
            await work();
          } finally {
            busy = false;
            if (again) {
              again = false;
              trigger(ms);
            }
          }
        }),
      );
    };
    return trigger;
  };

  const upsert = (item: T) => {
    known.set(source.key(item), item);
    out.push({ kind: 'upsert', item });
  };
  const remove = (key: string) => known.delete(key) && out.push({ kind: 'remove', id: key });

  const snapshot = async () => {
    const items = await source.list(signal);
    if (signal.aborted) return;
    known.clear();
    for (const item of items) known.set(source.key(item), item);
    out.clear();
    out.push({ kind: 'snapshot', items });
  };

  const retryLater = (key: string, p: Pending<T>) => {
    waiting.set(
      key,
      after(backoff(p.tries), () => {
        waiting.delete(key);
        // A newer event for this key re-reads it anyway, with its own expectation.
        if (pending.has(key)) return;
        pending.set(key, { ...p, tries: p.tries + 1 });
        flush(coalesceMs);
      }),
    );
  };

  const readPending = async () => {
    if (resync) {
      resync = false;
      pending = new Map();
      for (const t of waiting.values()) cancel(t);
      waiting.clear();
      await snapshot();
      return;
    }
    const batch = pending;
    pending = new Map();
    let changed = false;
    const queue: string[] = [];
    for (const [key, p] of batch) {
      if (p.op === 'remove') changed = remove(key) || changed;
      else queue.push(key);
    }
    const done = new Set<string>();
    const size = source.batch ?? 50;
    while (queue.length && !signal.aborted) {
      const keys: string[] = [];
      while (keys.length < size && queue.length) {
        const key = queue.shift()!;
        if (!done.has(key)) keys.push(key);
        done.add(key);
      }
      if (!keys.length) break;
      const found = await source.read(keys, { known, signal });
      if (signal.aborted) return;
      for (const key of keys) {
        const item = found.get(key);
        const newer = pending.get(key);
        // A destroy that came in meanwhile wins: the next pass applies it.
        if (newer?.op === 'remove') continue;
        if (item === undefined) {
          changed = remove(key) || changed;
          continue;
        }
        const p = batch.get(key);
        if (p?.expect && !p.expect(item)) {
          // Stale: a newer event re-reads it anyway; otherwise look again shortly.
          if (newer) continue;
          if (p.tries < maxTries) {
            retryLater(key, p);
            continue;
          }
        }
        upsert(item);
        changed = true;
        done.add(source.key(item));
        for (const r of source.related?.(item, known) ?? []) if (!done.has(r)) queue.push(r);
      }
    }
    if (changed) for (const r of refreshes) if (r.spec.afterChanges) r.trigger(r.spec.delayMs);
  };
  const flush = job(readPending);

  const refreshes = (source.refreshes ?? []).map((spec) => {
    let events = new Map<string, EngineEvent>();
    let tries = 0;
    const trigger = job(async () => {
      const batch = events;
      events = new Map();
      const { changed, settled = true } = await spec.run({ known, signal, events: [...batch.values()] });
      if (signal.aborted) return;
      for (const item of changed) upsert(item);
      if (settled || tries >= maxTries) {
        tries = 0;
        return;
      }
      // Keep the events no newer one replaced, and read again after a backoff.
      for (const [k, e] of batch) if (!events.has(k)) events.set(k, e);
      after(backoff(tries++), () => trigger(0));
    });
    return { spec, trigger, note: (e: EngineEvent) => events.set(`${e.type}/${e.id}`, e) };
  });

  const onEvent = (event: EngineEvent) => {
    const route = source.route(event);
    if (route) {
      const w = waiting.get(route.key);
      if (w !== undefined) {
        cancel(w);
        waiting.delete(route.key);
      }
      // The latest event wins: a key can come back after a remove (a volume's name, an image's tag).
      pending.set(route.key, { op: route.op, expect: route.expect, tries: 0 });
      flush(coalesceMs);
    }
    for (const r of refreshes) {
      if (!r.spec.on?.(event)) continue;
      r.note(event);
      r.trigger(r.spec.delayMs);
    }
  };

  void (async () => {
    try {
      serial(snapshot);
      for await (const item of sub) {
        if (item.kind === 'resumed') {
          resync = true;
          flush(coalesceMs);
        } else onEvent(item.event);
      }
      // The hub ended (the engine connection closed normally).
      if (!signal.aborted) {
        await chain;
        out.end();
      }
    } catch (err) {
      if (!signal.aborted) out.fail(toBerthError(err));
    }
  })();
  return out;
}
