import type { DomainImplementation } from '../../contract/define.js';
import type { containerLogsApi } from '../../contract/domains/container-logs.js';
import { inspectContainer } from '../adapter/calls.js';
import { toBerthError } from '../errors.js';
import { summarizeInspect } from '../logs/inspect-summary.js';
import { openLogStream } from '../logs/log-stream.js';
import type { ServiceDeps } from './service-deps.js';

/** Logs and inspect. */
export function createContainerLogsService(deps: ServiceDeps): DomainImplementation<typeof containerLogsApi> {
  return {
    logs: ({ id, ...options }, ctx) => {
      const conn = deps.connections.require();
      return openLogStream(conn.engine, id, { ...options, announceOpen: true }, ctx.signal, conn.endpoint.host);
    },
    inspect: async ({ id }, ctx) => {
      const conn = deps.connections.require();
      try {
        const raw = await inspectContainer(conn.engine, id, ctx.signal);
        return { summary: summarizeInspect(raw), raw };
      } catch (err) {
        throw toBerthError(err, conn.endpoint.host);
      }
    },
  };
}
