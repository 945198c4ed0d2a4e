import { BerthError } from '../../contract/errors.js';
import type { ImageContainerRef, ImageRemoveResult, ImageSummary, PruneMode, PrunePreview, PruneResult } from '../../contract/models/images.js';
import { toBerthError } from '../errors.js';
import { imagePath } from '../adapter/calls.js';
import type { EngineAdapter } from '../adapter/engine-adapter.js';
import type { ImageReader } from './image-reader.js';
import { shortId } from './image-mapping.js';
import { HELPER_LABEL } from '../volumes/helper-label.js';

type DeleteItem = { Untagged?: string; Deleted?: string };

/** "web-1 (running)", "web-1 (running) and db (exited)", "a (exited), b (exited) and 3 more". */
export function describeContainers(refs: readonly ImageContainerRef[]): string {
  const names = refs.slice(0, 3).map((c) => `${c.name} (${c.state})`);
  if (refs.length > 3) names.push(`${refs.length - 3} more`);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export function inUseMessage(image: string, refs: readonly ImageContainerRef[]): string {
  const running = refs.some((c) => c.state === 'running' || c.state === 'paused' || c.state === 'restarting');
  const what = refs.length === 1 ? 'container' : 'containers';
  const fix = running ? 'stop and remove it first, or force' : 'remove it first, or force';
  return `Image ${image} is used by ${what} ${describeContainers(refs)} — ${refs.length === 1 ? fix : fix.replace(' it ', ' them ')}`;
}

/** The containers an engine 409 message names ("…container 552843f028eb is using…"), resolved to names. */
export function containersNamedIn(message: string, all: readonly ImageContainerRef[]): ImageContainerRef[] {
  const ids = [...message.matchAll(/container ([0-9a-f]{12,64})/g)].map((m) => m[1]!);
  return all.filter((c) => ids.some((id) => c.id.startsWith(id)));
}

/** The refusal after an engine 409 (`engineText`, the engine's own words): even force cannot remove an image a running container uses. */
export function conflictMessage(image: string, engineText: string, blocking: readonly ImageContainerRef[]): string {
  if (!/cannot be forced/.test(engineText)) return inUseMessage(image, blocking);
  const what = blocking.length === 1 ? 'container' : 'containers';
  return `Image ${image} is used by ${what} ${describeContainers(blocking)} — stop ${blocking.length === 1 ? 'it' : 'them'} first: even force cannot remove an image a running container uses`;
}

/**
 * Remove an image or one of its tags. By "repo:tag" when the image has other tags: only that tag goes.
 * Otherwise the image goes with all its tags; containers using it block that unless forced, and the
 * refusal names them. Without force, several tags are removed one by one (the engine refuses to
 * delete an image with several tags by id unless forced).
 */
export async function removeImage(engine: EngineAdapter, reader: ImageReader, image: string, force: boolean, signal?: AbortSignal): Promise<ImageRemoveResult> {
  const raw = await reader.inspect(image, signal);
  if (!raw?.Id) throw new BerthError('NOT_FOUND', `No such image: ${image}`);
  const id = raw.Id;
  const tags = (raw.RepoTags ?? []).filter((t) => !t.endsWith(':<none>'));
  const byTag = tags.includes(image) || tags.includes(`${image}:latest`);
  const display = byTag ? image : (tags[0] ?? shortId(id));
  const result: ImageRemoveResult = { untagged: [], deleted: [] };
  const del = async (name: string, withForce: boolean) => {
    const items = await engine.json<DeleteItem[]>({ method: 'DELETE', path: imagePath(name), query: { force: withForce ? 1 : undefined }, signal });
    for (const i of items ?? []) {
      if (i.Untagged) result.untagged.push(i.Untagged);
      if (i.Deleted) result.deleted.push(i.Deleted);
    }
  };
  const users = (await reader.containersByImage(signal)).get(id) ?? [];
  try {
    if (byTag && tags.length > 1) {
      await del(image, false);
      return result;
    }
    if (users.length && !force) throw new BerthError('CONFLICT', inUseMessage(display, users), { containers: users });
    if (force || tags.length <= 1) await del(force ? id : (tags[0] ?? id), force);
    else for (const t of tags) await del(t, false);
    return result;
  } catch (err) {
    if (err instanceof BerthError) throw err;
    const e = toBerthError(err);
    if (e.code !== 'CONFLICT') throw e;
    // The engine's own words: toBerthError has already rewritten e.message when a rule knew them.
    const engineText = (e.details as { engineMessage?: unknown } | undefined)?.engineMessage;
    const said = typeof engineText === 'string' ? engineText : e.message;
    const all = [...(await reader.containersByImage(signal)).values()].flat();
    const named = containersNamedIn(said, all);
    const blocking = named.length ? named : users;
    if (!blocking.length) throw new BerthError('CONFLICT', `Image ${display} cannot be removed: ${e.message}`, e.details);
    throw new BerthError('CONFLICT', conflictMessage(display, said, blocking), { containers: blocking, engineMessage: said });
  }
}

/** Which images a prune would remove and the space it frees (sum of unique sizes), before asking. */
export function prunePreview(images: readonly ImageSummary[], mode: PruneMode): PrunePreview {
  const going = images.filter((i) => i.containers.length === 0 && (mode === 'unused' || i.dangling));
  const list = going.map((i) => ({ id: i.id, shortId: i.shortId, repoTags: i.repoTags, size: i.size, uniqueSize: i.uniqueSize ?? i.size }));
  list.sort((a, b) => b.uniqueSize - a.uniqueSize);
  return { mode, images: list, reclaimable: list.reduce((n, i) => n + i.uniqueSize, 0) };
}

export async function pruneImages(engine: EngineAdapter, mode: PruneMode, signal?: AbortSignal): Promise<PruneResult> {
  // Berth's volume helper image is in no list, so in no preview: the prune leaves it too (as Disk usage's does).
  const filters = { dangling: [mode === 'dangling' ? 'true' : 'false'], 'label!': [HELPER_LABEL] };
  try {
    const r = await engine.json<{ ImagesDeleted?: DeleteItem[] | null; SpaceReclaimed?: number }>({ method: 'POST', path: '/images/prune', query: { filters }, signal });
    const out: PruneResult = { deleted: [], untagged: [], reclaimed: r.SpaceReclaimed ?? 0 };
    for (const i of r.ImagesDeleted ?? []) {
      if (i.Untagged) out.untagged.push(i.Untagged);
      if (i.Deleted) out.deleted.push(i.Deleted);
    }
    return out;
  } catch (err) {
    throw toBerthError(err);
  }
}
