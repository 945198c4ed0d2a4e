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

/**
 * How fast the event stream reconnects. A socket on this computer (unix, npipe; Berth's VM is one too)
 * costs nothing to try, so it is tried every 2 s at most: a restarted dockerd shows as running within
 * 2 s of answering, not up to 10 s later. A remote engine (TCP, SSH) backs off to 10 s.
 */
export function reconnectBackoff(host: string): { initialMs: number; maxMs: number } {
  return /^(unix|npipe):/.test(host) ? { initialMs: 250, maxMs: 2000 } : { initialMs: 250, maxMs: 10_000 };
}

export function createEngineConnection(engine: EngineAdapter, managed: boolean, log?: (line: string) => void): EngineConnection {
  const hub = new EventHub({ source: engineEventSource(engine), log, backoff: reconnectBackoff(engine.endpoint.host) });
  return { endpoint: engine.endpoint, engine, hub, managed };
}
