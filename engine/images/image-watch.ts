import type { Change, EngineEvent } from '../../contract/model.js';
import type { ImageContainerRef, ImageSummary } from '../../contract/models/images.js';
import { containerStatesAfter } from '../live/container-event-state.js';
import { watchLive, type EventFeed, type LiveSource } from '../live/live-watch.js';
import type { ImageReader } from './image-reader.js';
import { mapImageSummary, withShared, type RawImage, type RawImageInspect } from './image-mapping.js';
import { isBerthHelper } from '../volumes/helper-label.js';

/** The part of the event hub the watch needs. */
export type ImageEventFeed = EventFeed;

/** Every local image with its shared/unique size and the containers using it (three reads, in parallel). */
export async function listImages(reader: ImageReader, signal?: AbortSignal): Promise<ImageSummary[]> {
  const [images, shared, containers] = await Promise.all([reader.images(signal), reader.sharedSizes(signal), reader.containersByImage(signal)]);
  return images.map((raw) => mapImageSummary(raw, containers.get(raw.Id ?? '') ?? [], shared.get(raw.Id ?? '')));
}

function inspectToRaw(i: RawImageInspect): RawImage {
  const created = i.Created ? Date.parse(i.Created) : NaN;
  return {
    Id: i.Id,
    RepoTags: i.RepoTags ?? [],
    RepoDigests: i.RepoDigests ?? [],
    Created: Number.isFinite(created) ? Math.floor(created / 1000) : 0,
    Size: i.Size,
    Labels: i.Config?.Labels ?? {},
  };
}

/** Image actions that change what the list shows (save/export change nothing). */
const IMAGE_ACTIONS = new Set(['pull', 'tag', 'untag', 'delete', 'import', 'load', 'push', 'create']);
/** Container actions that change which containers use an image, or their state. */
const CONTAINER_ACTIONS = new Set(['create', 'destroy', 'rename', 'start', 'die', 'stop', 'pause', 'unpause', 'kill', 'restart']);
const baseAction = (action: string) => action.split(':')[0]!.trim();

export interface ImageWatchOptions {
  reader: ImageReader;
  events: ImageEventFeed;
  signal?: AbortSignal;
  /** Image events within this window become one re-read (default 40 ms). */
  coalesceMs?: number;
  /** Disk-usage (GET /system/df) refresh delay after image changes (default 800 ms, debounced). */
  diskUsageMs?: number;
  /** Container-usage refresh delay after container events (default 250 ms, debounced). */
  containersMs?: number;
}

const sameRefs = (a: ImageContainerRef[], b: ImageContainerRef[]) =>
  a.length === b.length && a.every((x, i) => x.id === b[i]!.id && x.state === b[i]!.state && x.name === b[i]!.name);

/** Whether the containers-per-image read shows each container in the state its latest event implies. */
function usageAgrees(usage: ReadonlyMap<string, ImageContainerRef[]>, events: readonly EngineEvent[]): boolean {
  const states = new Map<string, string>();
  for (const refs of usage.values()) for (const r of refs) states.set(r.id, r.state);
  return events.every((e) => {
    const want = containerStatesAfter(e.action);
    const state = states.get(e.id);
    return !want || state === undefined || (want as readonly string[]).includes(state);
  });
}

/**
 * The image list as a live source. Image events re-read only the images they name
 * (GET /images/{id}/json; a tag that moved re-reads the image it left); container events re-read
 * which containers use which image (until it shows the state each event implies); the engine's
 * disk-usage figures (shared sizes) are refreshed debounced after image changes, never polled.
 */
export function imageSource(reader: ImageReader, options: Pick<ImageWatchOptions, 'diskUsageMs' | 'containersMs'> = {}): LiveSource<ImageSummary> {
  let shared = new Map<string, number>();
  let usage = new Map<string, ImageContainerRef[]>();
  return {
    types: ['image', 'container'],
    key: (img) => img.id,
    coalesceMs: 40,
    // One image per read, so a moved tag's other image is read after (and only if) it is still needed.
    batch: 1,
    async list(signal) {
      const [images, s, u] = await Promise.all([reader.images(signal), reader.sharedSizes(signal), reader.containersByImage(signal)]);
      shared = s;
      usage = u;
      return images.map((raw) => mapImageSummary(raw, u.get(raw.Id ?? '') ?? [], s.get(raw.Id ?? '')));
    },
    async read(refs, { known, signal }) {
      const found = new Map<string, ImageSummary>();
      for (const ref of refs) {
        const raw = await reader.inspect(ref, signal);
        // Berth's volume helper image stays out of every list.
        if (!raw?.Id || isBerthHelper(raw.Config?.Labels)) continue;
        const prev = known.get(raw.Id);
        const img = mapImageSummary(inspectToRaw(raw), usage.get(raw.Id) ?? [], shared.get(raw.Id));
        // A new untagged image that `docker images` does not list (an intermediate build image) stays out (rare: a full read).
        if (!prev && img.dangling && !(await reader.images(signal)).some((i) => i.Id === raw.Id)) continue;
        found.set(ref, prev?.sharedSize !== undefined && img.sharedSize === undefined ? withShared(img, prev.sharedSize) : img);
      }
      return found;
    },
    route(event) {
      if (event.type !== 'image' || !event.id || !IMAGE_ACTIONS.has(baseAction(event.action))) return undefined;
      return { key: event.id, op: 'refresh' };
    },
    // A tag can move from one image to another: the image it left must be re-read too.
    *related(img, known) {
      for (const other of known.values()) if (other.id !== img.id && other.repoTags.some((t) => img.repoTags.includes(t))) yield other.id;
    },
    refreshes: [
      {
        delayMs: options.diskUsageMs ?? 800,
        afterChanges: true,
        async run({ known, signal }) {
          shared = await reader.sharedSizes(signal);
          const changed: ImageSummary[] = [];
          for (const img of known.values()) {
            const next = shared.get(img.id);
            if (next !== img.sharedSize && next !== undefined) changed.push(withShared(img, next));
          }
          return { changed };
        },
      },
      {
        delayMs: options.containersMs ?? 250,
        on: (e) => e.type === 'container' && CONTAINER_ACTIONS.has(baseAction(e.action)),
        async run({ known, signal, events }) {
          usage = await reader.containersByImage(signal);
          const changed: ImageSummary[] = [];
          for (const img of known.values()) {
            const next = usage.get(img.id) ?? [];
            if (!sameRefs(next, img.containers)) changed.push({ ...img, containers: next });
          }
          return { changed, settled: usageAgrees(usage, events) };
        },
      },
    ],
  };
}

/** A live image list: one snapshot, then deltas (see engine/live/live-watch.ts). */
export function watchImages(options: ImageWatchOptions): AsyncIterableIterator<Change<ImageSummary>> {
  return watchLive(imageSource(options.reader, options), { events: options.events, signal: options.signal, coalesceMs: options.coalesceMs });
}
