import type { BerthImplementation } from '../../contract/api.js';
import type { EngineStatus, PortForwardsView } from '../../contract/model.js';
import type { ConnectionProvider } from '../client/engine-connection.js';
import { engineInfo, engineVersion } from '../adapter/calls.js';
import { toBerthError } from '../errors.js';
import { mapEngineInfo, type RawInfo, type RawVersion } from '../mapping/engine-info.js';
import type { ValueStore } from '../streams/value-store.js';
import type { StatusStore } from './status-store.js';

export interface EngineServiceDeps {
  status: StatusStore;
  connections: ConnectionProvider;
  versions: { berthVersion: string; dockerodeVersion: string };
  /** The Engine page's VM buttons (the engine lifecycle acts on Berth's VM). */
  vmAction(action: 'start' | 'stop' | 'restart' | 'delete' | 'reset'): Promise<EngineStatus>;
  /** Ports forwarded from Berth's VM (inactive when the engine is elsewhere). */
  portForwards: { view: ValueStore<PortForwardsView>; retry(containerId: string): Promise<PortForwardsView> };
}

/** The `engine` domain: status (works with or without an engine), info and events (need one). */
export function createEngineService(deps: EngineServiceDeps): BerthImplementation['engine'] {
  return {
    status: () => Promise.resolve(deps.status.get()),
    statusChanges: (_args, ctx) => deps.status.changes(ctx.signal),
    vm: ({ action }) => deps.vmAction(action),
    portForwards: (_args, ctx) => deps.portForwards.view.changes(ctx.signal),
    retryPortForwards: ({ containerId }) => deps.portForwards.retry(containerId),
    async info(_args, ctx) {
      const conn = deps.connections.require();
      try {
        const [version, info] = await Promise.all([
          engineVersion<RawVersion>(conn.engine, ctx.signal),
          engineInfo<RawInfo>(conn.engine, ctx.signal),
        ]);
        return mapEngineInfo(version, info, conn.endpoint, { ...deps.versions, apiVersion: conn.engine.apiVersion });
      } catch (err) {
        throw toBerthError(err, conn.endpoint.host);
      }
    },
    events: (args, ctx) => deps.connections.require().hub.subscribeEvents({ types: args.types, signal: ctx.signal }),
  };
}
