import type { DomainImplementation } from '../../contract/define.js';
import type { containerLogsApi } from '../../contract/domains/container-logs.js';
import { toBerthError } from '../errors.js';
import { summarizeInspect } from '../logs/inspect-summary.js';
import { openLogStream } from '../logs/log-stream.js';
import type { ServiceDeps } from './service-deps.js';

/** Logs and inspect. */
export function createContainerLogsService(deps: ServiceDeps): DomainImplementation<typeof containerLogsApi> {
  return {
    logs: ({ id, ...options }, ctx) => {
      const conn = deps.connections.require();
      return openLogStream(conn.docker, id, options, ctx.signal, conn.endpoint.host);
    },
    inspect: async ({ id }, ctx) => {
      const conn = deps.connections.require();
      try {
        const raw = (await conn.docker.getContainer(id).inspect({ abortSignal: ctx.signal } as object)) as unknown;
        // Round-trip through JSON: plain data only, whatever dockerode adds.
        const plain = JSON.parse(JSON.stringify(raw)) as unknown;
        return { summary: summarizeInspect(plain), raw: plain };
      } catch (err) {
        throw toBerthError(err, conn.endpoint.host);
      }
    },
  };
}
