import type { DomainImplementation } from '../../contract/define.js';
import type { containerRunApi } from '../../contract/domains/container-run.js';
import type { ServiceDeps } from './service-deps.js';

/** Run a container from a validated spec. */
export function createContainerRunService(_deps: ServiceDeps): DomainImplementation<typeof containerRunApi> {
  return {};
}
