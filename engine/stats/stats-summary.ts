import type { StatsSummaryEvent } from '../../contract/models/container-exec.js';
import { toBerthError } from '../errors.js';
import { AsyncQueue } from '../streams/async-queue.js';
import type { HubItem, SubscribeOptions } from '../streams/event-hub.js';
import { STOP_ACTIONS } from './container-stats.js';
import { cpuPercent, memoryUsage } from './stats-calc.js';
import { isStoppedSample, parseStatsLine } from './stats-source.js';
import type { StatsLease, StatsPool } from './stats-pool.js';

export interface HubFeed {
  subscribe(options: SubscribeOptions): AsyncIterableIterator<HubItem>;
}

export interface StatsSummaryOptions {
  /** Shared, held stats connections (one per container for the whole back end). */
  pool: StatsPool;
  /** Full ids of the running containers. */
  running(signal: AbortSignal): Promise<string[]>;
  events: HubFeed;
  signal: AbortSignal;
  /** Only these containers (full ids), if given: the rows a window shows. Default: every running one. */
  ids?: readonly string[];
  /** One sample per container per this many ms, all sent together (default 2000). */
  intervalMs?: number;
  /** Most containers followed at once (default 500): beyond it new ones get no sparkline. */
  maxContainers?: number;
  now?: () => number;
}

interface Follower {
  lease: StatsLease;
  /** The pool's sequence number of the last sample sent. */
  sent?: number;
}

/**
 * Compact CPU/memory samples of running containers, for the list's sparklines: every running one, or
 * only `ids` (the rows in view). Each followed container has a streaming stats connection (the engine
 * pushes a sample a second; nothing is polled) from the shared StatsPool: leased for those running at
 * subscribe time and on each `start` event, released on `die`/`stop`/`destroy` (a `stopped` event
 * tells the UI to drop the line).
 *
 * Cheap at scale: every `intervalMs` the held connections of the followed containers are drained at
 * once (one wake-up per container per interval, not per sample), the newest sample of each is parsed,
 * and all are sent together, so the UI redraws once per interval whatever the number of containers.
 * A slow consumer holds at most the latest sample per container. Unsubscribing releases every lease.
 */
export function streamStatsSummary(options: StatsSummaryOptions): AsyncIterableIterator<StatsSummaryEvent> {
  const intervalMs = options.intervalMs ?? 2000;
  const maxContainers = options.maxContainers ?? 500;
  const wanted = options.ids ? new Set(options.ids) : undefined;
  const now = options.now ?? Date.now;
  const life = new AbortController();
  const followers = new Map<string, Follower>();
  const out = new AsyncQueue<StatsSummaryEvent>({
    capacity: maxContainers * 2 + 10,
    key: (e) => (e.kind === 'sample' ? e.sample.id : e.id),
    signal: options.signal,
    onClose: () => life.abort(),
  });
  if (!out.open) return out;

  // Output pacing (the engine pushes the data; this only decides when to read and hand it on).
  const timer = setInterval(() => void flush(), intervalMs);
  life.signal.addEventListener('abort', () => {
    clearInterval(timer);
    for (const f of followers.values()) f.lease.release();
    followers.clear();
  });

  let flushing = false;
  const flush = async () => {
    if (flushing || life.signal.aborted) return;
    flushing = true;
    try {
      await options.pool.drain(followers.keys());
      if (life.signal.aborted) return;
      const t = now();
      for (const [id, f] of [...followers]) {
        if (f.lease.ended()) {
          unfollow(id);
          continue;
        }
        const latest = f.lease.latest();
        if (!latest || latest.seq === f.sent) continue;
        f.sent = latest.seq;
        const raw = parseStatsLine(latest.text);
        if (!raw || isStoppedSample(raw)) continue;
        out.push({ kind: 'sample', sample: { id, cpuPercent: cpuPercent(raw), memoryBytes: memoryUsage(raw), time: t } });
      }
    } finally {
      flushing = false;
    }
  };

  const follow = (id: string) => {
    if (followers.has(id) || life.signal.aborted) return;
    if (wanted && !wanted.has(id)) return;
    if (followers.size >= maxContainers) return;
    followers.set(id, { lease: options.pool.lease(id) });
  };

  const unfollow = (id: string) => {
    const f = followers.get(id);
    if (!f) return;
    followers.delete(id);
    f.lease.release();
    out.push({ kind: 'stopped', id });
  };

  const sync = async () => {
    const running = new Set(await options.running(life.signal));
    if (life.signal.aborted) return;
    for (const id of [...followers.keys()]) if (!running.has(id)) unfollow(id);
    for (const id of running) follow(id);
  };

  void (async () => {
    try {
      // Subscribe first, then list: a container started in between is still seen.
      const events = options.events.subscribe({ types: ['container'], capacity: 10_000, signal: life.signal });
      life.signal.addEventListener('abort', () => void events.return?.(), { once: true });
      await sync();
      // Containers another reader already follows have a sample now: send it without waiting a whole interval.
      void flush();
      for await (const item of events) {
        if (item.kind === 'resumed') {
          await sync();
          continue;
        }
        const action = item.event.action.split(':')[0]!.trim();
        if (action === 'start' || action === 'restart') follow(item.event.id);
        else if (STOP_ACTIONS.has(action)) unfollow(item.event.id);
      }
      if (!life.signal.aborted) out.end();
    } catch (err) {
      if (!life.signal.aborted) out.fail(toBerthError(err));
    }
  })();
  return out;
}
