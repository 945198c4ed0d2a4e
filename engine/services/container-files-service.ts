import type { DomainImplementation } from '../../contract/define.js';
import { joinContainerPath, normalizeContainerPath, type containerFilesApi } from '../../contract/domains/container-files.js';
import { BerthError } from '../../contract/errors.js';
import type { FileChange } from '../../contract/models/container-files.js';
import { containerPath } from '../adapter/calls.js';
import { toBerthError } from '../errors.js';
import { deletePath } from '../files/delete-path.js';
import { downloadPath } from '../files/download.js';
import { fileError } from '../files/file-errors.js';
import { listDir } from '../files/list-dir.js';
import { fileInTheWay, makeFolder, requireDirectory } from '../files/make-folder.js';
import { putFile } from '../files/upload-tar.js';
import type { ServiceDeps } from './service-deps.js';

const changeKinds: Record<number, FileChange['kind']> = { 0: 'changed', 1: 'added', 2: 'deleted' };

/**
 * Browse, download, upload, new folder, diff: the engine's archive API, so stopped and shell-less
 * containers work too. Delete runs rm inside (the engine has no delete-file API), so it needs a
 * running container. Downloads and uploads stream straight between the engine and the client's byte
 * stream; the RPC layer's acknowledged windows bound what is held in between.
 */
export function createContainerFilesService(deps: ServiceDeps): DomainImplementation<typeof containerFilesApi> {
  return {
    async listDir({ id, path }, ctx) {
      const conn = deps.connections.require();
      return listDir(conn.engine, id, normalizeContainerPath(path), { signal: ctx.signal, endpoint: conn.endpoint.host });
    },

    download({ id, path }, ctx) {
      const conn = deps.connections.require();
      return downloadPath({ engine: conn.engine, id, path: normalizeContainerPath(path), signal: ctx.signal, endpoint: conn.endpoint.host });
    },

    async upload({ id, path: rawPath, name, folder, size }, ctx, body) {
      const path = normalizeContainerPath(rawPath);
      const conn = deps.connections.require();
      const { engine } = conn;
      // Check the target first, so a wrong folder fails before the engine is sent anything.
      await requireDirectory(engine, id, path, ctx.signal, conn.endpoint.host);
      try {
        await putFile({ engine, id, dir: path, name: folder ? `${folder}/${name}` : name, size, body, signal: ctx.signal });
      } catch (err) {
        if (err instanceof BerthError) throw err;
        throw (folder && (await fileInTheWay(engine, id, path, folder, ctx.signal))) || (await fileError(err, engine, id, path, conn.endpoint.host));
      }
      return { path: joinContainerPath(path, folder ? `${folder}/${name}` : name), size };
    },

    mkdir({ id, path, folder }, ctx) {
      const conn = deps.connections.require();
      return makeFolder({ engine: conn.engine, id, dir: path, folder, signal: ctx.signal, endpoint: conn.endpoint.host });
    },

    deletePath({ id, path }, ctx) {
      const conn = deps.connections.require();
      return deletePath({ engine: conn.engine, id, path, signal: ctx.signal, endpoint: conn.endpoint.host });
    },

    async diff({ id }, ctx) {
      const conn = deps.connections.require();
      try {
        const changes = await conn.engine.json<{ Path?: unknown; Kind?: unknown }[] | null>({ path: `${containerPath(id)}/changes`, signal: ctx.signal });
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
