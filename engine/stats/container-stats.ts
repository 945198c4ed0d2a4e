import type { ContainerStatsEvent } from '../../contract/models/container-exec.js';
import { toBerthError } from '../errors.js';
import { AsyncQueue } from '../streams/async-queue.js';
import type { SubscribeOptions } from '../streams/event-hub.js';
import type { EngineEvent } from '../../contract/model.js';
import { StatsCalculator } from './stats-calc.js';
import { isStoppedSample, parseStatsLine, type StatsSource } from './stats-source.js';

export interface ContainerEventFeed {
  subscribeEvents(options: SubscribeOptions): AsyncIterableIterator<EngineEvent>;
}

/** Container actions after which no more stats come. */
export const STOP_ACTIONS = new Set(['die', 'stop', 'destroy']);

/**
 * Live stats of one container from the streaming endpoint (about one sample a second, pushed by the
 * engine: nothing is polled). A slow consumer only ever holds the latest sample (coalesced). When the
 * container stops — its `die` event or the engine ending the stream — a `stopped` event ends it.
 */
export function streamContainerStats(options: { source: StatsSource; events: ContainerEventFeed; id: string; signal: AbortSignal; endpoint?: string }): AsyncIterableIterator<ContainerStatsEvent> {
  const life = new AbortController();
  const out = new AsyncQueue<ContainerStatsEvent>({ capacity: 4, key: (e) => e.kind, signal: options.signal, onClose: () => life.abort() });
  if (!out.open) return out;
  const stopped = () => {
    out.push({ kind: 'stopped' });
    out.end();
  };
  void (async () => {
    try {
      // Subscribe before inspecting, so a stop in between is not missed.
      const events = options.events.subscribeEvents({ types: ['container'], capacity: 1000, signal: life.signal });
      life.signal.addEventListener('abort', () => void events.return?.(), { once: true });
      const info = await options.source.inspect(options.id, life.signal);
      void (async () => {
        for await (const e of events) {
          if (e.id === info.id && STOP_ACTIONS.has(e.action.split(':')[0]!)) return stopped();
        }
      })().catch(() => undefined);
      if (!info.running) return stopped();
      const calc = new StatsCalculator();
      for await (const line of options.source.open(info.id, life.signal)) {
        if (!out.open) return;
        const raw = parseStatsLine(line);
        if (!raw) continue;
        if (isStoppedSample(raw)) return stopped();
        out.push({ kind: 'sample', stats: calc.next(raw) });
      }
      if (out.open) stopped();
    } catch (err) {
      if (!life.signal.aborted) out.fail(toBerthError(err, options.endpoint));
    }
  })();
  return out;
}
