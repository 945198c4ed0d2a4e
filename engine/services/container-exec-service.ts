import type { DomainImplementation } from '../../contract/define.js';
import type { containerExecApi } from '../../contract/domains/container-exec.js';
import { toBerthError } from '../errors.js';
import { openTerminal } from '../exec/open-terminal.js';
import { ExecSessionRegistry } from '../exec/session-registry.js';
import { streamContainerStats } from '../stats/container-stats.js';
import { dockerStatsSource, type StatsSource } from '../stats/stats-source.js';
import { StatsPool } from '../stats/stats-pool.js';
import type { EngineConnection } from '../client/engine-connection.js';
import { streamStatsSummary } from '../stats/stats-summary.js';
import type { ServiceDeps } from './service-deps.js';

/** Exec/attach sessions and stats. */
export function createContainerExecService(deps: ServiceDeps, registry = new ExecSessionRegistry()): DomainImplementation<typeof containerExecApi> {
  // One pool of held stats connections per engine connection, shared by every window's sparklines.
  const pools = new WeakMap<EngineConnection, StatsPool>();
  const poolFor = (conn: EngineConnection, source: StatsSource) => {
    let pool = pools.get(conn);
    if (!pool) pools.set(conn, (pool = new StatsPool({ hold: (id, signal) => source.hold(id, signal), log: deps.log })));
    return pool;
  };
  return {
    exec: ({ id, command, cols, rows, attach }, ctx) => {
      const conn = deps.connections.require();
      return openTerminal({ docker: conn.docker, endpoint: conn.endpoint.host, registry, connectionId: ctx.connectionId, id, command, cols, rows, attach, signal: ctx.signal });
    },
    execInput: async ({ session, data }, ctx) => {
      registry.get(session, ctx.connectionId).write(data);
    },
    execResize: async ({ session, cols, rows }, ctx) => {
      const handle = registry.get(session, ctx.connectionId);
      try {
        await handle.resize(cols, rows);
      } catch (err) {
        throw toBerthError(err, deps.connections.require().endpoint.host);
      }
    },
    stats: ({ id }, ctx) => {
      const conn = deps.connections.require();
      return streamContainerStats({ source: dockerStatsSource(conn.docker, deps.log), events: conn.hub, id, signal: ctx.signal, endpoint: conn.endpoint.host });
    },
    statsSummary: ({ intervalMs, ids }, ctx) => {
      const conn = deps.connections.require();
      const source = dockerStatsSource(conn.docker, deps.log);
      return streamStatsSummary({ pool: poolFor(conn, source), running: (signal) => source.running(signal), events: conn.hub, signal: ctx.signal, intervalMs, ...(ids ? { ids } : {}) });
    },
  };
}
