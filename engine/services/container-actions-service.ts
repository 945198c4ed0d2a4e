import type { DomainImplementation } from '../../contract/define.js';
import type { containerActionsApi } from '../../contract/domains/container-actions.js';
import type { ServiceDeps } from './service-deps.js';

/** Container lifecycle actions. */
export function createContainerActionsService(_deps: ServiceDeps): DomainImplementation<typeof containerActionsApi> {
  return {};
}
