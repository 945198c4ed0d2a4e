import type { DomainImplementation } from '../../contract/define.js';
import type { recycleBinApi } from '../../contract/domains/recycle-bin.js';
import { BerthError } from '../../contract/errors.js';
import type { EngineEvent } from '../../contract/model.js';
import type { RecycleBinListing } from '../../contract/models/recycle-bin.js';
import type { RecycleBinStore } from '../recycle-bin/recycle-bin-store.js';
import { restoreContainer } from '../recycle-bin/restore.js';
import { PurgeTimer } from '../recycle-bin/purge-timer.js';
import { AsyncQueue } from '../streams/async-queue.js';
import { recreateVolume } from '../volumes/volume-jobs.js';
import type { ServiceDeps } from './service-deps.js';

/**
 * The recycle bin of removed containers. Entries are written by the container-actions service when
 * it removes a container; here they are listed, restored, deleted and purged when they expire (one
 * timer armed for the next expiry while someone watches or after a list, never a busy poll).
 */
export function createRecycleBinService(deps: ServiceDeps, bin: RecycleBinStore): DomainImplementation<typeof recycleBinApi> {
  const timer = new PurgeTimer(bin, deps.log);
  const list = async (): Promise<RecycleBinListing> => {
    const listing = await bin.list();
    const expiries = [...listing.entries, ...listing.volumes].map((e) => e.expiresAt);
    timer.arm(expiries.length ? Math.min(...expiries) : undefined);
    return listing;
  };

  return {
    list: () => list(),
    watch: (_args, ctx) => {
      const queue = new AsyncQueue<RecycleBinListing>({ capacity: 4, key: () => 'listing', signal: ctx.signal });
      let pending = false;
      let again = false;
      const refresh = () => {
        if (pending) {
          again = true;
          return;
        }
        pending = true;
        list()
          .then((l) => queue.push(l))
          .catch((err: unknown) => deps.log(`recycle bin: list failed: ${String(err)}`))
          .finally(() => {
            pending = false;
            if (again) {
              again = false;
              refresh();
            }
          });
      };
      const changes = bin.onChange(refresh);
      // Entries are saved by the container-actions service through this same store (onChange above),
      // before the removal; the engine's "destroy" event refreshes once more after it.
      let events: AsyncQueue<EngineEvent> | undefined;
      try {
        const sub = deps.connections.require().hub.subscribeEvents({ types: ['container'], signal: ctx.signal });
        events = sub;
        void (async () => {
          try {
            for await (const e of sub) if (e.action === 'destroy') refresh();
          } catch {
            // The hub went away (engine switch): the listing stays, changes from here still arrive.
          }
        })();
      } catch {
        // No engine: the bin can still be listed.
      }
      const done = () => {
        changes.dispose();
        void events?.return();
      };
      ctx.signal.addEventListener('abort', done, { once: true });
      refresh();
      return queue;
    },
    restore: async ({ id, start, createNetworks }, ctx) => {
      const record = await bin.get(id);
      const conn = deps.connections.require();
      const result = await restoreContainer(conn, record.spec, start ?? record.spec.wasRunning, ctx.signal, createNetworks);
      // The container exists now (started or not): the entry has served its purpose.
      try {
        await bin.delete(id);
      } catch (err) {
        // Already gone (deleted or purged meanwhile) is fine; otherwise say it is still listed.
        if (!(err instanceof BerthError && err.code === 'NOT_FOUND')) {
          result.incomplete = [...(result.incomplete ?? []), `still listed in Recently removed: ${err instanceof Error ? err.message : String(err)}`];
        }
      }
      return result;
    },
    delete: async ({ id }) => {
      await bin.delete(id);
    },
    setRetention: async ({ retentionMs }) => {
      await bin.setRetention(retentionMs);
      return list();
    },
    restoreVolume: async ({ id, name }, ctx) => {
      const record = await bin.getVolume(id);
      const conn = deps.connections.require();
      const spec = { ...record.volume, name: name ?? record.volume.name };
      await recreateVolume({ engine: conn.engine, endpoint: conn.endpoint.host, log: deps.log }, spec, bin.dataPath(id), ctx.signal);
      await bin.delete(id);
      return { name: spec.name };
    },
    setVolumeLimit: async ({ bytes }) => {
      await bin.setVolumeLimit(bytes);
      return list();
    },
  };
}
