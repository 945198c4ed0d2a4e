import type { StatsSummaryEvent } from '../../contract/models/container-exec.js';
import { toBerthError } from '../errors.js';
import { AsyncQueue } from '../streams/async-queue.js';
import type { HubItem, SubscribeOptions } from '../streams/event-hub.js';
import { STOP_ACTIONS } from './container-stats.js';
import { cpuPercent, memoryUsage } from './stats-calc.js';
import { isStoppedSample, parseStatsLine, type StatsSource } from './stats-source.js';

export interface HubFeed {
  subscribe(options: SubscribeOptions): AsyncIterableIterator<HubItem>;
}

export interface StatsSummaryOptions {
  source: StatsSource;
  events: HubFeed;
  signal: AbortSignal;
  /** One sample per container per this many ms, all sent together (default 2000). */
  intervalMs?: number;
  /** Most containers followed at once (default 500): beyond it new ones get no sparkline. */
  maxContainers?: number;
  log?: (line: string) => void;
  now?: () => number;
}

interface Follower {
  ctl: AbortController;
  /** The newest sample's JSON text since the last flush (parsed only when sent). */
  latest?: string;
}

/**
 * Compact CPU/memory samples of every running container, for the list's sparklines. Keeps one
 * streaming stats connection per running container (the engine pushes a sample a second; nothing is
 * polled): opened for those running at subscribe time and on each `start` event, closed on
 * `die`/`stop`/`destroy` (a `stopped` event tells the UI to drop the line).
 *
 * Cheap at scale: each connection only keeps the newest sample's text; every `intervalMs` the newest
 * sample of each container is parsed and all are sent at once, so the UI redraws once per interval
 * whatever the number of containers, and the back end parses one sample per container per interval.
 * A slow consumer holds at most the latest sample per container. Unsubscribing closes every connection.
 */
export function streamStatsSummary(options: StatsSummaryOptions): AsyncIterableIterator<StatsSummaryEvent> {
  const intervalMs = options.intervalMs ?? 2000;
  const maxContainers = options.maxContainers ?? 500;
  const log = options.log ?? (() => undefined);
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

  // Output pacing (the engine pushes the data; this only decides when to hand it on).
  const timer = setInterval(() => flush(), intervalMs);
  life.signal.addEventListener('abort', () => {
    clearInterval(timer);
    for (const f of followers.values()) f.ctl.abort();
    followers.clear();
  });

  const flush = () => {
    const t = now();
    for (const [id, f] of followers) {
      const text = f.latest;
      f.latest = undefined;
      const raw = text === undefined ? undefined : parseStatsLine(text);
      if (!raw || isStoppedSample(raw)) continue;
      out.push({ kind: 'sample', sample: { id, cpuPercent: cpuPercent(raw), memoryBytes: memoryUsage(raw), time: t } });
    }
  };

  const follow = (id: string) => {
    if (followers.has(id) || life.signal.aborted) return;
    if (followers.size >= maxContainers) return;
    const f: Follower = { ctl: new AbortController() };
    followers.set(id, f);
    void (async () => {
      try {
        for await (const line of options.source.open(id, f.ctl.signal)) {
          if (f.ctl.signal.aborted) return;
          // A stopped container's samples are read at the zero time; no need to parse to tell.
          if (line.includes('"read":"0001-01-01')) break;
          f.latest = line;
        }
      } catch (err) {
        if (!f.ctl.signal.aborted) log(`stats summary ${id.slice(0, 12)}: ${toBerthError(err).message}`);
      }
      if (followers.get(id) === f) {
        followers.delete(id);
        if (!life.signal.aborted) out.push({ kind: 'stopped', id });
      }
    })();
  };

  const unfollow = (id: string) => {
    const f = followers.get(id);
    if (!f) return;
    followers.delete(id);
    f.ctl.abort();
    out.push({ kind: 'stopped', id });
  };

  const sync = async () => {
    const running = new Set(await options.source.running(life.signal));
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

