import type { DomainImplementation } from '../../contract/define.js';
import type { imagesApi } from '../../contract/domains/images.js';
import type { ServiceDeps } from './service-deps.js';

/** Images: list, remove, prune, pull, tag, push, inspect. */
export function createImagesService(_deps: ServiceDeps): DomainImplementation<typeof imagesApi> {
  return {};
}
