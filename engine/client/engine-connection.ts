import type { EngineEndpoint } from '../../contract/model.js';
import { engineInfo } from '../adapter/calls.js';
import type { EngineAdapter } from '../adapter/engine-adapter.js';
import { rfc3339ToNano } from '../mapping/engine-event.js';
import type { EventSource } from '../streams/event-hub.js';
import { EventHub } from '../streams/event-hub.js';

/** One live engine connection: where it is, its adapter (the one way to make engine requests), and its single event hub. */
export interface EngineConnection {
  readonly endpoint: EngineEndpoint;
  readonly engine: EngineAdapter;
  readonly hub: EventHub;
  /** True when Berth started this engine. */
  readonly managed: boolean;
}

/** Hands services the current connection; throws ENGINE_UNAVAILABLE (with the reason) when there is none. */
export interface ConnectionProvider {
  require(): EngineConnection;
}

/** GET /events through the adapter, with the engine's clock read from GET /info's SystemTime. */
export function engineEventSource(engine: EngineAdapter): EventSource {
  return {
    async now(signal) {
      const info = await engineInfo<{ SystemTime?: unknown }>(engine, signal);
      return typeof info.SystemTime === 'string' ? rfc3339ToNano(info.SystemTime) : undefined;
    },
    // The engine takes "seconds.nanoseconds" for `since`.
    open: (since, signal) => engine.stream({ path: '/events', query: { since }, signal }),
  };
}

export function createEngineConnection(engine: EngineAdapter, managed: boolean, log?: (line: string) => void): EngineConnection {
  const hub = new EventHub({ source: engineEventSource(engine), log });
  return { endpoint: engine.endpoint, engine, hub, managed };
}
