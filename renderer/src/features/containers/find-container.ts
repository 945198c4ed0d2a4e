import type { ContainerSummary } from '../../../../contract/index.js';

/**
 * The container a route (or the user) names, in the engine's own order: full id, then name, then an id
 * prefix of at least 4 characters (a name wins over a prefix, as with `docker inspect`).
 */
export function findContainer(containers: ReadonlyMap<string, ContainerSummary>, ref: string): ContainerSummary | undefined {
  const exact = containers.get(ref);
  if (exact) return exact;
  let byPrefix: ContainerSummary | undefined;
  for (const c of containers.values()) {
    if (c.name === ref) return c;
    if (!byPrefix && ref.length >= 4 && c.id.startsWith(ref)) byPrefix = c;
  }
  return byPrefix;
}
