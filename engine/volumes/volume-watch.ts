import type { EngineEvent } from '../../contract/model.js';
import type { VolumeSummary, VolumeUser } from '../../contract/models/volumes.js';
import type { LiveSource } from '../live/live-watch.js';
import { HELPER_LABEL } from './helper-label.js';
import type { VolumeReader } from './volume-reader.js';

/** Container actions that can change which containers use a volume, or whether they run. */
const USER_ACTIONS = new Set(['create', 'destroy', 'rename', 'start', 'die', 'stop', 'pause', 'unpause']);

const sameUsers = (a: readonly VolumeUser[], b: readonly VolumeUser[]) =>
  a.length === b.length && a.every((u, i) => u.id === b[i]!.id && u.name === b[i]!.name && u.running === b[i]!.running);

/**
 * The volume list as a live source: volume events add, re-read or remove one volume; container events
 * (a container created, removed, renamed, started or stopped) re-read who uses which volume, once for
 * a burst. Berth's own helper containers are left out.
 */
export function volumeSource(reader: VolumeReader): LiveSource<VolumeSummary> {
  return {
    types: ['volume', 'container'],
    key: (v) => v.name,
    list: (signal) => reader.list(signal),
    read: (keys, { signal }) => reader.read(keys, signal),
    route(event: EngineEvent) {
      if (event.type !== 'volume' || !event.id) return undefined;
      return { key: event.id, op: event.action === 'destroy' ? 'remove' : 'refresh' };
    },
    refreshes: [
      {
        delayMs: 50,
        on: (e) => e.type === 'container' && USER_ACTIONS.has(e.action.split(':')[0]!.trim()) && !Object.hasOwn(e.attributes, HELPER_LABEL),
        async run({ known, signal }) {
          const users = await reader.users(signal);
          const changed: VolumeSummary[] = [];
          for (const v of known.values()) {
            const now = users.get(v.name) ?? [];
            if (!sameUsers(now, v.usedBy)) changed.push({ ...v, usedBy: now });
          }
          return { changed };
        },
      },
    ],
  };
}
