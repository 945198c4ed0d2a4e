import { BerthError } from '../../contract/errors.js';
import { inspectContainer } from '../adapter/calls.js';
import type { EngineAdapter } from '../adapter/engine-adapter.js';
import { toBerthError } from '../errors.js';

/**
 * Readable errors for file operations. The archive API answers 404 both for a missing container and
 * for a missing path (a HEAD has no body to tell them apart), so a 404 is resolved with an inspect.
 * Host paths the engine leaks (…/overlay2/<id>/merged/www) are cut to the container path.
 */
export async function fileError(err: unknown, engine: EngineAdapter, id: string, path: string, endpoint?: string): Promise<BerthError> {
  const status = (err as { statusCode?: unknown })?.statusCode;
  if (status === 404) {
    const exists = await inspectContainer(engine, id).then(
        () => true,
        (e: unknown) => (e as { statusCode?: unknown })?.statusCode !== 404,
      );
    return exists
      ? new BerthError('NOT_FOUND', `No such file or directory: ${path}`, { path })
      : new BerthError('NOT_FOUND', `No such container: ${id}`, { id });
  }
  const mapped = toBerthError(err, endpoint);
  const kindClash = kindClashError(mapped.message, path);
  if (kindClash) return kindClash;
  let message = stripHostPaths(mapped.message);
  if (/read-only/i.test(message)) {
    const inspect = await inspectContainer(engine, id).catch(() => undefined);
    message = readOnlyMessage(path, (inspect ?? {}) as ReadOnlyFacts, message);
  }
  else if (/not a directory/i.test(message)) message = `Not a directory: ${path} (${message})`;
  else if (/permission denied/i.test(message)) message = `Permission denied: ${path} (${message})`;
  return new BerthError(mapped.code, message, mapped.details);
}

/** The part of a container's inspect that says what is read-only. */
export interface ReadOnlyFacts {
  Mounts?: unknown;
  HostConfig?: unknown;
}

/**
 * Why a write to `path` was refused as read-only: the read-only mount it falls in ("/ro is a
 * read-only mount (volume data)"), or the read-only root filesystem (--read-only); the engine's
 * own words when neither explains it.
 */
export function readOnlyMessage(path: string, inspect: ReadOnlyFacts, engineMessage: string): string {
  const mounts = (Array.isArray(inspect.Mounts) ? inspect.Mounts : []) as { Destination?: unknown; RW?: unknown; Type?: unknown; Name?: unknown; Source?: unknown }[];
  const within = (dest: string) => dest === '/' || path === dest || path.startsWith(`${dest}/`);
  // The innermost mount holding the path decides (a read-write mount inside a read-only one is writable).
  const mount = mounts
    .filter((m): m is typeof m & { Destination: string } => typeof m.Destination === 'string' && within(m.Destination))
    .sort((a, b) => b.Destination.length - a.Destination.length)[0];
  if (mount && mount.RW === false) {
    const what = mount.Type === 'volume' && typeof mount.Name === 'string' ? ` (volume ${mount.Name})` : mount.Type === 'bind' && typeof mount.Source === 'string' ? ` (bind mount of ${mount.Source})` : '';
    return `${mount.Destination} is a read-only mount${what}: nothing can be written in it`;
  }
  if (!mount && (inspect.HostConfig as { ReadonlyRootfs?: unknown } | undefined)?.ReadonlyRootfs === true) {
    return `The container's root filesystem is read-only (it was started with --read-only): ${path} cannot be written`;
  }
  return `The container's filesystem is read-only: ${engineMessage}`;
}

/**
 * An upload refused by `noOverwriteDirNonDir` (upload-tar.ts): the engine answers
 * `cannot overwrite directory "/data/many" with non-directory "/data"` (or the other way round).
 * Undefined for any other message.
 */
export function kindClashError(engineMessage: string, dir: string): BerthError | undefined {
  const m = /cannot overwrite (non-directory|directory) "([^"]+)" with (?:non-)?directory/i.exec(engineMessage);
  if (!m) return undefined;
  const target = stripHostPaths(m[2]!);
  const details = { path: target, dir, engineMessage };
  return m[1]!.toLowerCase() === 'directory'
    ? new BerthError('CONFLICT', `${target} is a folder; a file cannot replace it. Rename the file or remove the folder first.`, details)
    : new BerthError('CONFLICT', `${target} is a file; a folder cannot replace it. Rename the folder or remove the file first.`, details);
}

/** "lstat /var/lib/docker/overlay2/abc/merged/www/x: not a directory" → "lstat /www/x: not a directory". */
export function stripHostPaths(message: string): string {
  return message.replace(/\/\S*?\/(?:merged|diff|rootfs)(?=\/|\s|$|:)/g, '').replace(/ (?=:)/g, '');
}
