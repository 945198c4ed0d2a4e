import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DomainImplementation } from '../../contract/define.js';
import { FILES_LIMITS, joinContainerPath, type containerFilesApi } from '../../contract/domains/container-files.js';
import { BerthError } from '../../contract/errors.js';
import type { FileChange } from '../../contract/models/container-files.js';
import { toBerthError } from '../errors.js';
import { downloadPath } from '../files/download.js';
import { DownloadFlows } from '../files/download-flow.js';
import { statPath } from '../files/archive-stat.js';
import { fileError } from '../files/file-errors.js';
import { listDir } from '../files/list-dir.js';
import { UploadStore } from '../files/upload-store.js';
import { putFile } from '../files/upload-tar.js';
import type { ServiceDeps } from './service-deps.js';

/** Unacknowledged download bytes allowed in flight per download. */
const DOWNLOAD_WINDOW = 4 * 1024 * 1024;

const changeKinds: Record<number, FileChange['kind']> = { 0: 'changed', 1: 'added', 2: 'deleted' };

export interface ContainerFilesOptions {
  /** Where uploads are assembled (default: the OS temp dir). */
  tempDir?: string;
}

/** Browse, download, upload, diff: the engine's archive API, so stopped and shell-less containers work too. */
export function createContainerFilesService(deps: ServiceDeps, options: ContainerFilesOptions = {}): DomainImplementation<typeof containerFilesApi> {
  const flows = new DownloadFlows(DOWNLOAD_WINDOW);
  const uploads = new UploadStore({ tempDir: options.tempDir ?? join(tmpdir(), 'berth-uploads'), maxChunkBytes: FILES_LIMITS.uploadChunkBytes });
  const watched = new WeakSet<AbortSignal>();
  /** Drop a connection's uploads when it goes away (the signal of a method call is the connection's life). */
  const scope = (connectionId: string, signal: AbortSignal) => {
    if (watched.has(signal)) return;
    watched.add(signal);
    signal.addEventListener('abort', () => void uploads.dropConnection(connectionId), { once: true });
  };

  return {
    async listDir({ id, path }, ctx) {
      const conn = deps.connections.require();
      return listDir(conn.docker, id, path, ctx.signal, undefined, conn.endpoint.host);
    },

    download({ id, path }, ctx) {
      const conn = deps.connections.require();
      return downloadPath({
        docker: conn.docker,
        id,
        path,
        connectionId: ctx.connectionId,
        signal: ctx.signal,
        flows,
        chunkBytes: FILES_LIMITS.downloadChunkBytes,
        endpoint: conn.endpoint.host,
      });
    },

    async downloadAck({ downloadId, received }, ctx) {
      flows.ack(ctx.connectionId, downloadId, received);
      return null;
    },

    async uploadBegin({ id, path, name, size }, ctx) {
      const conn = deps.connections.require();
      // Check the target first, so a wrong folder fails before any byte is sent.
      try {
        const stat = await statPath(conn.docker, id, path, ctx.signal);
        const dirStat = stat.type === 'l' && stat.linkTarget ? await statPath(conn.docker, id, stat.linkTarget, ctx.signal) : stat;
        if (dirStat.type !== 'd') throw new BerthError('VALIDATION', `Not a directory: ${path}`, { path });
      } catch (err) {
        if (err instanceof BerthError) throw err;
        throw await fileError(err, conn.docker, id, path, conn.endpoint.host);
      }
      scope(ctx.connectionId, ctx.signal);
      const uploadId = await uploads.begin({ connectionId: ctx.connectionId, containerId: id, dir: path, name, size });
      return { uploadId, maxChunkBytes: FILES_LIMITS.uploadChunkBytes };
    },

    async uploadChunk({ uploadId, index, dataBase64 }, ctx) {
      return uploads.chunk(ctx.connectionId, uploadId, index, Buffer.from(dataBase64, 'base64'));
    },

    async uploadEnd({ uploadId }, ctx) {
      const done = await uploads.finish(ctx.connectionId, uploadId);
      try {
        const conn = deps.connections.require();
        try {
          await putFile({ docker: conn.docker, id: done.containerId, dir: done.dir, name: done.name, file: done.file, size: done.size, signal: ctx.signal });
        } catch (err) {
          throw await fileError(err, conn.docker, done.containerId, done.dir, conn.endpoint.host);
        }
        return { path: joinContainerPath(done.dir, done.name), size: done.size };
      } finally {
        await uploads.discard(done.file);
      }
    },

    async uploadCancel({ uploadId }, ctx) {
      await uploads.cancel(ctx.connectionId, uploadId);
      return null;
    },

    async diff({ id }) {
      const conn = deps.connections.require();
      try {
        const changes = (await conn.docker.getContainer(id).changes()) as { Path?: unknown; Kind?: unknown }[] | null;
        return (changes ?? [])
          .filter((c): c is { Path: string; Kind: number } => typeof c.Path === 'string' && typeof c.Kind === 'number')
          .map((c) => ({ path: c.Path, kind: changeKinds[c.Kind] ?? 'changed' }))
          .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      } catch (err) {
        throw toBerthError(err, conn.endpoint.host);
      }
    },
  };
}
