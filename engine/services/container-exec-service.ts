import type { DomainImplementation } from '../../contract/define.js';
import type { containerExecApi } from '../../contract/domains/container-exec.js';
import type { ServiceDeps } from './service-deps.js';

/** Exec/attach sessions and stats. */
export function createContainerExecService(_deps: ServiceDeps): DomainImplementation<typeof containerExecApi> {
  return {};
}
