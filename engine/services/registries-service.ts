import type { DomainImplementation } from '../../contract/define.js';
import type { registriesApi } from '../../contract/domains/registries.js';
import type { ServiceDeps } from './service-deps.js';

/** Registries: login, logout, search. */
export function createRegistriesService(_deps: ServiceDeps): DomainImplementation<typeof registriesApi> {
  return {};
}
