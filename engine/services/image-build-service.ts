import type { DomainImplementation } from '../../contract/define.js';
import type { imageBuildApi } from '../../contract/domains/image-build.js';
import { runBuild } from '../build/run-build.js';
import { LayersExplorer } from '../layers/layers-explorer.js';
import type { ServiceDeps } from './service-deps.js';

/** Build and the layers explorer. */
export function createImageBuildService(deps: ServiceDeps): DomainImplementation<typeof imageBuildApi> {
  const explorer = new LayersExplorer();
  return {
    build(args, ctx) {
      const conn = deps.connections.require();
      return runBuild(conn.engine, args, ctx.signal, conn.endpoint.host);
    },
    layers(args, ctx) {
      const conn = deps.connections.require();
      return explorer.layers(conn.engine, args.id, ctx.signal, conn.endpoint.host);
    },
  };
}
