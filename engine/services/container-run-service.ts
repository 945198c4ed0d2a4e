import type { DomainImplementation } from '../../contract/define.js';
import type { containerRunApi } from '../../contract/domains/container-run.js';
import type { NetworkChoice } from '../../contract/models/container-run.js';
import { toBerthError } from '../errors.js';
import { dockerRunCheckDeps } from '../run/docker-run-checks.js';
import { readResources, updateResources } from '../run/resources.js';
import { checkRunSpec } from '../run/run-checks.js';
import { runContainer } from '../run/run-container.js';
import type { ServiceDeps } from './service-deps.js';

/** Run a container from a validated spec; read and change its CPU and memory limits. */
export function createContainerRunService(deps: ServiceDeps): DomainImplementation<typeof containerRunApi> {
  return {
    async validateRun(spec) {
      const conn = deps.connections.require();
      return { issues: await checkRunSpec(spec, dockerRunCheckDeps(conn.engine, conn.endpoint, deps.vmShares?.())) };
    },
    async run(spec) {
      const conn = deps.connections.require();
      const result = await runContainer(conn.engine, spec, dockerRunCheckDeps(conn.engine, conn.endpoint, deps.vmShares?.()), conn.endpoint.host);
      deps.log(`run: started ${result.name} (${result.id.slice(0, 12)}) from ${spec.image}`);
      return result;
    },
    resources: async ({ id }) => {
      const conn = deps.connections.require();
      return readResources(conn.engine, id, conn.endpoint.host);
    },
    update: async (args) => {
      const conn = deps.connections.require();
      return updateResources(conn.engine, args, conn.endpoint.host);
    },
    async networks() {
      const conn = deps.connections.require();
      try {
        const list = await conn.engine.json<{ Id: string; Name: string; Driver: string }[]>({ path: '/networks' });
        const order = (n: NetworkChoice) => (n.name === 'bridge' ? 0 : n.driver === 'null' || n.driver === 'host' ? 2 : 1);
        return list
          .map((n): NetworkChoice => ({ id: n.Id, name: n.Name, driver: n.Driver }))
          .sort((a, b) => order(a) - order(b) || a.name.localeCompare(b.name));
      } catch (err) {
        throw toBerthError(err, conn.endpoint.host);
      }
    },
  };
}
