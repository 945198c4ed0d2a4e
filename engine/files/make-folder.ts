import { joinContainerPath } from '../../contract/domains/container-files.js';
import { BerthError } from '../../contract/errors.js';
import type { EngineAdapter } from '../adapter/engine-adapter.js';
import { statPath } from './archive-stat.js';
import { fileError } from './file-errors.js';
import { folderTar, putArchive } from './upload-tar.js';

/** Throws VALIDATION unless `path` is a directory (or a link to one); the engine's error, worded, when it cannot be read. */
export async function requireDirectory(engine: EngineAdapter, id: string, path: string, signal?: AbortSignal, endpoint?: string): Promise<void> {
  try {
    const stat = await statPath(engine, id, path, signal);
    const dirStat = stat.type === 'l' && stat.linkTarget ? await statPath(engine, id, stat.linkTarget, signal) : stat;
    if (dirStat.type !== 'd') throw new BerthError('VALIDATION', `Not a directory: ${path}`, { path });
  } catch (err) {
    if (err instanceof BerthError) throw err;
    throw await fileError(err, engine, id, path, endpoint);
  }
}

/**
 * Make folder `folder` in directory `dir` of a container with the archive API (a tar of one folder
 * entry, PUT as an upload is), so it works whether the container runs or not. A name already taken
 * (by a file, a folder or a link) is refused with CONFLICT rather than merged or replaced.
 */
export async function makeFolder(o: { engine: EngineAdapter; id: string; dir: string; folder: string; signal?: AbortSignal; endpoint?: string }): Promise<{ path: string }> {
  const { engine, id, dir, signal, endpoint } = o;
  const target = joinContainerPath(dir, o.folder);
  await requireDirectory(engine, id, dir, signal, endpoint);
  if (await exists(engine, id, target, signal, endpoint)) throw new BerthError('CONFLICT', `${target} already exists`, { path: target });
  try {
    await putArchive(engine, id, dir, folderTar(o.folder), signal);
  } catch (err) {
    throw await fileError(err, engine, id, dir, endpoint);
  }
  return { path: target };
}

/** True when something (a file, a folder, a link, even a dangling one) is at `path`. */
async function exists(engine: EngineAdapter, id: string, path: string, signal?: AbortSignal, endpoint?: string): Promise<boolean> {
  try {
    await statPath(engine, id, path, signal);
    return true;
  } catch (err) {
    if ((err as { statusCode?: unknown })?.statusCode === 404) return false;
    throw await fileError(err, engine, id, path, endpoint);
  }
}

/**
 * An upload into `folder` below `dir` failed: when one of that folder's parts is a file, the error
 * that says so (the engine only says "open …: not a directory"); undefined otherwise.
 */
export async function fileInTheWay(engine: EngineAdapter, id: string, dir: string, folder: string, signal?: AbortSignal): Promise<BerthError | undefined> {
  let at = dir;
  for (const part of folder.split('/')) {
    at = joinContainerPath(at, part);
    const stat = await statPath(engine, id, at, signal).catch(() => undefined);
    if (!stat) return undefined;
    if (stat.type !== 'd' && stat.type !== 'l') {
      return new BerthError('CONFLICT', `${at} is a file; a folder cannot replace it. Rename the folder or remove the file first.`, { path: at, dir });
    }
  }
  return undefined;
}
