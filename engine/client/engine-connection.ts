import type Docker from 'dockerode';
import type { EngineEndpoint } from '../../contract/model.js';
import { adapterOver } from '../adapter/docker-adapter.js';
import type { EngineAdapter } from '../adapter/engine-adapter.js';
import { dockerInfo } from './docker-calls.js';
import { rfc3339ToNano } from '../mapping/engine-event.js';
import type { EventSource } from '../streams/event-hub.js';
import { EventHub } from '../streams/event-hub.js';

/** One live engine connection: where it is, the dockerode client, and its single event hub. */
export interface EngineConnection {
  readonly endpoint: EngineEndpoint;
  readonly docker: Docker;
  /** The engine adapter: the one way to make engine requests (services use this, not `docker`). */
  readonly engine: EngineAdapter;
  readonly hub: EventHub;
  /** True when Berth started this engine. */
  readonly managed: boolean;
}

/** Hands services the current connection; throws ENGINE_UNAVAILABLE (with the reason) when there is none. */
export interface ConnectionProvider {
  require(): EngineConnection;
}

/** GET /events through dockerode, with the engine's clock read from GET /info's SystemTime. */
export function dockerEventSource(docker: Docker): EventSource {
  return {
    async now(signal) {
      const info = (await dockerInfo(docker, signal)) as { SystemTime?: unknown };
      return typeof info.SystemTime === 'string' ? rfc3339ToNano(info.SystemTime) : undefined;
    },
    async open(since, signal) {
      // The engine takes "seconds.nanoseconds"; dockerode's types only allow a number.
      const options = { since, abortSignal: signal } as unknown as Docker.GetEventsOptions;
      return (await docker.getEvents(options)) as unknown as AsyncIterable<Uint8Array>;
    },
  };
}

export function createEngineConnection(docker: Docker, endpoint: EngineEndpoint, managed: boolean, log?: (line: string) => void): EngineConnection {
  const hub = new EventHub({ source: dockerEventSource(docker), log });
  return { endpoint, docker, engine: adapterOver(docker, endpoint), hub, managed };
}
