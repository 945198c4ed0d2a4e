import type { ComposeIssue, ComposeNetwork, ComposeService, ComposeVolume } from '../../contract/models/compose.js';
import type { IssueAt } from './project-resources.js';

/**
 * Checks across services: every dependency, network and named volume exists; dependencies form no
 * cycle and do not point at a service its profiles disable; a service has an image or a build; no two
 * services publish the same host port or take the same container name.
 */
export function checkProject(
  enabled: ComposeService[],
  all: ComposeService[],
  networks: Record<string, ComposeNetwork>,
  volumes: Record<string, ComposeVolume>,
  issue: IssueAt,
): ComposeIssue[] {
  const out: ComposeIssue[] = [];
  const names = new Set(all.map((s) => s.name));
  const on = new Set(enabled.map((s) => s.name));
  const published = new Map<string, string>();
  const containerNames = new Map<string, string>();
  for (const s of enabled) {
    const at = (...p: (string | number)[]) => ['services', s.name, ...p];
    for (const dep of Object.keys(s.dependsOn)) {
      if (!names.has(dep)) out.push(issue(at('depends_on', dep), `Service "${s.name}" depends on "${dep}", which is not a service of this project`));
      else if (!on.has(dep)) out.push(issue(at('depends_on', dep), `Service "${s.name}" depends on "${dep}", which its profiles disable; activate one of them`));
    }
    for (const net of Object.keys(s.networks)) {
      if (!networks[net]) out.push(issue(at('networks', net), `Service "${s.name}" uses network "${net}", which is not defined under the top-level "networks"`));
    }
    s.volumes.forEach((v, i) => {
      if (v.type === 'volume' && v.source && !volumes[v.source]) out.push(issue(at('volumes', i), `Service "${s.name}" uses volume "${v.source}", which is not defined under the top-level "volumes"`));
    });
    const targets = new Set<string>();
    s.volumes.forEach((v, i) => {
      if (targets.has(v.target)) out.push(issue(at('volumes', i), `Service "${s.name}" mounts ${v.target} twice`));
      targets.add(v.target);
    });
    if (!s.build && !s.image) out.push(issue(at(), `Service "${s.name}" has neither an image nor a build`));
    s.ports.forEach((p, i) => {
      if (p.published === undefined) return;
      const key = `${p.hostIp ?? '0.0.0.0'}:${p.published}/${p.protocol}`;
      const other = published.get(key);
      if (other) out.push(issue(at('ports', i), `Service "${s.name}" publishes host port ${p.published}/${p.protocol}, which "${other}" already publishes`));
      else published.set(key, s.name);
    });
    if (s.containerName) {
      const other = containerNames.get(s.containerName);
      if (other) out.push(issue(at('container_name'), `Services "${other}" and "${s.name}" both take the container name "${s.containerName}"`));
      containerNames.set(s.containerName, s.name);
    }
  }
  const cycle = findCycle(enabled);
  if (cycle) out.push(issue(['services', cycle[0]!, 'depends_on'], `depends_on forms a cycle: ${cycle.join(' → ')}`));
  return out;
}

function findCycle(services: ComposeService[]): string[] | undefined {
  const by = new Map(services.map((s) => [s.name, s]));
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): string[] | undefined => {
    if (state.get(n) === 'done') return undefined;
    if (state.get(n) === 'visiting') return [...stack.slice(stack.indexOf(n)), n];
    state.set(n, 'visiting');
    stack.push(n);
    for (const d of Object.keys(by.get(n)?.dependsOn ?? {})) {
      if (!by.has(d)) continue;
      const c = visit(d);
      if (c) return c;
    }
    stack.pop();
    state.set(n, 'done');
    return undefined;
  };
  for (const s of services) {
    const c = visit(s.name);
    if (c) return c;
  }
  return undefined;
}
