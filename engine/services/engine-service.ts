import type { BerthImplementation } from '../../contract/api.js';
import type { ConnectionProvider } from '../client/engine-connection.js';
import { dockerInfo, dockerVersion } from '../client/docker-calls.js';
import { toBerthError } from '../errors.js';
import { mapEngineInfo, type RawInfo, type RawVersion } from '../mapping/engine-info.js';
import type { StatusStore } from './status-store.js';

export interface EngineServiceDeps {
  status: StatusStore;
  connections: ConnectionProvider;
  versions: { berthVersion: string; dockerodeVersion: string };
}

/** The `engine` domain: status (works with or without an engine), info and events (need one). */
export function createEngineService(deps: EngineServiceDeps): BerthImplementation['engine'] {
  return {
    status: () => Promise.resolve(deps.status.get()),
    statusChanges: (_args, ctx) => deps.status.changes(ctx.signal),
    async info(_args, ctx) {
      const conn = deps.connections.require();
      try {
        const [version, info] = await Promise.all([
          dockerVersion(conn.docker, ctx.signal) as Promise<RawVersion>,
          dockerInfo(conn.docker, ctx.signal) as Promise<RawInfo>,
        ]);
        const pinned = (conn.docker.modem as { version?: string }).version?.replace(/^v/, '');
        return mapEngineInfo(version, info, conn.endpoint, { ...deps.versions, apiVersion: pinned });
      } catch (err) {
        throw toBerthError(err, conn.endpoint.host);
      }
    },
    events: (args, ctx) => deps.connections.require().hub.subscribeEvents({ types: args.types, signal: ctx.signal }),
  };
}
