import type { DomainImplementation } from '../../contract/define.js';
import type { containerExecApi } from '../../contract/domains/container-exec.js';
import { toBerthError } from '../errors.js';
import { openTerminal } from '../exec/open-terminal.js';
import { ExecSessionRegistry } from '../exec/session-registry.js';
import { streamContainerStats } from '../stats/container-stats.js';
import { dockerStatsSource } from '../stats/stats-source.js';
import { streamStatsSummary } from '../stats/stats-summary.js';
import type { ServiceDeps } from './service-deps.js';

/** Exec/attach sessions and stats. */
export function createContainerExecService(deps: ServiceDeps, registry = new ExecSessionRegistry()): DomainImplementation<typeof containerExecApi> {
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
    statsSummary: ({ intervalMs }, ctx) => {
      const conn = deps.connections.require();
      return streamStatsSummary({ source: dockerStatsSource(conn.docker, deps.log), events: conn.hub, signal: ctx.signal, intervalMs, log: deps.log });
    },
  };
}
