import type { RegistryInfo, RegistryRepository } from '../../../../contract/models/registries.js';
import { DOCKER_HUB_HOST, sameRegistry } from '../../../../contract/registry-host.js';

/** Pure helpers of the Registries page (tested in registries-model.test.ts). */

export const DOCKER_HUB = DOCKER_HUB_HOST;
/** True when two addresses name the same registry (e.g. a search's and a login's), as the back end judges it. */
export { sameRegistry };

/** Registries to suggest in the search box: Docker Hub first, then every known registry once. */
export function registrySuggestions(known: readonly RegistryInfo[]): string[] {
  return [...new Set([DOCKER_HUB, ...known.map((r) => r.server)])];
}

/** The tag a result starts with: "latest" when listed (or when the registry lists none), else the first. */
export function defaultTag(repo: RegistryRepository): string {
  if (repo.tags.length === 0 || repo.tags.includes('latest')) return 'latest';
  return repo.tags[0] ?? 'latest';
}

/** The reference to pull for a result and tag, e.g. 127.0.0.1:5000/team/app:v1 or nginx:latest. */
export function pullReference(repo: RegistryRepository, tag: string): string {
  return `${repo.pullName}:${tag || 'latest'}`;
}

/** Who is logged in, as the list shows it. */
export function userLabel(r: RegistryInfo): string {
  if (r.username === '<token>') return '(identity token)';
  return r.username ?? '(unknown user)';
}
