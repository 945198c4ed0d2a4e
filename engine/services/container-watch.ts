import type { Change, ContainerSummary, EngineEvent } from '../../contract/model.js';
import { containerStatesAfter } from '../live/container-event-state.js';
import { watchLive, type EventFeed, type LiveRoute, type LiveSource, type LiveWatchOptions } from '../live/live-watch.js';

export type { EventFeed } from '../live/live-watch.js';

/** Reads containers from the engine, already mapped. */
export interface ContainerReader {
  /** Every container (all states when `all`), or only those with these ids. */
  list(options: { all: boolean; ids?: readonly string[] }, signal?: AbortSignal): Promise<ContainerSummary[]>;
}

export interface WatchOptions extends Omit<LiveWatchOptions, 'events'> {
  reader: ContainerReader;
  events: EventFeed;
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

/** What the re-read must show: the state the action implies, and the new name after a rename. */
function expectation(event: EngineEvent): LiveRoute<ContainerSummary>['expect'] {
  const states = containerStatesAfter(event.action);
  if (states) return (c) => states.includes(c.state);
  const name = event.attributes.name;
  if (event.action === 'rename' && name) return (c) => c.name === name;
  return undefined;
}

/**
 * The container list as a live source: `destroy` removes; exec_* and similar noise is ignored; any
 * other action re-reads just the affected containers (one filtered GET /containers/json for a burst)
 * until they show what the event implies.
 */
export function containerSource(reader: ContainerReader): LiveSource<ContainerSummary> {
  return {
    types: ['container'],
    key: (c) => c.id,
    list: (signal) => reader.list({ all: true }, signal),
    async read(ids, { signal }) {
      const found = await reader.list({ all: true, ids }, signal);
      return new Map(found.map((c) => [c.id, c]));
    },
    route(event) {
      const what = classifyContainerAction(event.action);
      if (what === 'ignore' || !event.id) return undefined;
      return { key: event.id, op: what, expect: what === 'refresh' ? expectation(event) : undefined };
    },
  };
}

/** A live container list: one snapshot, then deltas (see engine/live/live-watch.ts). */
export function watchContainers(options: WatchOptions): AsyncIterableIterator<Change<ContainerSummary>> {
  return watchLive(containerSource(options.reader), options);
}
