import type { ComposeProject, ServicePlan } from '../../contract/models/compose.js';
import type { RawContainer } from '../mapping/container-summary.js';
import { configHash, L } from './labels.js';
import { serviceOf } from './project-containers.js';

export interface ServiceStep {
  plan: ServicePlan;
  /** The service's existing container (the lowest container-number), when there is one. */
  container?: RawContainer;
}

/**
 * What `up` does to each service, from its existing container: none → create; a config hash other
 * than the file's → recreate; same hash but not running → start; else nothing.
 */
export function planUp(project: ComposeProject, existing: RawContainer[]): Record<string, ServiceStep> {
  const out: Record<string, ServiceStep> = {};
  for (const svc of project.services) {
    const mine = existing
      .filter((c) => serviceOf(c) === svc.name)
      .sort((a, b) => Number(a.Labels?.[L.number] ?? 0) - Number(b.Labels?.[L.number] ?? 0));
    const c = mine[0];
    if (!c) out[svc.name] = { plan: 'create' };
    else if (c.Labels?.[L.hash] !== configHash(svc, project)) out[svc.name] = { plan: 'recreate', container: c };
    else if (c.State !== 'running') out[svc.name] = { plan: 'start', container: c };
    else out[svc.name] = { plan: 'unchanged', container: c };
  }
  return out;
}

/** The named services and, transitively, what they depend on (all services when none are named). */
export function withDependencies(project: ComposeProject, names: readonly string[] | undefined): Set<string> {
  if (!names?.length) return new Set(project.services.map((s) => s.name));
  const by = new Map(project.services.map((s) => [s.name, s]));
  const out = new Set<string>();
  const add = (n: string) => {
    if (out.has(n)) return;
    out.add(n);
    for (const d of Object.keys(by.get(n)?.dependsOn ?? {})) add(d);
  };
  names.forEach(add);
  return out;
}
