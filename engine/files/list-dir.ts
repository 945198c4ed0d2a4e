import type { Readable } from 'node:stream';
import { BerthError } from '../../contract/errors.js';
import type { DirListing } from '../../contract/models/container-files.js';
import { inspectContainer } from '../adapter/calls.js';
import type { EngineAdapter } from '../adapter/engine-adapter.js';
import { archiveRequest, statPath } from './archive-stat.js';
import { execListing } from './exec-listing.js';
import { fileError } from './file-errors.js';
import { DEFAULT_LISTING_LIMITS, listTarDirectory, sortEntries, type TarListingLimits } from './tar-listing.js';

/**
 * For a running container the archive is read with tighter bounds: when it runs over them (a huge
 * tree below the folder, or big files in it: the archive carries their bytes), a one-process listing
 * inside the container takes over. 4 MiB, not more: /tmp holding two 32 MiB files listed in 458 ms
 * with a 32 MiB bound and in 259 ms with this one (and the engine stops reading at 4 MiB), while a
 * folder of 3 MiB, or /etc, lists as fast as before (measured 2026-12-05, the #8 note).
 */
export const RUNNING_LISTING_LIMITS: TarListingLimits = { maxEntries: 5000, maxHeaders: 20_000, maxBytes: 4 * 1024 * 1024 };

export interface ListDirOptions {
  signal?: AbortSignal;
  /** Bounds of the archive listing (stopped containers, or no exec fallback). */
  limits?: TarListingLimits;
  /** Bounds of the archive listing before the exec listing takes over (running containers). */
  runningLimits?: TarListingLimits;
  endpoint?: string;
}

/**
 * List one directory of a container through the archive API (running or stopped, with or without a
 * shell): stat it (following a symlink to a directory), then read only the tar headers of its archive.
 * On a running container a listing cut short is completed by `stat` inside the container if it can.
 */
export async function listDir(engine: EngineAdapter, id: string, path: string, options: ListDirOptions = {}): Promise<DirListing> {
  const { signal, endpoint } = options;
  let resolved = path;
  let res: Readable;
  let running: boolean;
  try {
    const [first, state] = await Promise.all([
      statPath(engine, id, resolved, signal),
      inspectContainer(engine, id, signal)
        .then((i) => i.State?.Running === true && i.State?.Paused !== true)
        .catch(() => false),
    ]);
    running = state;
    let stat = first;
    if (stat.type === 'l' && stat.linkTarget) {
      resolved = stat.linkTarget;
      stat = await statPath(engine, id, resolved, signal);
    }
    // A file's path (typed in the path bar, or a link to one): the UI offers it in its folder and to download it.
    if (stat.type !== 'd') throw new BerthError('VALIDATION', `Not a directory: ${path}`, { path, reason: 'not-a-folder' });
    res = await engine.stream(archiveRequest(id, resolved, signal));
  } catch (err) {
    if (err instanceof BerthError) throw err;
    throw await fileError(err, engine, id, resolved, endpoint);
  }
  const limits = running ? (options.runningLimits ?? RUNNING_LISTING_LIMITS) : (options.limits ?? DEFAULT_LISTING_LIMITS);
  let listing;
  try {
    listing = await listTarDirectory(res, resolved === '/', limits);
  } catch (err) {
    throw await fileError(err, engine, id, resolved, endpoint);
  }
  if (listing.truncated && running) {
    const viaExec = await execListing(engine, id, resolved, limits.maxEntries, signal);
    if (viaExec && viaExec.entries.length >= listing.entries.length) {
      // Keep the link targets the archive did show.
      const targets = new Map(listing.entries.filter((e) => e.linkTarget).map((e) => [e.name, e.linkTarget]));
      for (const e of viaExec.entries) if (e.kind === 'symlink' && targets.has(e.name)) e.linkTarget = targets.get(e.name);
      listing = viaExec;
    }
  }
  return { path, resolvedPath: resolved, entries: sortEntries(listing.entries), truncated: listing.truncated };
}
