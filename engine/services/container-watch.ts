import type { ContainerChange, ContainerSummary } from '../../contract/model.js';
import { BerthError } from '../../contract/errors.js';
import { toBerthError } from '../errors.js';
import { AsyncQueue } from '../streams/async-queue.js';
import type { HubItem, SubscribeOptions } from '../streams/event-hub.js';

/** Reads containers from the engine, already mapped. */
export interface ContainerReader {
  /** Every container (all states when `all`), or only those with these ids. */
  list(options: { all: boolean; ids?: readonly string[] }, signal?: AbortSignal): Promise<ContainerSummary[]>;
}

/** The part of the event hub the watch needs. */
export interface EventFeed {
  subscribe(options: SubscribeOptions): AsyncIterableIterator<HubItem>;
}

export interface WatchOptions {
  reader: ContainerReader;
  events: EventFeed;
  /** Changes to one container within this window become one re-read (default 30 ms). */
  coalesceMs?: number;
  signal?: AbortSignal;
  /** Most distinct pending changes before the watch fails (default 10 000). */
  capacity?: number;
}

/** Container actions that do not change what the list shows. */
const IGNORED = new Set(['attach', 'detach', 'resize', 'top', 'export', 'commit', 'copy', 'archive-path', 'extract-to-dir']);

/** How a container event affects the list: ignore it, remove the container, or re-read it. */
export function classifyContainerAction(action: string): 'ignore' | 'remove' | 'refresh' {
  const base = action.split(':')[0]!.trim();
  if (base.startsWith('exec_') || IGNORED.has(base)) return 'ignore';
  if (base === 'destroy') return 'remove';
  return 'refresh';
}

/** Ids per request when re-reading (keeps the filter query short). */
const IDS_PER_READ = 50;
const SNAPSHOT_KEY = '\u0000snapshot';

/**
 * A live container list: one snapshot, then deltas driven by container events. It subscribes to the
 * events before taking the snapshot, so nothing is missed. `destroy` removes; exec_* and similar noise
 * is ignored; any other action re-reads just the affected containers (one filtered list for a burst,
 * coalesced per id over `coalesceMs`), then upserts them or removes those that are gone. After the
 * event stream reconnects it sends a fresh snapshot (a restarted engine cannot replay what it lost).
 * Pending output is coalesced per container id, so a slow consumer costs at most one entry per container.
 */
export function watchContainers(options: WatchOptions): AsyncIterableIterator<ContainerChange> {
  // Bursts coalesce naturally while a read is in flight; the timer only gathers events of the same tick.
  const coalesceMs = options.coalesceMs ?? 1;
  const life = new AbortController();
  const out = new AsyncQueue<ContainerChange>({
    capacity: options.capacity ?? 10_000,
    key: (c) => (c.kind === 'snapshot' ? SNAPSHOT_KEY : c.kind === 'upsert' ? c.container.id : c.id),
    signal: options.signal,
    onClose: () => life.abort(),
  });
  if (!out.open) return out;
  const sub = options.events.subscribe({ types: ['container'], capacity: 10_000, signal: life.signal });
  const known = new Set<string>();
  let pending = new Map<string, 'refresh' | 'remove'>();
  let resync = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let flushing = false;

  life.signal.addEventListener('abort', () => {
    if (timer) clearTimeout(timer);
    void sub.return?.();
  });

  const fail = (err: unknown) => out.fail(toBerthError(err));

  const snapshot = async () => {
    const containers = await options.reader.list({ all: true }, life.signal);
    if (life.signal.aborted) return;
    known.clear();
    for (const c of containers) known.add(c.id);
    out.clear();
    out.push({ kind: 'snapshot', containers });
  };

  const upsert = (container: ContainerSummary) => {
    known.add(container.id);
    out.push({ kind: 'upsert', container });
  };
  const remove = (id: string) => {
    if (known.delete(id)) out.push({ kind: 'remove', id });
  };

  const flush = async () => {
    timer = undefined;
    flushing = true;
    try {
      if (resync) {
        resync = false;
        pending = new Map();
        await snapshot();
      } else {
        const batch = pending;
        pending = new Map();
        const refresh: string[] = [];
        for (const [id, what] of batch) {
          if (what === 'remove') remove(id);
          else refresh.push(id);
        }
        for (let i = 0; i < refresh.length && !life.signal.aborted; i += IDS_PER_READ) {
          const ids = refresh.slice(i, i + IDS_PER_READ);
          const found = await options.reader.list({ all: true, ids }, life.signal);
          if (life.signal.aborted) return;
          const byId = new Map(found.map((c) => [c.id, c]));
          // A newer destroy for an id overrides this read: it is applied by the next flush.
          for (const id of ids) {
            const c = byId.get(id);
            if (pending.get(id) === 'remove') continue;
            if (c) upsert(c);
            else remove(id);
          }
        }
      }
    } catch (err) {
      fail(err);
      return;
    } finally {
      flushing = false;
    }
    if (pending.size || resync) schedule();
  };

  const schedule = () => {
    if (timer || flushing || life.signal.aborted) return;
    timer = setTimeout(() => void flush(), coalesceMs);
  };

  void (async () => {
    try {
      await snapshot();
      for await (const item of sub) {
        if (item.kind === 'resumed') {
          resync = true;
        } else {
          const what = classifyContainerAction(item.event.action);
          if (what === 'ignore' || !item.event.id) continue;
          if (what === 'remove' || pending.get(item.event.id) !== 'remove') pending.set(item.event.id, what);
        }
        schedule();
      }
      // The hub ended (the engine connection closed normally).
      if (!life.signal.aborted) out.end();
    } catch (err) {
      if (!life.signal.aborted) fail(err instanceof BerthError ? err : toBerthError(err));
    }
  })();
  return out;
}
