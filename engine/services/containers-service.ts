import type Docker from 'dockerode';
import type { DomainImplementation } from '../../contract/define.js';
import type { containerListApi } from '../../contract/domains/containers.js';
import type { ConnectionProvider, EngineConnection } from '../client/engine-connection.js';
import { toBerthError } from '../errors.js';
import { mapContainerSummary, type RawContainer } from '../mapping/container-summary.js';
import { watchContainers, type ContainerReader } from './container-watch.js';

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
export function dockerContainerReader(conn: Pick<EngineConnection, 'docker' | 'endpoint'>): ContainerReader {
  return {
    async list({ all, ids }, signal) {
      const options: Docker.ContainerListOptions & { abortSignal?: AbortSignal } = { all };
      if (ids) options.filters = JSON.stringify({ id: ids });
      if (signal) options.abortSignal = signal;
      try {
        const raw = (await conn.docker.listContainers(options)) as RawContainer[];
        const readAt = Date.now();
        return raw.map((r) => mapContainerSummary(r, readAt));
      } catch (err) {
        throw toBerthError(err, conn.endpoint.host);
      }
    },
  };
}
