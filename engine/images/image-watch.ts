import type { ImageChange, ImageContainerRef, ImageSummary } from '../../contract/models/images.js';
import { toBerthError } from '../errors.js';
import { AsyncQueue } from '../streams/async-queue.js';
import type { HubItem, SubscribeOptions } from '../streams/event-hub.js';
import type { ImageReader } from './image-reader.js';
import { mapImageSummary, withShared, type RawImage, type RawImageInspect } from './image-mapping.js';

/** The part of the event hub the watch needs. */
export interface ImageEventFeed {
  subscribe(options: SubscribeOptions): AsyncIterableIterator<HubItem>;
}

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

/**
 * A live image list: one snapshot, then deltas. Image events re-read only the images they name
 * (GET /images/{id}/json; a tag that moved re-reads the image it left); container events re-read
 * which containers use which image; the engine's disk-usage figures (shared sizes) are refreshed
 * debounced after image changes, never polled. A reconnect of the event stream sends a fresh snapshot.
 */
export function watchImages(options: ImageWatchOptions): AsyncIterableIterator<ImageChange> {
  const { reader } = options;
  const life = new AbortController();
  const out = new AsyncQueue<ImageChange>({
    capacity: 10_000,
    key: (c) => (c.kind === 'snapshot' ? '\u0000snapshot' : c.kind === 'upsert' ? c.image.id : c.id),
    signal: options.signal,
    onClose: () => life.abort(),
  });
  if (!out.open) return out;
  const sub = options.events.subscribe({ types: ['image', 'container'], capacity: 10_000, signal: life.signal });
  const known = new Map<string, ImageSummary>();
  let shared = new Map<string, number>();
  let usage = new Map<string, ImageContainerRef[]>();
  const pending = new Set<string>();
  let resync = false;
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let chain: Promise<void> = Promise.resolve();

  life.signal.addEventListener('abort', () => {
    for (const t of timers.values()) clearTimeout(t);
    void sub.return?.();
  });

  /** Run jobs one at a time (reads never interleave), failing the watch on an error. */
  const serial = (job: () => Promise<void>) => {
    chain = chain
      .then(() => (life.signal.aborted ? undefined : job()))
      .catch((err: unknown) => {
        if (!life.signal.aborted) out.fail(toBerthError(err));
      });
  };
  const later = (name: string, ms: number, job: () => Promise<void>) => {
    if (timers.has(name) || life.signal.aborted) return;
    timers.set(
      name,
      setTimeout(() => {
        timers.delete(name);
        serial(job);
      }, ms),
    );
  };

  const emit = (img: ImageSummary) => {
    known.set(img.id, img);
    out.push({ kind: 'upsert', image: img });
  };

  const snapshot = async () => {
    const [images, s, u] = await Promise.all([reader.images(life.signal), reader.sharedSizes(life.signal), reader.containersByImage(life.signal)]);
    if (life.signal.aborted) return;
    shared = s;
    usage = u;
    known.clear();
    const list = images.map((raw) => mapImageSummary(raw, u.get(raw.Id ?? '') ?? [], s.get(raw.Id ?? '')));
    for (const img of list) known.set(img.id, img);
    out.clear();
    out.push({ kind: 'snapshot', images: list });
  };

  const refreshImages = async () => {
    if (resync) {
      resync = false;
      pending.clear();
      await snapshot();
      return;
    }
    const queue = [...pending];
    pending.clear();
    const done = new Set<string>();
    let changed = false;
    while (queue.length && !life.signal.aborted) {
      const ref = queue.shift()!;
      if (done.has(ref)) continue;
      done.add(ref);
      const raw = await reader.inspect(ref, life.signal);
      if (life.signal.aborted) return;
      if (!raw?.Id) {
        if (known.delete(ref)) {
          out.push({ kind: 'remove', id: ref });
          changed = true;
        }
        continue;
      }
      done.add(raw.Id);
      const prev = known.get(raw.Id);
      const img = mapImageSummary(inspectToRaw(raw), usage.get(raw.Id) ?? [], shared.get(raw.Id));
      // A new untagged image that `docker images` does not list (an intermediate build image) stays out (rare: a full read).
      if (!prev && img.dangling && !(await reader.images(life.signal)).some((i) => i.Id === raw.Id)) continue;
      emit(prev?.sharedSize !== undefined && img.sharedSize === undefined ? withShared(img, prev.sharedSize) : img);
      changed = true;
      // A tag can move from one image to another: the image it left must be re-read too.
      for (const other of known.values()) {
        if (other.id !== raw.Id && other.repoTags.some((t) => img.repoTags.includes(t))) queue.push(other.id);
      }
    }
    if (changed) later('df', options.diskUsageMs ?? 800, refreshShared);
  };

  const refreshShared = async () => {
    const s = await reader.sharedSizes(life.signal);
    if (life.signal.aborted) return;
    shared = s;
    for (const img of known.values()) {
      const next = s.get(img.id);
      if (next !== img.sharedSize && next !== undefined) emit(withShared(img, next));
    }
  };

  const refreshContainers = async () => {
    const u = await reader.containersByImage(life.signal);
    if (life.signal.aborted) return;
    usage = u;
    for (const img of known.values()) {
      const next = u.get(img.id) ?? [];
      if (!sameRefs(next, img.containers)) emit({ ...img, containers: next });
    }
  };

  void (async () => {
    try {
      serial(snapshot);
      for await (const item of sub) {
        if (item.kind === 'resumed') {
          resync = true;
          later('images', options.coalesceMs ?? 40, refreshImages);
          continue;
        }
        const e = item.event;
        const action = e.action.split(':')[0]!.trim();
        if (e.type === 'image' && IMAGE_ACTIONS.has(action) && e.id) {
          pending.add(e.id);
          later('images', options.coalesceMs ?? 40, refreshImages);
        } else if (e.type === 'container' && CONTAINER_ACTIONS.has(action)) {
          later('containers', options.containersMs ?? 250, refreshContainers);
        }
      }
      if (!life.signal.aborted) {
        await chain;
        out.end();
      }
    } catch (err) {
      if (!life.signal.aborted) out.fail(toBerthError(err));
    }
  })();
  return out;
}
