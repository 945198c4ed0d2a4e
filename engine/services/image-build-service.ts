import type { DomainImplementation } from '../../contract/define.js';
import type { imageBuildApi } from '../../contract/domains/image-build.js';
import type { ServiceDeps } from './service-deps.js';

/** Build and the layers explorer. */
export function createImageBuildService(_deps: ServiceDeps): DomainImplementation<typeof imageBuildApi> {
  return {};
}
