import type { DomainImplementation } from '../../contract/define.js';
import type { containerListApi } from '../../contract/domains/containers.js';
import { listContainers } from '../adapter/calls.js';
import type { ConnectionProvider, EngineConnection } from '../client/engine-connection.js';
import { toBerthError } from '../errors.js';
import { mapContainerSummary } from '../mapping/container-summary.js';
import { watchContainers, type ContainerReader } from './container-watch.js';
import { isBerthHelper } from '../volumes/helper-label.js';

/** The `containers` domain. */
export function createContainersService(connections: ConnectionProvider): DomainImplementation<typeof containerListApi> {
  return {
    list: async ({ all }, ctx) => dockerContainerReader(connections.require()).list({ all }, ctx.signal),
    watch: (_args, ctx) => {
      const conn = connections.require();
      return watchContainers({ reader: dockerContainerReader(conn), events: conn.hub, signal: ctx.signal });
    },
  };
}

/** GET /containers/json, optionally filtered by ids, mapped to ContainerSummary. */
export function dockerContainerReader(conn: Pick<EngineConnection, 'engine' | 'endpoint'>): ContainerReader {
  return {
    async list({ all, ids }, signal) {
      try {
        const raw = await listContainers(conn.engine, { all, filters: ids ? { id: ids } : undefined }, signal);
        const readAt = Date.now();
        // Berth's short-lived volume helpers stay out of every list (and so out of the live view).
        return raw.filter((r) => !isBerthHelper(r.Labels)).map((r) => mapContainerSummary(r, readAt));
      } catch (err) {
        throw toBerthError(err, conn.endpoint.host);
      }
    },
  };
}
