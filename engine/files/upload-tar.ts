import type Docker from 'dockerode';
import { createReadStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { pack } from 'tar-stream';

export interface PutFileOptions {
  docker: Docker;
  id: string;
  /** Directory in the container. */
  dir: string;
  name: string;
  /** The local file with the bytes (streamed, never held whole in memory). */
  file: string;
  size: number;
  mode?: number;
  signal?: AbortSignal;
}

/** PUT /containers/{id}/archive with a one-entry tar streamed from a local file. */
export async function putFile(o: PutFileOptions): Promise<void> {
  const tar = pack();
  const filling = new Promise<void>((resolve, reject) => {
    const entry = tar.entry({ name: o.name, size: o.size, mode: o.mode ?? 0o644, mtime: new Date(), type: 'file' }, (err) => (err ? reject(err) : resolve()));
    const src = createReadStream(o.file);
    src.on('error', (err) => {
      entry.destroy(err);
      reject(err);
    });
    src.pipe(entry as unknown as Writable);
  }).then(() => tar.finalize());
  filling.catch((err: unknown) => tar.destroy(err instanceof Error ? err : new Error(String(err))));
  try {
    await Promise.all([o.docker.getContainer(o.id).putArchive(tar as unknown as NodeJS.ReadableStream, { path: o.dir, abortSignal: o.signal }), filling]);
  } catch (err) {
    tar.destroy();
    throw err;
  }
}
