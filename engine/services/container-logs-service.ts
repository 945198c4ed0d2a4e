import type { DomainImplementation } from '../../contract/define.js';
import type { containerLogsApi } from '../../contract/domains/container-logs.js';
import type { ServiceDeps } from './service-deps.js';

/** Logs and inspect. */
export function createContainerLogsService(_deps: ServiceDeps): DomainImplementation<typeof containerLogsApi> {
  return {};
}
