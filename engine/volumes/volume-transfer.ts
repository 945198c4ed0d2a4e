import { PassThrough, Readable, Transform, type Writable } from 'node:stream';
import { createGzip, constants as zlib } from 'node:zlib';
import { extract, pack } from 'tar-stream';
import { BerthError } from '../../contract/errors.js';
import type { ByteDownload } from '../../contract/define.js';
import type { DownloadHead } from '../../contract/models/container-files.js';
import type { VolumeJobEvent } from '../../contract/models/volumes.js';
import { archiveOf, statIn } from './helper-archive.js';
import { inHelper, requireVolume, volumeFileError, type VolumeCtx } from './volume-files.js';
import { createHelper, removeHelper, VOLUME_ROOT } from './volume-helper.js';

/**
 * gzip level of exports: level 1 compresses a 256 MiB volume several times faster than the default 6,
 * for a file a little larger; an export is a copy to move, not an archive to keep.
 */
export const EXPORT_GZIP_LEVEL = 1;

/** Counts the bytes that pass. */
export function byteCounter(): Transform & { bytes: number } {
  const t = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      t.bytes += chunk.length;
      cb(null, chunk);
    },
  }) as Transform & { bytes: number };
  t.bytes = 0;
  return t;
}

/**
 * A download whose helper lives exactly as long as its bytes are read: removed when the body ends, fails
 * or is abandoned, and when the call is cancelled before the body was ever read.
 */
async function heldDownload(c: VolumeCtx, name: string, signal: AbortSignal, open: (id: string) => Promise<{ head: DownloadHead; stream: Readable }>): Promise<ByteDownload<DownloadHead>> {
  await requireVolume(c, name, signal);
  const id = await createHelper(c.engine, [{ volume: name, target: VOLUME_ROOT, readOnly: true }], signal);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    signal.removeEventListener('abort', release);
    void removeHelper(c.engine, id, c.log);
  };
  signal.addEventListener('abort', release, { once: true });
  let opened: { head: DownloadHead; stream: Readable };
  try {
    opened = await open(id);
  } catch (err) {
    release();
    throw err;
  }
  const { stream } = opened;
  const body = (async function* () {
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) yield chunk as Uint8Array;
    } finally {
      stream.destroy();
      release();
    }
  })();
  return { head: opened.head, body };
}

/** A file (its bytes) or a folder (a tar) of volume `name`. */
export function downloadFromVolume(c: VolumeCtx, name: string, path: string, signal: AbortSignal): Promise<ByteDownload<DownloadHead>> {
  return heldDownload(c, name, signal, async (id) => {
    try {
      const stat = await statIn(c.engine, id, inHelper(path), signal);
      if (stat.type !== '-' && stat.type !== 'd') throw new BerthError('VALIDATION', `${path} is not a regular file or a folder, so it cannot be downloaded`);
      const isDir = stat.type === 'd';
      const tar = await archiveOf(c.engine, id, inHelper(path), signal);
      const base = path === '/' ? name : path.slice(path.lastIndexOf('/') + 1);
      const stream = isDir ? tar : await firstEntry(tar);
      return { head: { fileName: isDir ? `${base}.tar` : base, kind: isDir ? 'dir' : 'file', size: isDir ? null : stat.size }, stream };
    } catch (err) {
      throw volumeFileError(err, c, name, path);
    }
  });
}

/** The whole volume as a .tar.gz (entries `./…`, as `tar czf - -C /v .` makes). */
export function exportVolume(c: VolumeCtx, name: string, signal: AbortSignal): Promise<ByteDownload<DownloadHead>> {
  return heldDownload(c, name, signal, async (id) => ({ head: { fileName: `${name}.tar.gz`, kind: 'file', size: null }, stream: await exportStream(c, id, name, signal) }));
}

/** The content of the volume mounted at /v in helper `id`, gzipped. Errors travel down the stream. */
export async function exportStream(c: VolumeCtx, id: string, name: string, signal?: AbortSignal, tap?: Transform): Promise<Readable> {
  let tar: Readable;
  try {
    tar = await archiveOf(c.engine, id, `${VOLUME_ROOT}/.`, signal);
  } catch (err) {
    throw volumeFileError(err, c, name, '/');
  }
  const gz = createGzip({ level: EXPORT_GZIP_LEVEL, chunkSize: 256 * 1024, strategy: zlib.Z_DEFAULT_STRATEGY });
  tar.on('error', (err) => gz.destroy(err));
  gz.on('close', () => tar.destroy());
  if (!tap) return tar.pipe(gz);
  tap.on('error', (err) => gz.destroy(err));
  return tar.pipe(tap).pipe(gz);
}

/** A one-entry tar of `size` bytes arriving as `body` (streamed; a short or long body fails the tar). */
export function streamTar(name: string, size: number, body: AsyncIterable<Uint8Array>): Readable {
  const tar = pack();
  const entry = tar.entry({ name, size, mode: 0o644, mtime: new Date(), type: 'file' }, (err) => (err ? tar.destroy(err) : tar.finalize()));
  const src = Readable.from(body, { objectMode: false });
  src.on('error', (err) => {
    entry.destroy(err);
    tar.destroy(err);
  });
  src.pipe(entry as unknown as Writable);
  // tar-stream's Pack is a streamx Readable, which the adapter pipes like a Node one.
  return tar as unknown as Readable;
}

/** The body of the first entry of a tar stream (the engine's archive of one file holds one entry), as a stream that also ends the tar. */
async function firstEntry(tar: Readable): Promise<Readable> {
  const ex = extract();
  tar.pipe(ex);
  tar.on('error', (err) => ex.destroy(err));
  const it = ex[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) throw new BerthError('ENGINE_ERROR', 'The engine sent an empty archive');
  const entry = first.value as unknown as AsyncIterable<Buffer>;
  const out = Readable.from(entry, { objectMode: false });
  out.on('close', () => {
    tar.destroy();
    ex.destroy();
  });
  return out;
}

/**
 * Run `work` (a promise that moves bytes) and report `read()` bytes every `everyMs` while it runs,
 * then the end. Cancelled when the consumer stops (the signal aborts the work).
 */
export async function* progressOf(work: Promise<void>, read: () => number, total: number | null, volume: string, everyMs = 250): AsyncGenerator<VolumeJobEvent> {
  let done = false;
  const finished = work.finally(() => (done = true));
  finished.catch(() => undefined);
  let last = -1;
  while (!done) {
    let t: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([finished.catch(() => undefined), new Promise<void>((r) => (t = setTimeout(r, everyMs)))]);
    clearTimeout(t);
    const bytes = read();
    if (!done && bytes !== last) {
      last = bytes;
      yield { type: 'progress', bytes, total };
    }
  }
  await finished;
  yield { type: 'done', bytes: read(), volume };
}

/** A stream that can be counted while it is piped into an upload. */
export function counted(source: Readable): { stream: Readable; bytes: () => number } {
  const counter = byteCounter();
  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  source.on('error', (err) => out.destroy(err));
  source.pipe(counter).pipe(out);
  return { stream: out, bytes: () => counter.bytes };
}
