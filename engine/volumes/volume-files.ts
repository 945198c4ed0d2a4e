import { BerthError } from '../../contract/errors.js';
import { joinContainerPath, parentContainerPath } from '../../contract/domains/container-files.js';
import type { DirListing } from '../../contract/models/container-files.js';
import type { EngineAdapter } from '../adapter/engine-adapter.js';
import { toBerthError } from '../errors.js';
import { kindClashError, stripHostPaths } from '../files/file-errors.js';
import { DEFAULT_LISTING_LIMITS, listTarDirectory, sortEntries, type TarListingLimits } from '../files/tar-listing.js';
import { mountError } from './mount-error.js';
import { archiveOf, existsIn, headerTar, putInto, statIn, tarHeader, unlinkIn } from './helper-archive.js';
import { VOLUME_ROOT, withHelper } from './volume-helper.js';

/** What volume operations need: the engine, where it is (for messages) and a log. */
export interface VolumeCtx {
  engine: EngineAdapter;
  endpoint: string;
  log: (line: string) => void;
}

/** A path inside the volume → the same path inside a helper (the volume is mounted at /v). */
export function inHelper(path: string): string {
  return path === '/' ? VOLUME_ROOT : `${VOLUME_ROOT}${path}`;
}

/** The raw volume (GET /volumes/{name}); NOT_FOUND with a plain message when there is none. */
export async function requireVolume<T = Record<string, unknown>>(c: VolumeCtx, name: string, signal?: AbortSignal): Promise<T> {
  try {
    return await c.engine.json<T>({ path: `/volumes/${encodeURIComponent(name)}`, signal });
  } catch (err) {
    if ((err as { statusCode?: unknown }).statusCode === 404) throw new BerthError('NOT_FOUND', `No such volume: ${name}`, { name });
    throw toBerthError(err, c.endpoint);
  }
}

/** A readable error about `path` of volume `name` (the helper's /v never shows). */
export function volumeFileError(err: unknown, c: VolumeCtx, name: string, path: string): BerthError {
  if (err instanceof BerthError) return err;
  if ((err as { statusCode?: unknown }).statusCode === 404) return new BerthError('NOT_FOUND', `No such file or folder in volume ${name}: ${path}`, { name, path });
  const mapped = toBerthError(err, c.endpoint);
  const mount = mountError(mapped.message, name);
  if (mount) return mount;
  const message = stripHostPaths(mapped.message).replace(/(^|[\s:"'])\/v(?=\/|\s|$|:)/g, '$1');
  // An upload of a file where a folder is (noOverwriteDirNonDir, helper-archive.ts), in words.
  const clash = kindClashError(message, path);
  if (clash) return new BerthError(clash.code, clash.message, { ...(clash.details as object), name });
  return new BerthError(mapped.code, message, mapped.details);
}

/** Run `work` in a helper that mounts volume `name` at /v (checked first: a helper would create a missing volume). */
export async function inVolume<T>(c: VolumeCtx, name: string, work: (id: string) => Promise<T>, o: { signal?: AbortSignal; readOnly?: boolean; path?: string } = {}): Promise<T> {
  await requireVolume(c, name, o.signal);
  try {
    return await withHelper(c.engine, [{ volume: name, target: VOLUME_ROOT, readOnly: o.readOnly }], work, o.signal, c.log);
  } catch (err) {
    throw volumeFileError(err, c, name, o.path ?? '/');
  }
}

/** List one folder of a volume: only its archive's headers are read, and only up to the limits. */
export function listVolumeDir(c: VolumeCtx, name: string, path: string, signal?: AbortSignal, limits: TarListingLimits = DEFAULT_LISTING_LIMITS): Promise<DirListing> {
  return inVolume(
    c,
    name,
    async (id) => {
      const stat = await statIn(c.engine, id, inHelper(path), signal);
      if (stat.type !== 'd') throw new BerthError('VALIDATION', `Not a folder: ${path}`, { path });
      const tar = await archiveOf(c.engine, id, inHelper(path), signal);
      const listing = await listTarDirectory(tar, false, limits);
      return { path, resolvedPath: path, entries: sortEntries(listing.entries), truncated: listing.truncated };
    },
    { signal, readOnly: true, path },
  );
}

/** Make folder `folder` in folder `path` of the volume; CONFLICT when something has that name. */
export function makeFolder(c: VolumeCtx, name: string, path: string, folder: string, signal?: AbortSignal): Promise<{ path: string }> {
  const target = joinContainerPath(path, folder);
  return inVolume(
    c,
    name,
    async (id) => {
      const parent = await statIn(c.engine, id, inHelper(path), signal);
      if (parent.type !== 'd') throw new BerthError('VALIDATION', `Not a folder: ${path}`, { path });
      if (await existsIn(c.engine, id, inHelper(target), signal)) throw new BerthError('CONFLICT', `${target} already exists in volume ${name}`, { path: target });
      await putInto(c.engine, id, inHelper(path), headerTar(tarHeader(`${folder}/`, '5')), signal);
      return { path: target };
    },
    { signal, path },
  );
}

/** Delete a file or a folder (with its content) of the volume. */
export function deleteVolumePath(c: VolumeCtx, name: string, path: string, signal?: AbortSignal): Promise<null> {
  if (path === '/') return Promise.reject(new BerthError('VALIDATION', 'The volume’s root cannot be deleted: use Empty to delete everything in it'));
  const base = path.slice(path.lastIndexOf('/') + 1);
  return inVolume(
    c,
    name,
    async (id) => {
      await statIn(c.engine, id, inHelper(path), signal);
      const answer = await unlinkIn(c.engine, id, inHelper(parentContainerPath(path)), base, signal);
      if (await existsIn(c.engine, id, inHelper(path), signal)) throw answer ?? new BerthError('ENGINE_ERROR', `The engine did not delete ${path}`);
      return null;
    },
    { signal, path },
  );
}

/** Delete everything in the volume (in a helper it already has open). */
export async function emptyIn(c: VolumeCtx, id: string, name: string, signal?: AbortSignal): Promise<void> {
  const answer = await unlinkIn(c.engine, id, '/', VOLUME_ROOT.slice(1), signal);
  const left = await listTarDirectory(await archiveOf(c.engine, id, VOLUME_ROOT, signal), false, { maxEntries: 1, maxHeaders: 10, maxBytes: 1024 * 1024 });
  if (left.entries.length) throw volumeFileError(answer ?? new Error(`The engine did not empty volume ${name}`), c, name, '/');
}
