import { createReadStream, createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { rm, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { BerthError } from '../../contract/errors.js';
import type { VolumeImportDone, VolumeJobEvent } from '../../contract/models/volumes.js';
import { toBerthError } from '../errors.js';
import { listTarDirectory } from '../files/tar-listing.js';
import type { VolumeSpec } from '../recycle-bin/recycle-bin-store.js';
import { archiveOf, putInto } from './helper-archive.js';
import { emptyIn, requireVolume, volumeFileError, type VolumeCtx } from './volume-files.js';
import { checkVolumeDriver, localOptionError } from './volume-create-checks.js';
import { createHelper, removeHelper, VOLUME_ROOT, withHelper } from './volume-helper.js';
import type { RawVolume } from './volume-reader.js';
import { byteCounter, counted, exportStream, progressOf } from './volume-transfer.js';

/** POST /volumes/create; CONFLICT when the name is taken (the engine would silently return the existing one). */
export async function createVolume(c: VolumeCtx, spec: VolumeSpec, signal?: AbortSignal): Promise<RawVolume> {
  if (spec.name && (await exists(c, spec.name, signal))) throw new BerthError('CONFLICT', `A volume named ${spec.name} already exists`, { name: spec.name });
  await checkVolumeDriver(c.engine, spec.driver, signal);
  try {
    return await c.engine.json<RawVolume>({ method: 'POST', path: '/volumes/create', body: { Name: spec.name, Driver: spec.driver, DriverOpts: spec.options, Labels: spec.labels }, signal });
  } catch (err) {
    const mapped = toBerthError(err, c.endpoint);
    // The engine's "error looking up volume plugin foo: plugin "foo" not found" (after 15 s), when the drivers could not be listed first.
    if (/error looking up volume plugin .*not found/i.test(mapped.message))
      throw new BerthError('VALIDATION', `This engine has no volume driver named "${spec.driver}": install its plugin first, or use local`, { reason: 'volume-driver-unknown', driver: spec.driver });
    throw localOptionError(mapped.message, spec.driver, spec.options) ?? mapped;
  }
}

export async function exists(c: VolumeCtx, name: string, signal?: AbortSignal): Promise<boolean> {
  try {
    await requireVolume(c, name, signal);
    return true;
  } catch (err) {
    if (err instanceof BerthError && err.code === 'NOT_FOUND') return false;
    throw err;
  }
}

/** DELETE /volumes/{name}; a volume in use is a CONFLICT naming what uses it. */
export async function deleteVolume(c: VolumeCtx, name: string, signal?: AbortSignal): Promise<void> {
  try {
    await c.engine.json<unknown>({ method: 'DELETE', path: `/volumes/${encodeURIComponent(name)}`, signal });
  } catch (err) {
    if ((err as { statusCode?: unknown }).statusCode === 404) throw new BerthError('NOT_FOUND', `No such volume: ${name}`, { name });
    throw toBerthError(err, c.endpoint);
  }
}

/** True when the volume holds nothing (reads one header at most). */
async function isEmptyIn(c: VolumeCtx, id: string, signal?: AbortSignal): Promise<boolean> {
  const listing = await listTarDirectory(await archiveOf(c.engine, id, VOLUME_ROOT, signal), false, { maxEntries: 1, maxHeaders: 10, maxBytes: 1024 * 1024 });
  return listing.entries.length === 0;
}

/**
 * Unpack a tar (or .tar.gz: the engine decompresses gzip, bzip2 and xz itself) arriving as `body` into
 * volume `name`: a new one when `create`, else an existing empty one. Streamed through, never held. A
 * volume made here is removed again when the import fails or is cancelled.
 */
export async function importVolume(c: VolumeCtx, name: string, create: boolean, body: AsyncIterable<Uint8Array>, signal: AbortSignal): Promise<VolumeImportDone> {
  if (create) await createVolume(c, { name, driver: 'local', labels: {}, options: {} }, signal);
  else await requireVolume(c, name, signal);
  let ok = false;
  try {
    const id = await createHelper(c.engine, [{ volume: name, target: VOLUME_ROOT }], signal);
    try {
      if (!create && !(await isEmptyIn(c, id, signal))) throw new BerthError('CONFLICT', `Volume ${name} is not empty: import into a new volume, or empty it first`, { name });
      const src = counted(Readable.from(body, { objectMode: false }));
      try {
        await putInto(c.engine, id, VOLUME_ROOT, src.stream, signal);
      } catch (err) {
        throw signal.aborted ? new BerthError('CANCELLED', 'The import was cancelled') : archiveError(volumeFileError(err, c, name, '/'), name, create);
      }
      ok = true;
      return { name, bytes: src.bytes() };
    } finally {
      await removeHelper(c.engine, id, c.log);
    }
  } finally {
    if (!ok && create) await deleteVolume(c, name).catch(() => undefined);
  }
}

/**
 * The engine's word on an archive it could not unpack ("Error processing tar file(exit status 1):
 * archive/tar: invalid tar header", "…: unexpected EOF") in words a user can act on; other errors pass.
 */
export function archiveError(err: BerthError, name: string, created: boolean): BerthError {
  const m = /Error processing tar file\(exit status \d+\):\s*(?:archive\/tar:\s*)?(invalid tar header|unexpected EOF)/i.exec(err.message);
  if (!m) return err;
  const after = created ? ' Nothing was imported.' : ` Volume ${name} may hold the files unpacked before that.`;
  const why =
    m[1]!.toLowerCase() === 'invalid tar header'
      ? 'The file is not a tar archive: choose a .tar, or a .tar.gz, .tar.bz2 or .tar.xz (a .zip is not read).'
      : 'The archive ends too soon: it was cut short (a download or copy that did not finish?), or it is not a tar archive.';
  return new BerthError('VALIDATION', why + after, { name });
}

/** Copy every file of `source` into a new volume `target` (same driver and labels). A cancel, at any step, ends it as "The clone was cancelled". */
export async function* cloneVolume(c: VolumeCtx, source: string, target: string, total: number | null, signal: AbortSignal): AsyncGenerator<VolumeJobEvent> {
  try {
    yield* cloneSteps(c, source, target, total, signal);
  } catch (err) {
    throw signal.aborted ? new BerthError('CANCELLED', 'The clone was cancelled') : err;
  }
}

async function* cloneSteps(c: VolumeCtx, source: string, target: string, total: number | null, signal: AbortSignal): AsyncGenerator<VolumeJobEvent> {
  const raw = await requireVolume<RawVolume>(c, source, signal);
  await createVolume(c, { name: target, driver: raw.Driver ?? 'local', labels: { ...(raw.Labels ?? {}) }, options: {} }, signal);
  let ok = false;
  // One helper reads, another writes: the engine holds a container's lock while an archive of it is
  // read, so a write into the same container waits for the read to end, and the read (its buffers
  // full, about 800 KiB) for the write to take its bytes; a clone larger than that stalled for good.
  const helpers: string[] = [];
  try {
    // Made without the signal (a moment each): a create cancelled half-way could leave a helper whose id never came back.
    const from = await createHelper(c.engine, [{ volume: source, target: '/src', readOnly: true }]);
    helpers.push(from);
    const into = await createHelper(c.engine, [{ volume: target, target: VOLUME_ROOT }]);
    helpers.push(into);
    // Cancelled meanwhile: stop here (the adapter refuses the requests below as cancelled too; before it
    // did, the upload of an archive destroyed at its answer waited for good, with the helpers and the volume).
    signal.throwIfAborted();
    const tar = await archiveOf(c.engine, from, '/src/.', signal);
    const src = counted(tar);
    const work = putInto(c.engine, into, VOLUME_ROOT, src.stream, signal).catch((err: unknown) => {
      throw signal.aborted ? err : volumeFileError(err, c, target, '/');
    });
    yield* progressOf(work, src.bytes, total, target);
    ok = true;
  } finally {
    for (const id of helpers) await removeHelper(c.engine, id, c.log);
    if (!ok) await deleteVolume(c, target).catch(() => undefined);
  }
}

/** Delete everything in the volume. */
export async function* emptyVolume(c: VolumeCtx, name: string, signal: AbortSignal): AsyncGenerator<VolumeJobEvent> {
  yield { type: 'progress', bytes: 0, total: null };
  await requireVolume(c, name, signal);
  await withHelper(c.engine, [{ volume: name, target: VOLUME_ROOT }], (id) => emptyIn(c, id, name, signal), signal, c.log);
  yield { type: 'done', bytes: 0, volume: name };
}

/**
 * Write the volume's content to `file` as .tar.gz, refusing (CONFLICT, reason too-large) as soon as
 * more than `limit` bytes of it were read. Returns the size of the file.
 */
export async function exportToFile(c: VolumeCtx, name: string, file: string, limit: number, signal?: AbortSignal): Promise<number> {
  await withHelper(
    c.engine,
    [{ volume: name, target: VOLUME_ROOT, readOnly: true }],
    async (id) => {
      // The limit counts the content (the tar), as the sizes shown do, not the compressed copy.
      const counter = byteCounter();
      counter.on('data', () => {
        if (counter.bytes > limit) counter.destroy(tooLarge(name, limit));
      });
      const gz = await exportStream(c, id, name, signal, counter);
      try {
        await pipeline(gz, createWriteStream(file, { mode: 0o600 }), { signal });
      } catch (err) {
        await rm(file, { force: true });
        throw err;
      }
    },
    signal,
    c.log,
  );
  return (await stat(file)).size;
}

export function tooLarge(name: string, limit: number): BerthError {
  return new BerthError('CONFLICT', `Volume ${name} holds more than the recycle bin’s limit (${limit} bytes), so no copy can be kept`, { reason: 'too-large', name, limitBytes: limit });
}

/** Recreate a volume (name, driver, labels, options) and unpack its kept .tar.gz into it. */
export async function recreateVolume(c: VolumeCtx, spec: VolumeSpec, file: string, signal?: AbortSignal): Promise<void> {
  await createVolume(c, spec, signal);
  try {
    await withHelper(c.engine, [{ volume: spec.name, target: VOLUME_ROOT }], (id) => putInto(c.engine, id, VOLUME_ROOT, createReadStream(file), signal), signal, c.log);
  } catch (err) {
    await deleteVolume(c, spec.name).catch(() => undefined);
    throw volumeFileError(err, c, spec.name, '/');
  }
}
