import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DomainImplementation } from '../../contract/define.js';
import { FILES_LIMITS, joinContainerPath, normalizeContainerPath, type containerFilesApi } from '../../contract/domains/container-files.js';
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
const DOWNLOAD_WINDOW = 8 * 1024 * 1024;

const changeKinds: Record<number, FileChange['kind']> = { 0: 'changed', 1: 'added', 2: 'deleted' };

export interface ContainerFilesOptions {
  /** Where uploads are assembled (default: <dataDir>/uploads, emptied at start). */
  tempDir?: string;
}

/** Browse, download, upload, diff: the engine's archive API, so stopped and shell-less containers work too. */
export function createContainerFilesService(deps: ServiceDeps, options: ContainerFilesOptions = {}): DomainImplementation<typeof containerFilesApi> {
  const flows = new DownloadFlows(DOWNLOAD_WINDOW);
  const tempDir = options.tempDir ?? join(deps.dataDir, 'uploads');
  // Leftovers of a previous run (a crash mid-upload) are never resumed: clear them.
  const cleared = rm(tempDir, { recursive: true, force: true }).catch(() => undefined);
  const uploads = new UploadStore({ tempDir, maxChunkBytes: FILES_LIMITS.uploadChunkBytes });
  /**
   * Uploads belong to their connection. A call's signal aborts only when the connection closes, and
   * an active upload always has a chunk call in flight (the client pipelines them), so a disconnect
   * drops the upload at once; an upload left idle is dropped by the store's idle timeout.
   */
  const dropOnDisconnect = async <T>(signal: AbortSignal, connectionId: string, uploadId: string, work: () => Promise<T>): Promise<T> => {
    const gone = () => void uploads.cancel(connectionId, uploadId).catch(() => undefined);
    signal.addEventListener('abort', gone, { once: true });
    try {
      return await work();
    } finally {
      signal.removeEventListener('abort', gone);
    }
  };

  return {
    async listDir({ id, path }, ctx) {
      const conn = deps.connections.require();
      return listDir(conn.docker, id, normalizeContainerPath(path), { signal: ctx.signal, endpoint: conn.endpoint.host });
    },

    download({ id, path }, ctx) {
      const conn = deps.connections.require();
      return downloadPath({
        docker: conn.docker,
        id,
        path: normalizeContainerPath(path),
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

    async uploadBegin({ id, path: rawPath, name, size }, ctx) {
      const path = normalizeContainerPath(rawPath);
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
      await cleared;
      const uploadId = await uploads.begin({ connectionId: ctx.connectionId, containerId: id, dir: path, name, size });
      if (ctx.signal.aborted) await uploads.cancel(ctx.connectionId, uploadId);
      return { uploadId, maxChunkBytes: FILES_LIMITS.uploadChunkBytes };
    },

    async uploadChunk({ uploadId, index, dataBase64 }, ctx) {
      const data = Buffer.from(dataBase64, 'base64');
      return dropOnDisconnect(ctx.signal, ctx.connectionId, uploadId, () => uploads.chunk(ctx.connectionId, uploadId, index, data));
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
