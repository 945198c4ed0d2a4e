import { Readable } from 'node:stream';
import { containerPath } from '../adapter/calls.js';
import type { EngineAdapter } from '../adapter/engine-adapter.js';
import { parsePathStat, type PathStat } from '../files/archive-stat.js';
import { tarHeader as ustarHeader } from '../files/upload-tar.js';

/** HEAD the archive of `path` in a helper: what is there (throws the engine error, 404 when nothing). */
export async function statIn(engine: EngineAdapter, id: string, path: string, signal?: AbortSignal): Promise<PathStat> {
  let headers: Awaited<ReturnType<EngineAdapter['head']>>;
  try {
    headers = await engine.head({ method: 'HEAD', path: `${containerPath(id)}/archive`, query: { path }, signal });
  } catch (err) {
    throw await withEngineWords(engine, id, path, err, signal);
  }
  const stat = parsePathStat(headers['x-docker-container-path-stat']);
  if (!stat) throw new Error(`The engine did not describe ${path} (no X-Docker-Container-Path-Stat header)`);
  return stat;
}

/**
 * A HEAD's error carries no body, so a failure other than 404 says only "(HTTP code 500) unexpected":
 * a volume that cannot be mounted lost the engine's reason on every page. The same GET answers with
 * it (and, failing as the HEAD did, before any byte of an archive), so its error is thrown instead.
 */
async function withEngineWords(engine: EngineAdapter, id: string, path: string, err: unknown, signal?: AbortSignal): Promise<unknown> {
  const e = err as { statusCode?: unknown; json?: { message?: unknown } | null };
  if (typeof e.statusCode !== 'number' || e.statusCode < 500 || typeof e.json?.message === 'string') return err;
  try {
    (await archiveOf(engine, id, path, signal)).destroy();
    return err;
  } catch (worded) {
    return (worded as { statusCode?: unknown }).statusCode === e.statusCode ? worded : err;
  }
}

/** True when `path` exists in the helper. */
export async function existsIn(engine: EngineAdapter, id: string, path: string, signal?: AbortSignal): Promise<boolean> {
  try {
    await statIn(engine, id, path, signal);
    return true;
  } catch (err) {
    if ((err as { statusCode?: unknown }).statusCode === 404) return false;
    throw err;
  }
}

/** GET the archive of `path` (a tar; `dir/.` gives the folder's content as `./…`). */
export function archiveOf(engine: EngineAdapter, id: string, path: string, signal?: AbortSignal): Promise<Readable> {
  return engine.stream({ path: `${containerPath(id)}/archive`, query: { path }, signal });
}

/**
 * PUT a tar stream into folder `dir` of the helper. The engine refuses to put a file where a folder is
 * (or a folder where a file is) rather than deleting the folder and all it holds (`noOverwriteDirNonDir`):
 * an upload of a file named like a folder deleted the whole folder. Only `unlinkIn`, whose whole point is
 * that deletion, passes `replaceKinds`.
 */
export async function putInto(engine: EngineAdapter, id: string, dir: string, tar: Readable, signal?: AbortSignal, replaceKinds = false): Promise<void> {
  await engine.upload<unknown>({ method: 'PUT', path: `${containerPath(id)}/archive`, query: { path: dir, ...(replaceKinds ? {} : { noOverwriteDirNonDir: true }) }, data: tar, signal });
}

/**
 * The header of one entry with no body, the typeflag given as is; a PAX header first when the name
 * needs more than 100 bytes (a plain ustar header cut it there: deleting a long name deleted another
 * file whose name is its first 100 bytes, and a new folder got a cut name).
 */
export function tarHeader(name: string, typeflag: string, mode = 0o755): Uint8Array {
  return ustarHeader(name, 0, mode, new Date(), typeflag);
}

/** A tar of header-only entries, ended by two zero blocks. */
export function headerTar(...headers: Uint8Array[]): Readable {
  return Readable.from([Buffer.concat([...headers, Buffer.alloc(1024)])]);
}

/**
 * Delete `name` in folder `dir` of a helper with the archive API alone, so it works in a container
 * that never runs (no shell, nothing pulled). The engine's unpacker removes whatever is at an entry's
 * path before it writes the entry; an entry of an unknown type (here 'Z') is then refused, so nothing
 * is written in its place. The PUT answers 500 ("unhandled tar header type 90") with the path gone
 * (checked on dockerd 20.10); the caller checks that it is gone rather than trusting the answer.
 * A mount point itself cannot go: for the volume's root the content goes and the engine answers
 * "device or resource busy".
 */
export async function unlinkIn(engine: EngineAdapter, id: string, dir: string, name: string, signal?: AbortSignal): Promise<unknown> {
  try {
    await putInto(engine, id, dir, headerTar(tarHeader(name, 'Z')), signal, true);
    return undefined;
  } catch (err) {
    if (signal?.aborted) throw err;
    return err;
  }
}
