import type { DomainImplementation } from '../../contract/define.js';
import { joinContainerPath } from '../../contract/domains/container-files.js';
import { archiveSizeProblem, type volumesApi } from '../../contract/domains/volumes.js';
import { BerthError } from '../../contract/errors.js';
import type { VolumeSizes } from '../../contract/models/volumes.js';
import type { EngineConnection } from '../client/engine-connection.js';
import { watchLive } from '../live/live-watch.js';
import type { RecycleBinStore } from '../recycle-bin/recycle-bin-store.js';
import { AsyncQueue } from '../streams/async-queue.js';
import { deleteVolumePath, inHelper, inVolume, listVolumeDir, makeFolder, volumeFileError, type VolumeCtx } from '../volumes/volume-files.js';
import { statIn, putInto } from '../volumes/helper-archive.js';
import { cloneVolume, createVolume, emptyVolume, importVolume } from '../volumes/volume-jobs.js';
import { VolumeReader, mapVolume } from '../volumes/volume-reader.js';
import { removeVolume, prunePlan, pruneVolumes, removePlan } from '../volumes/volume-removal.js';
import { HELPER_LABEL } from '../volumes/helper-label.js';
import { VolumeSizeMeter } from '../volumes/volume-sizes.js';
import { downloadFromVolume, exportVolume, streamTar } from '../volumes/volume-transfer.js';
import { volumeSource } from '../volumes/volume-watch.js';
import type { ServiceDeps } from './service-deps.js';

/** The `volumes` domain: list, sizes, create/remove/prune, browse, export/import/clone/empty. */
export function createVolumesService(deps: ServiceDeps, bin: RecycleBinStore): DomainImplementation<typeof volumesApi> {
  const meters = new WeakMap<EngineConnection, VolumeSizeMeter>();

  const connect = () => {
    const conn = deps.connections.require();
    const c: VolumeCtx = { engine: conn.engine, endpoint: conn.endpoint.host, log: deps.log };
    return { conn, c };
  };
  const meterOf = (conn: EngineConnection) => {
    let m = meters.get(conn);
    if (!m) meters.set(conn, (m = new VolumeSizeMeter(conn.engine, conn.endpoint.host)));
    return m;
  };
  const sizeOf = async (conn: EngineConnection, name: string) => (await meterOf(conn).measure()).sizes[name]?.bytes ?? null;

  return {
    list: (_args, ctx) => {
      const { c } = connect();
      return new VolumeReader(c.engine, c.endpoint).list(ctx.signal);
    },
    watch: (_args, ctx) => {
      const { conn, c } = connect();
      return watchLive(volumeSource(new VolumeReader(conn.engine, c.endpoint)), { events: conn.hub, signal: ctx.signal });
    },
    sizes: (_args, ctx) => {
      const { conn } = connect();
      const meter = meterOf(conn);
      const queue = new AsyncQueue<VolumeSizes>({ capacity: 4, key: () => 'sizes', signal: ctx.signal });
      const sub = meter.onChange((s) => queue.push(s));
      const events = conn.hub.subscribe({ types: ['volume', 'container'], capacity: 1000, signal: ctx.signal });
      void (async () => {
        try {
          for await (const item of events) {
            if (item.kind !== 'event') continue;
            const e = item.event;
            if (e.type === 'volume' && e.action === 'destroy') meter.forget(e.id);
            else if (e.type === 'volume' ? e.action === 'create' || e.action === 'unmount' : ['die', 'destroy'].includes(e.action) && !Object.hasOwn(e.attributes, HELPER_LABEL)) meter.soon();
          }
        } catch {
          // The hub went away: sizes stay as measured.
        }
      })();
      ctx.signal.addEventListener('abort', () => sub.dispose(), { once: true });
      queue.push(meter.current());
      // The first measurement waits a moment (settle time), so it does not compete with the page's first render.
      if (!meter.hasMeasured()) meter.soon();
      return queue;
    },
    measure: () => meterOf(connect().conn).measure(),
    create: async ({ name, driver, options, labels }, ctx) => {
      const { conn, c } = connect();
      const raw = await createVolume(c, { name, driver, options, labels }, ctx.signal);
      meterOf(conn).soon();
      return mapVolume(raw, new Map());
    },
    removePlan: async ({ name }, ctx) => {
      const { conn, c } = connect();
      return removePlan(c, bin, name, await sizeOf(conn, name), ctx.signal);
    },
    remove: async ({ name, keep }, ctx) => {
      const { conn, c } = connect();
      const result = await removeVolume(c, bin, name, keep, ctx.signal);
      meterOf(conn).forget(name);
      return result;
    },
    prunePlan: async ({ all }, ctx) => {
      const { conn, c } = connect();
      return prunePlan(c, bin, (await meterOf(conn).measure()).sizes, all, ctx.signal);
    },
    prune: async ({ names, keep }, ctx) => {
      const { conn, c } = connect();
      const result = await pruneVolumes(c, bin, names, keep, (await meterOf(conn).measure()).sizes, ctx.signal);
      for (const n of result.removed) meterOf(conn).forget(n);
      return result;
    },

    listDir: ({ name, path }, ctx) => listVolumeDir(connect().c, name, path, ctx.signal),
    mkdir: ({ name, path, folder }, ctx) => makeFolder(connect().c, name, path, folder, ctx.signal),
    deletePath: ({ name, path }, ctx) => deleteVolumePath(connect().c, name, path, ctx.signal),
    download: ({ name, path }, ctx) => downloadFromVolume(connect().c, name, path, ctx.signal),
    export: ({ name }, ctx) => exportVolume(connect().c, name, ctx.signal),
    upload: async ({ name, path, fileName, size }, ctx, body) => {
      const { c } = connect();
      const target = joinContainerPath(path, fileName);
      await inVolume(
        c,
        name,
        async (id) => {
          if ((await statIn(c.engine, id, inHelper(path), ctx.signal)).type !== 'd') throw new BerthError('VALIDATION', `Not a folder: ${path}`, { path });
          await putInto(c.engine, id, inHelper(path), streamTar(fileName, size, body), ctx.signal);
        },
        { signal: ctx.signal, path: target },
      );
      return { path: target, size };
    },
    import: async ({ name, create, size }, ctx, body) => {
      const empty = archiveSizeProblem(size);
      if (empty) throw new BerthError('VALIDATION', empty, { name });
      const { conn, c } = connect();
      const exists = await new VolumeReader(c.engine, c.endpoint).inspect(name, ctx.signal);
      if (create && exists) throw new BerthError('CONFLICT', `A volume named ${name} already exists: choose another name, or import into it (when it is empty)`, { name });
      if (!create && !exists) throw new BerthError('NOT_FOUND', `No such volume: ${name}`, { name });
      const done = await importVolume(c, name, create, body, ctx.signal);
      meterOf(conn).soon();
      return done;
    },
    clone: ({ source, target }, ctx) => {
      const { conn, c } = connect();
      return (async function* () {
        yield* cloneVolume(c, source, target, meterOf(conn).current().sizes[source]?.bytes ?? null, ctx.signal);
        meterOf(conn).soon();
      })();
    },
    empty: ({ name }, ctx) => {
      const { conn, c } = connect();
      return (async function* () {
        try {
          yield* emptyVolume(c, name, ctx.signal);
        } catch (err) {
          throw volumeFileError(err, c, name, '/');
        }
        meterOf(conn).soon();
      })();
    },
  };
}
