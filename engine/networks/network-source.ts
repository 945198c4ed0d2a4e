import type { Change, EngineEvent } from '../../contract/model.js';
import type { NetworkSummary } from '../../contract/models/networks.js';
import { containerStatesAfter } from '../live/container-event-state.js';
import { watchLive, type EventFeed, type LiveSource } from '../live/live-watch.js';
import { sameContainers } from './network-mapping.js';
import type { NetworkReader } from './network-reader.js';

/** Container actions that change what a network shows of its containers (name, state); connect/disconnect come as network events. */
const CONTAINER_ACTIONS = new Set(['create', 'destroy', 'rename', 'pause', 'unpause', 'die', 'start']);
const baseAction = (action: string) => action.split(':')[0]!.trim();

/** Whether the read shows each container in the state its latest event implies. */
function agrees(known: ReadonlyMap<string, NetworkSummary>, events: readonly EngineEvent[]): boolean {
  const states = new Map<string, string>();
  for (const n of known.values()) for (const c of n.containers) states.set(c.id, c.state);
  return events.every((e) => {
    const want = containerStatesAfter(e.action);
    const state = states.get(e.id);
    return !want || state === undefined || (want as readonly string[]).includes(state);
  });
}

/**
 * The network list as a live source. Network events re-read the network they name (a connect until
 * the container shows on it, a disconnect until it has no address there); container events re-read
 * who is attached where once for all networks (one container list), until states agree.
 */
export function networkSource(reader: NetworkReader, options: { containersMs?: number } = {}): LiveSource<NetworkSummary> {
  return {
    types: ['network', 'container'],
    key: (n) => n.id,
    coalesceMs: 20,
    list: (signal) => reader.all(signal),
    read: (keys, { signal }) => reader.some(keys, signal),
    route(event) {
      if (event.type !== 'network' || !event.id) return undefined;
      const action = baseAction(event.action);
      if (action === 'destroy' || action === 'remove') return { key: event.id, op: 'remove' };
      const container = event.attributes['container'];
      if (action === 'connect' && container) return { key: event.id, op: 'refresh', expect: (n) => n.containers.some((c) => c.id === container) };
      if (action === 'disconnect' && container) {
        return { key: event.id, op: 'refresh', expect: (n) => !n.containers.some((c) => c.id === container && (c.ipv4 || c.ipv6)) };
      }
      return { key: event.id, op: 'refresh' };
    },
    refreshes: [
      {
        delayMs: options.containersMs ?? 100,
        on: (e) => e.type === 'container' && CONTAINER_ACTIONS.has(baseAction(e.action)),
        async run({ known, signal, events }) {
          const attached = await reader.attachments(signal);
          const changed: NetworkSummary[] = [];
          const next = new Map<string, NetworkSummary>();
          for (const n of known.values()) {
            const containers = attached.get(n.id) ?? [];
            const item = sameContainers(containers, n.containers) ? n : { ...n, containers };
            if (item !== n) changed.push(item);
            next.set(n.id, item);
          }
          return { changed, settled: agrees(next, events) };
        },
      },
    ],
  };
}

/** A live network list: one snapshot, then deltas (see engine/live/live-watch.ts). */
export function watchNetworks(reader: NetworkReader, events: EventFeed, signal?: AbortSignal): AsyncIterableIterator<Change<NetworkSummary>> {
  return watchLive(networkSource(reader), { events, signal });
}
