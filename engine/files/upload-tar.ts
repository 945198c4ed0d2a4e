import { Readable } from 'node:stream';
import { BerthError } from '../../contract/errors.js';
import type { EngineAdapter } from '../adapter/engine-adapter.js';
import { archiveRequest } from './archive-stat.js';

export interface PutFileOptions {
  engine: EngineAdapter;
  id: string;
  /** Directory in the container. */
  dir: string;
  /** The entry's name: a file name, or a relative path below `dir` whose folders the engine makes as needed. */
  name: string;
  /** Exactly this many bytes must come from `body`. */
  size: number;
  /** The file's bytes as they arrive (streamed to the engine, never held whole in memory or on disk). */
  body: AsyncIterable<Uint8Array>;
  mode?: number;
  signal?: AbortSignal;
}

/**
 * PUT /containers/{id}/archive with a one-entry tar made on the fly around the bytes as they arrive,
 * as `docker cp` does: the engine writes while the client still sends (a temporary file first made
 * the upload wait for all of it, then send it all again). Like `docker cp`, an upload cut short
 * leaves what the engine had written. A body shorter or longer than `size` fails the request.
 * A folder of the same name is never replaced (`noOverwriteDirNonDir`): the engine refuses instead.
 */
export async function putFile(o: PutFileOptions): Promise<void> {
  const local = new AbortController();
  const onAbort = () => local.abort();
  o.signal?.addEventListener('abort', onAbort, { once: true });
  let bodyError: unknown;
  const tar = Readable.from(tarOf(o), { objectMode: false, highWaterMark: 1024 * 1024 });
  // A failing body (cut short, too long, cancelled) must end the engine request, not leave it waiting.
  tar.once('error', (err) => {
    bodyError = err;
    local.abort();
  });
  try {
    await putArchive(o.engine, o.id, o.dir, tar, local.signal);
  } catch (err) {
    throw bodyError ?? err;
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    tar.destroy();
  }
  if (bodyError) throw bodyError;
}

/**
 * PUT a tar into directory `dir` of the container. The engine refuses to replace a folder with a file
 * (or a file with a folder) rather than deleting the folder and all it holds (`noOverwriteDirNonDir`);
 * file-errors.ts words that refusal.
 */
export async function putArchive(engine: EngineAdapter, id: string, dir: string, tar: Readable, signal?: AbortSignal): Promise<void> {
  const req = archiveRequest(id, dir, signal);
  await engine.upload<unknown>({ ...req, query: { ...req.query, noOverwriteDirNonDir: true }, method: 'PUT', data: tar });
}

/** A tar of one folder entry `name/` (mode 0755): what a new folder is made with. */
export function folderTar(name: string, mtime = new Date()): Readable {
  return Readable.from([Buffer.concat([tarHeader(`${name}/`, 0, 0o755, mtime, '5'), new Uint8Array(1024)])]);
}

async function* tarOf(o: PutFileOptions): AsyncGenerator<Uint8Array> {
  yield tarHeader(o.name, o.size, o.mode ?? 0o644, new Date());
  let n = 0;
  for await (const chunk of o.body) {
    n += chunk.length;
    if (n > o.size) throw new BerthError('VALIDATION', `The upload sent more than the ${o.size} bytes it announced`);
    yield chunk;
  }
  if (n < o.size) throw new BerthError('VALIDATION', `The upload ended after ${n} of the ${o.size} bytes it announced`);
  // Pad the file to a whole block, then the two zero blocks that end an archive.
  yield new Uint8Array(((512 - (o.size % 512)) % 512) + 1024);
}

/**
 * A ustar header for one entry (a regular file unless `type` says otherwise, '5' a folder); a PAX
 * header first when the name needs more than 100 bytes or the size 8 GiB.
 */
export function tarHeader(name: string, size: number, mode: number, mtime: Date, type = '0'): Uint8Array {
  const nameBytes = new TextEncoder().encode(name);
  const records: string[] = [];
  if (nameBytes.length > 100) records.push(paxRecord('path', name));
  if (size > 0o77777777777) records.push(paxRecord('size', String(size)));
  const seconds = Math.floor(mtime.getTime() / 1000);
  const main = block(nameBytes.length > 100 ? nameBytes.subarray(0, 100) : nameBytes, mode, size > 0o77777777777 ? 0 : size, seconds, type);
  if (!records.length) return main;
  const pax = new TextEncoder().encode(records.join(''));
  const paxBlocks = new Uint8Array(512 + Math.ceil(pax.length / 512) * 512 + 512);
  paxBlocks.set(block(new TextEncoder().encode('PaxHeader'), 0o644, pax.length, seconds, 'x'));
  paxBlocks.set(pax, 512);
  paxBlocks.set(main, paxBlocks.length - 512);
  return paxBlocks;
}

function block(name: Uint8Array, mode: number, size: number, mtime: number, type: string): Uint8Array {
  const h = new Uint8Array(512);
  const put = (text: string, at: number) => h.set(new TextEncoder().encode(text), at);
  const octal = (n: number, width: number) => `${n.toString(8).padStart(width - 1, '0')}\0`;
  h.set(name, 0);
  put(octal(mode, 8), 100);
  put(octal(0, 8), 108);
  put(octal(0, 8), 116);
  put(octal(size, 12), 124);
  put(octal(mtime, 12), 136);
  put('        ', 148);
  put(type, 156);
  put('ustar\u000000', 257);
  let sum = 0;
  for (const b of h) sum += b;
  put(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return h;
}

/** `"<length> <key>=<value>\n"`, where the length counts the whole record, itself included. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  const bytes = new TextEncoder().encode(body).length;
  let len = bytes + String(bytes).length;
  // The length's own digits count too: 95 bytes + "97" is 97, but 98 bytes + "100" is 101.
  if (String(len).length > String(bytes).length) len = bytes + String(len).length;
  return `${len}${body}`;
}
