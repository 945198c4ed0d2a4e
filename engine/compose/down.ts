import type { ComposeDownPlan, ComposeProject } from '../../contract/models/compose.js';
import { BerthError } from '../../contract/errors.js';
import { containerAction, imagePath, listContainers } from '../adapter/calls.js';
import type { EngineAdapter } from '../adapter/engine-adapter.js';
import { toBerthError } from '../errors.js';
import { L } from './labels.js';
import { nameOf, projectContainers, serviceOf } from './project-containers.js';

export interface DownOptions {
  /** Also remove the project's named volumes (not external ones). */
  volumes: boolean;
  /** Also remove images: "local" = the ones built for services without an `image:`; "all" = every image the services use. */
  images: 'none' | 'local' | 'all';
}

/**
 * Exactly what `down` would remove, found by the compose labels (so a project docker-compose started
 * is covered too); with the loaded file, its images are named from it as well. Networks go by the
 * project's label alone, as compose v2's down: a network the file names (`name: proxy`) that another
 * project (or the user) made is shared, not this project's, and is left alone; removing it failed
 * half-way with "has active endpoints" while the other project ran.
 */
export async function downPlan(engine: EngineAdapter, project: string, options: DownOptions, model?: ComposeProject, signal?: AbortSignal): Promise<ComposeDownPlan> {
  const containers = await projectContainers(engine, project, signal);
  const nets = await engine.json<{ Name: string }[]>({ path: '/networks', query: { filters: { label: [`${L.project}=${project}`] } }, signal });
  const networks = new Set(nets.map((n) => n.Name));
  // The project's named volumes: removed when asked, else listed as kept (the dialog says what stays).
  const v = await engine.json<{ Volumes?: { Name: string }[] | null }>({ path: '/volumes', query: { filters: { label: [`${L.project}=${project}`] } }, signal });
  const external = new Set(Object.values(model?.volumes ?? {}).filter((x) => x.external).map((x) => x.name));
  const named = (v.Volumes ?? []).map((x) => x.Name).filter((n) => !external.has(n)).sort();
  const images = new Set<string>();
  if (options.images !== 'none') {
    const candidates = new Set<string>();
    for (const c of containers) if (c.Image) candidates.add(c.Image);
    for (const s of model?.services ?? []) candidates.add(s.image);
    const services = new Set([...containers.map(serviceOf), ...(model?.services ?? []).map((s) => s.name)]);
    // A "local" image is one compose named after the service: v2 "<project>-<service>", v1 "<project>_<service>".
    const local = new Set([...services].flatMap((s) => [`${project}-${s}`, `${project}_${s}`]).flatMap((n) => [n, `${n}:latest`]));
    for (const img of candidates) {
      if (options.images === 'all' || local.has(img)) {
        const present = await engine.json<unknown>({ path: `${imagePath(img)}/json`, signal }).then(() => true, () => false);
        if (present) images.add(img);
      }
    }
  }
  return {
    project,
    containers: containers.map(nameOf).sort(),
    networks: [...networks].sort(),
    volumes: options.volumes ? named : [],
    keptVolumes: options.volumes ? [] : named,
    images: [...images].sort(),
  };
}

/**
 * Stop and remove the plan's containers (in parallel), then its networks, volumes and images. What is already gone is skipped.
 * The stop sends no `t`, so each container gets its own StopTimeout (its stop_grace_period) before SIGKILL.
 */
export async function downProject(engine: EngineAdapter, plan: ComposeDownPlan, signal?: AbortSignal, endpoint?: string): Promise<ComposeDownPlan> {
  const gone = (err: unknown) => {
    if ((err as { statusCode?: unknown }).statusCode !== 404) throw toBerthError(err, endpoint);
  };
  await Promise.all(
    plan.containers.map(async (name) => {
      await containerAction(engine, name, 'stop', {}, signal).catch((err: unknown) => {
        const code = (err as { statusCode?: unknown }).statusCode;
        if (code !== 304 && code !== 404) throw toBerthError(err, endpoint);
      });
      await engine.json({ method: 'DELETE', path: `/containers/${encodeURIComponent(name)}`, query: { force: 1 }, signal }).catch(gone);
    }),
  );
  for (const n of plan.networks) await engine.json({ method: 'DELETE', path: `/networks/${encodeURIComponent(n)}`, signal }).catch(gone);
  for (const v of plan.volumes) {
    await engine.json({ method: 'DELETE', path: `/volumes/${encodeURIComponent(v)}`, signal }).catch(async (err: unknown) => {
      if ((err as { statusCode?: unknown }).statusCode === 409) throw await volumeInUse(engine, v, toBerthError(err, endpoint), signal);
      gone(err);
    });
  }
  for (const i of plan.images) await engine.json({ method: 'DELETE', path: imagePath(i), signal }).catch(gone);
  return plan;
}

/**
 * The engine refuses to remove a volume in use naming the containers by id ("volume is in use - [6b20…]");
 * they are named by name, as the Volumes page names them: "Volume app_data is in use by container other-app-1".
 */
async function volumeInUse(engine: EngineAdapter, volume: string, err: BerthError, signal?: AbortSignal): Promise<BerthError> {
  try {
    const users = (await listContainers(engine, { all: true, filters: { volume: [volume] } }, signal)).map(nameOf).sort();
    if (!users.length) return err;
    const them = users.length > 1 ? 'those containers' : 'that container';
    return new BerthError('CONFLICT', `Volume ${volume} is in use by container${users.length > 1 ? 's' : ''} ${users.join(', ')}: remove ${them} first`, {
      ...(err.details as object | undefined),
      reason: 'in-use',
      name: volume,
      containers: users,
    });
  } catch {
    return err;
  }
}
