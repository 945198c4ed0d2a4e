import type { DomainImplementation } from '../../contract/define.js';
import type { recycleBinApi } from '../../contract/domains/recycle-bin.js';
import type { ServiceDeps } from './service-deps.js';

/** The recycle bin of removed containers. */
export function createRecycleBinService(_deps: ServiceDeps): DomainImplementation<typeof recycleBinApi> {
  return {};
}
