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
  if (/read-only/i.test(message)) message = `The container's filesystem is read-only: ${message}`;
  else if (/not a directory/i.test(message)) message = `Not a directory: ${path} (${message})`;
  else if (/permission denied/i.test(message)) message = `Permission denied: ${path} (${message})`;
  return new BerthError(mapped.code, message, mapped.details);
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
