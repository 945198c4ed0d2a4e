import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import { extract } from 'tar-stream';
import { BerthError } from '../../contract/errors.js';
import type { DownloadEvent } from '../../contract/models/container-files.js';
import { statPath, type PathStat } from './archive-stat.js';
import type { DownloadFlows } from './download-flow.js';
import { fileError } from './file-errors.js';

export interface DownloadOptions {
  docker: Docker;
  id: string;
  path: string;
  connectionId: string;
  signal: AbortSignal;
  flows: DownloadFlows;
  chunkBytes: number;
  endpoint?: string;
}

/** Gathers the small pieces a socket delivers into chunks of exactly `size` bytes (the last may be shorter). */
export class Coalescer {
  private parts: Buffer[] = [];
  private length = 0;
  constructor(private readonly size: number) {}

  /** Add a piece; returns the full chunks now ready. */
  push(piece: Buffer): Buffer[] {
    this.parts.push(piece);
    this.length += piece.length;
    if (this.length < this.size) return [];
    const all = Buffer.concat(this.parts, this.length);
    const out: Buffer[] = [];
    let off = 0;
    for (; all.length - off >= this.size; off += this.size) out.push(all.subarray(off, off + this.size));
    this.parts = off < all.length ? [all.subarray(off)] : [];
    this.length = all.length - off;
    return out;
  }

  /** What is left (at most one short chunk). */
  flush(): Buffer[] {
    const out = this.length ? [Buffer.concat(this.parts, this.length)] : [];
    this.parts = [];
    this.length = 0;
    return out;
  }
}

/**
 * Download a file (its bytes, taken from the one-entry archive) or a directory (the engine's tar), as
 * a start event, base64 chunks and an end event. Memory stays bounded: a chunk is read only when the
 * client has acknowledged enough of the previous ones (DownloadFlow), and the HTTP stream is
 * destroyed as soon as the caller goes away.
 */
export async function* downloadPath(o: DownloadOptions): AsyncGenerator<DownloadEvent> {
  const { docker, id, signal } = o;
  let target = o.path;
  let stat: PathStat;
  try {
    stat = await statPath(docker, id, target, signal);
    if (stat.type === 'l' && stat.linkTarget) {
      target = stat.linkTarget;
      stat = await statPath(docker, id, target, signal);
    }
  } catch (err) {
    throw await fileError(err, docker, id, target, o.endpoint);
  }
  if (stat.type !== '-' && stat.type !== 'd') throw new BerthError('VALIDATION', `${o.path} is not a regular file or a directory, so it cannot be downloaded`);
  const isDir = stat.type === 'd';
  const base = target === '/' ? 'root' : target.slice(target.lastIndexOf('/') + 1);

  let res: Readable;
  try {
    res = (await docker.getContainer(id).getArchive({ path: target, abortSignal: signal })) as unknown as Readable;
  } catch (err) {
    throw await fileError(err, docker, id, target, o.endpoint);
  }
  const onAbort = () => res.destroy();
  signal.addEventListener('abort', onAbort, { once: true });
  const flow = o.flows.open(o.connectionId, signal);
  try {
    yield { type: 'start', downloadId: flow.id, fileName: isDir ? `${base}.tar` : base, kind: isDir ? 'dir' : 'file', size: isDir ? null : stat.size };
    let bytes = 0;
    const body = isDir ? res : await firstEntry(res);
    const pending = new Coalescer(o.chunkBytes);
    const emit = async function* (chunks: Iterable<Buffer>): AsyncGenerator<DownloadEvent> {
      for (const chunk of chunks) {
        await flow.send(chunk.length);
        if (signal.aborted) return;
        bytes += chunk.length;
        yield { type: 'chunk', data: chunk.toString('base64') };
      }
    };
    for await (const piece of body as AsyncIterable<Buffer>) {
      yield* emit(pending.push(piece));
      if (signal.aborted) return;
    }
    yield* emit(pending.flush());
    if (signal.aborted) return;
    yield { type: 'end', bytes };
  } finally {
    signal.removeEventListener('abort', onAbort);
    o.flows.close(flow);
    res.destroy();
  }
}

/** The body of the first file entry of a tar stream (the engine's archive of one file holds one entry). */
async function firstEntry(tar: Readable): Promise<AsyncIterable<Buffer>> {
  const ex = extract();
  tar.pipe(ex);
  tar.on('error', (err) => ex.destroy(err));
  const it = ex[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) throw new BerthError('ENGINE_ERROR', 'The engine sent an empty archive');
  return first.value as unknown as AsyncIterable<Buffer>;
}
