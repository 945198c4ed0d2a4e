import type { ContainerSummary } from '../../../../contract/index.js';

/** The container a route names: by full id, id prefix (≥ 4 chars) or name. */
export function findContainer(containers: ReadonlyMap<string, ContainerSummary>, ref: string): ContainerSummary | undefined {
  const exact = containers.get(ref);
  if (exact) return exact;
  for (const c of containers.values()) if (c.name === ref || (ref.length >= 4 && c.id.startsWith(ref))) return c;
  return undefined;
}
