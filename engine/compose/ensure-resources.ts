import { BerthError } from '../../contract/errors.js';
import type { ComposeProject } from '../../contract/models/compose.js';
import { toBerthError } from '../errors.js';
import { checkVolumeDriver } from '../volumes/volume-create-checks.js';
import { COMPOSE_VERSION_LABEL, L } from './labels.js';
import type { ComposeRuntime, Emit } from './runtime.js';

/** The network and volume keys the given services use. */
export function usedResources(project: ComposeProject): { networks: string[]; volumes: string[] } {
  const networks = new Set<string>();
  const volumes = new Set<string>();
  for (const s of project.services) {
    for (const n of Object.keys(s.networks)) networks.add(n);
    for (const v of s.volumes) if (v.type === 'volume' && v.source) volumes.add(v.source);
  }
  return { networks: [...networks], volumes: [...volumes] };
}

interface RawNetwork {
  Name?: string;
  Id?: string;
  Labels?: Record<string, string> | null;
}

/** The network named `name` (GET /networks/{name} also matches an id prefix: only an exact name or id counts), or undefined. */
async function inspectNetwork(rt: ComposeRuntime, name: string, signal: AbortSignal): Promise<RawNetwork | undefined> {
  try {
    const n = await rt.engine.json<RawNetwork>({ path: `/networks/${encodeURIComponent(name)}`, signal });
    return n.Name === name || n.Id === name ? n : undefined;
  } catch (err) {
    if ((err as { statusCode?: unknown }).statusCode === 404) return undefined;
    throw err;
  }
}

/**
 * A network of the file that already exists, checked as docker compose v2 checks it: made for this
 * network key (its com.docker.compose.network label) it is reused, with a warning when another project
 * (or no project) made it; made for anything else, up is refused rather than silently joining it.
 */
export function checkReusedNetwork(found: RawNetwork, key: string, project: string, emit: Emit): void {
  const labels = found.Labels ?? {};
  const name = found.Name ?? key;
  const owner = labels[L.project];
  const netKey = labels[L.network];
  if (netKey !== key) {
    const made = owner === undefined ? 'was not created by compose' : owner === project ? `was created for network "${netKey ?? ''}" of this project` : `belongs to project "${owner}"`;
    throw new BerthError(
      'CONFLICT',
      `Network ${name} was found but has incorrect label ${L.network} set to "${netKey ?? ''}" (expected "${key}"): it ${made}. Remove it, or mark the network "external: true" in the file to use it as it is`,
      { reason: 'network-labels', network: name, label: L.network, value: netKey ?? '', expected: key },
    );
  }
  if (owner === undefined) emit({ kind: 'log', text: `warning: a network named ${name} exists but was not created by compose; it is used as it is (mark it "external: true" to say so)` });
  else if (owner !== project) emit({ kind: 'log', text: `warning: a network named ${name} exists but was created for project "${owner}"; it is shared with it (mark it "external: true" to say so)` });
}

/** The volume named `name` (its labels), or undefined when there is none. */
async function inspectVolume(rt: ComposeRuntime, name: string, signal: AbortSignal): Promise<{ Labels?: Record<string, string> | null } | undefined> {
  try {
    return await rt.engine.json<{ Labels?: Record<string, string> | null }>({ path: `/volumes/${encodeURIComponent(name)}`, signal });
  } catch (err) {
    if ((err as { statusCode?: unknown }).statusCode === 404) return undefined;
    throw err;
  }
}

/**
 * A volume of the file that already exists, checked as docker compose v2 checks it: always reused (its
 * data is kept), with a warning when compose did not make it for this project (v2: `volume "x" already
 * exists but was not created by Docker Compose` / `was created for project "p" (expected "q")`).
 */
export function checkReusedVolume(found: { Labels?: Record<string, string> | null }, name: string, project: string, emit: Emit): void {
  const owner = (found.Labels ?? {})[L.project];
  if (owner === undefined) emit({ kind: 'log', text: `warning: a volume named ${name} exists but was not created by compose; it is used as it is, with its data (mark it "external: true" to say so)` });
  else if (owner !== project) emit({ kind: 'log', text: `warning: a volume named ${name} exists but was created for project "${owner}"; it is shared with it, with its data (mark it "external: true" to say so)` });
}

/**
 * Create the project's networks and named volumes that do not exist yet, labelled as docker-compose
 * labels them (so its `down` removes them too). An external one must exist already.
 */
export async function ensureResources(rt: ComposeRuntime, project: ComposeProject, emit: Emit, signal: AbortSignal): Promise<void> {
  const used = usedResources(project);
  const jobs: Promise<void>[] = [];
  for (const key of used.networks) {
    const net = project.networks[key]!;
    jobs.push(
      (async () => {
        const found = await inspectNetwork(rt, net.name, signal);
        if (found) {
          if (!net.external) checkReusedNetwork(found, key, project.name, emit);
          emit({ kind: 'resource', what: 'network', name: net.name, step: 'exists' });
          return;
        }
        if (net.external) throw new BerthError('NOT_FOUND', `The external network "${net.name}" does not exist; create it first (docker network create ${net.name})`);
        const labels = { ...net.labels, [L.project]: project.name, [L.network]: key, [L.version]: COMPOSE_VERSION_LABEL };
        await rt.engine.json({ method: 'POST', path: '/networks/create', body: { Name: net.name, Driver: net.driver ?? 'bridge', Labels: labels, CheckDuplicate: true }, signal, ok: [200, 201] });
        emit({ kind: 'resource', what: 'network', name: net.name, step: 'created' });
      })(),
    );
  }
  for (const key of used.volumes) {
    const vol = project.volumes[key]!;
    jobs.push(
      (async () => {
        const found = await inspectVolume(rt, vol.name, signal);
        if (found) {
          if (!vol.external) checkReusedVolume(found, vol.name, project.name, emit);
          emit({ kind: 'resource', what: 'volume', name: vol.name, step: 'exists' });
          return;
        }
        if (vol.external) throw new BerthError('NOT_FOUND', `The external volume "${vol.name}" does not exist; create it first (docker volume create ${vol.name})`);
        // A driver the engine lacks is refused at once (the engine looks for its plugin for 15 s), naming the volume.
        await checkVolumeDriver(rt.engine, vol.driver ?? 'local', signal).catch((err: unknown) => {
          throw err instanceof BerthError ? new BerthError(err.code, `Volume "${key}": ${err.message}`, err.details) : err;
        });
        const labels = { ...vol.labels, [L.project]: project.name, [L.volume]: key, [L.version]: COMPOSE_VERSION_LABEL };
        await rt.engine.json({ method: 'POST', path: '/volumes/create', body: { Name: vol.name, Driver: vol.driver ?? 'local', Labels: labels }, signal, ok: [200, 201] });
        emit({ kind: 'resource', what: 'volume', name: vol.name, step: 'created' });
      })(),
    );
  }
  const results = await Promise.allSettled(jobs);
  const failed = results.flatMap((r) => (r.status === 'rejected' ? [toBerthError(r.reason, rt.endpoint)] : []));
  if (failed.length === 1) throw failed[0]!;
  // Every missing external network and volume at once, so one pass fixes them all.
  if (failed.length) throw new BerthError(failed[0]!.code, failed.map((e) => e.message).join('; '), { problems: failed.map((e) => ({ code: e.code, message: e.message })) });
}
