import type { DomainImplementation } from '../../contract/define.js';
import type { containerExecApi } from '../../contract/domains/container-exec.js';
import { toBerthError } from '../errors.js';
import { isResizeAfterEnd } from '../exec/exec-messages.js';
import { openTerminal } from '../exec/open-terminal.js';
import { streamContainerStats } from '../stats/container-stats.js';
import { engineStatsSource } from '../stats/stats-source.js';
import { streamStatsSummary } from '../stats/stats-summary.js';
import type { ServiceDeps, SharedStores } from './service-deps.js';

/** Exec/attach sessions and stats. The session registry and the stats pools come from the composition root. */
export function createContainerExecService(deps: ServiceDeps, stores: Pick<SharedStores, 'execSessions' | 'statsPool'>): DomainImplementation<typeof containerExecApi> {
  const registry = stores.execSessions;
  return {
    exec: ({ id, command, cols, rows, attach }, ctx) => {
      const conn = deps.connections.require();
      return openTerminal({ engine: conn.engine, endpoint: conn.endpoint.host, registry, connectionId: ctx.connectionId, id, command, cols, rows, attach, signal: ctx.signal });
    },
    execInput: async ({ session, data }, ctx) => {
      registry.get(session, ctx.connectionId).write(data);
    },
    execResize: async ({ session, cols, rows }, ctx) => {
      const handle = registry.get(session, ctx.connectionId);
      try {
        await handle.resize(cols, rows);
      } catch (err) {
        if (isResizeAfterEnd(err)) return;
        throw toBerthError(err, deps.connections.require().endpoint.host);
      }
    },
    stats: ({ id }, ctx) => {
      const conn = deps.connections.require();
      return streamContainerStats({ source: engineStatsSource(conn.engine, deps.log), events: conn.hub, id, signal: ctx.signal, endpoint: conn.endpoint.host });
    },
    statsSummary: ({ intervalMs, ids }, ctx) => {
      const conn = deps.connections.require();
      const source = engineStatsSource(conn.engine, deps.log);
      return streamStatsSummary({ pool: stores.statsPool(conn), running: (signal) => source.running(signal), events: conn.hub, signal: ctx.signal, intervalMs, ...(ids ? { ids } : {}) });
    },
  };
}
