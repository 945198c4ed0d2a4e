import { createHash } from 'node:crypto';
import type { ComposeProject, ComposeService } from '../../contract/models/compose.js';

/** The labels docker-compose (v1 and v2) writes and reads; a project started by either tool is found by them. */
export const L = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  number: 'com.docker.compose.container-number',
  oneoff: 'com.docker.compose.oneoff',
  hash: 'com.docker.compose.config-hash',
  workingDir: 'com.docker.compose.project.working_dir',
  configFiles: 'com.docker.compose.project.config_files',
  version: 'com.docker.compose.version',
  network: 'com.docker.compose.network',
  volume: 'com.docker.compose.volume',
  dependsOn: 'com.docker.compose.depends_on',
} as const;

/**
 * The version Berth writes in com.docker.compose.version. docker-compose 1.29 reads the label only to
 * warn when a container was made by a newer compose; Berth writes a 2.x version since it follows v2.
 */
export const COMPOSE_VERSION_LABEL = '2.0.0';

/**
 * The service's config hash: sha256 of its model as canonical JSON (keys sorted), minus what does
 * not change the container (profiles, dependency conditions), plus the engine names of the networks
 * and volumes it uses. It cannot equal docker-compose's own (that hashes Go/Python structures), so an
 * `up` by docker-compose may recreate a container Berth made, and the other way round.
 */
export function configHash(svc: ComposeService, project: ComposeProject): string {
  const { profiles: _p, dependsOn: _d, ...rest } = svc;
  const nets = Object.keys(svc.networks).map((k) => project.networks[k]?.name ?? k);
  const vols = svc.volumes.flatMap((v) => (v.type === 'volume' && v.source ? [project.volumes[v.source]?.name ?? v.source] : []));
  return createHash('sha256').update(canonical({ ...rest, nets, vols })).digest('hex');
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** Compose v2 container names: "<project>-<service>-<n>" (v1 used "_"); `container_name` wins. */
export function containerName(project: string, svc: ComposeService, n: number): string {
  return svc.containerName ?? `${project}-${svc.name}-${n}`;
}

export function serviceLabels(project: ComposeProject, svc: ComposeService, n: number): Record<string, string> {
  return {
    ...svc.labels,
    [L.project]: project.name,
    [L.service]: svc.name,
    [L.number]: String(n),
    [L.oneoff]: 'False',
    [L.hash]: configHash(svc, project),
    [L.workingDir]: project.workingDir,
    [L.configFiles]: project.configFiles.join(','),
    [L.version]: COMPOSE_VERSION_LABEL,
    [L.dependsOn]: Object.entries(svc.dependsOn).map(([d, c]) => `${d}:${c.condition}:false`).join(','),
  };
}
