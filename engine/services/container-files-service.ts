import type { DomainImplementation } from '../../contract/define.js';
import type { containerFilesApi } from '../../contract/domains/container-files.js';
import type { ServiceDeps } from './service-deps.js';

/** Browse, download, upload, diff. */
export function createContainerFilesService(_deps: ServiceDeps): DomainImplementation<typeof containerFilesApi> {
  return {};
}
