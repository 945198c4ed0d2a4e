import { describe, expect, it } from 'vitest';
import type { Change } from '../../contract/model.js';
import type { ImageContainerRef, ImageSummary } from '../../contract/models/images.js';
import { AsyncQueue } from '../streams/async-queue.js';
import type { HubItem } from '../streams/event-hub.js';
import type { ImageReader } from './image-reader.js';
import type { RawImage, RawImageInspect } from './image-mapping.js';
import { watchImages } from './image-watch.js';

const A = 'sha256:' + 'a'.repeat(64);
const B = 'sha256:' + 'b'.repeat(64);

/** A fake engine: images by id, shared sizes, container users; counts every read. */
function fakeEngine() {
  const images = new Map<string, RawImage>([
    [A, { Id: A, RepoTags: ['app:1'], Created: 10, Size: 1000 }],
    [B, { Id: B, RepoTags: ['app:old'], Created: 5, Size: 800 }],
  ]);
  let shared = new Map([
    [A, 600],
    [B, 600],
  ]);
  let users = new Map<string, ImageContainerRef[]>();
  const reads = { images: 0, df: 0, containers: 0, inspect: [] as string[] };
  const reader: ImageReader = {
    images: async () => (reads.images++, [...images.values()]),
    sharedSizes: async () => (reads.df++, new Map(shared)),
    containersByImage: async () => (reads.containers++, new Map(users)),
    inspect: async (id) => {
      reads.inspect.push(id);
      const raw = images.get(id) ?? [...images.values()].find((i) => i.RepoTags?.includes(id));
      if (!raw) return undefined;
      const r: RawImageInspect = { Id: raw.Id, RepoTags: raw.RepoTags, Created: new Date((raw.Created ?? 0) * 1000).toISOString(), Size: raw.Size };
      return r;
    },
    history: async () => [],
  };
  return {
    images,
    reader,
    reads,
    setShared: (m: Map<string, number>) => (shared = m),
    setUsers: (m: Map<string, ImageContainerRef[]>) => (users = m),
  };
}

function feed() {
  const q = new AsyncQueue<HubItem>();
  return {
    events: { subscribe: () => q },
    emit: (type: string, action: string, id: string) => q.push({ kind: 'event', event: { type, action, id, attributes: {}, time: Date.now() } }),
  };
}

async function next(it: AsyncIterator<Change<ImageSummary>>): Promise<Change<ImageSummary>> {
  const r = await it.next();
  if (r.done) throw new Error('watch ended');
  return r.value;
}

describe('watchImages', () => {
  it('snapshot, then re-reads only the image an event names; a moved tag re-reads the image it left', async () => {
    const e = fakeEngine();
    const f = feed();
    const ctl = new AbortController();
    const w = watchImages({ reader: e.reader, events: f.events, signal: ctl.signal, coalesceMs: 1, diskUsageMs: 5, containersMs: 1 });
    const snap = await next(w);
    expect(snap.kind === 'snapshot' && snap.items.map((i) => [i.repoTags, i.uniqueSize])).toEqual([
      [['app:1'], 400],
      [['app:old'], 200],
    ]);

    // "app:old" moves to A (a re-tag): A is read, then B, which lost the tag.
    e.images.set(A, { ...e.images.get(A)!, RepoTags: ['app:1', 'app:old'] });
    e.images.set(B, { ...e.images.get(B)!, RepoTags: [] });
    f.emit('image', 'tag', A);
    const up1 = await next(w);
    expect(up1.kind === 'upsert' && up1.item).toMatchObject({ id: A, repoTags: ['app:1', 'app:old'], sharedSize: 600 });
    const up2 = await next(w);
    expect(up2.kind === 'upsert' && up2.item).toMatchObject({ id: B, repoTags: [], dangling: true });
    expect(e.reads.inspect).toEqual([A, B]);
    expect(e.reads.images).toBe(1);

    // Disk usage refreshed once, debounced, after the image changes; only the changed image is sent.
    e.setShared(new Map([[A, 100], [B, 600]]));
    const df = await next(w);
    expect(df.kind === 'upsert' && df.item).toMatchObject({ id: A, sharedSize: 100, uniqueSize: 900 });
    expect(e.reads.df).toBe(2);

    // delete: the image is gone → remove.
    e.images.delete(B);
    f.emit('image', 'delete', B);
    expect(await next(w)).toEqual({ kind: 'remove', id: B });

    // A container event re-reads which containers use which image; only A changes.
    e.setUsers(new Map([[A, [{ id: 'c1', name: 'web-1', state: 'running' }]]]));
    f.emit('container', 'start', 'c1');
    const used = await next(w);
    expect(used.kind === 'upsert' && used.item.containers).toEqual([{ id: 'c1', name: 'web-1', state: 'running' }]);
    expect(e.reads.images).toBe(1); // never a full re-list
    ctl.abort();
    await expect(w.next()).resolves.toMatchObject({ done: true });
  });

  it('container usage is re-read until it shows the state the container event implies', async () => {
    const e = fakeEngine();
    const f = feed();
    const w = watchImages({ reader: e.reader, events: f.events, coalesceMs: 1, diskUsageMs: 1000, containersMs: 1 });
    e.setUsers(new Map([[A, [{ id: 'c1', name: 'web-1', state: 'running' }]]]));
    await next(w);
    // The engine lists the pause late: the first read still says running.
    const paused = new Map([[A, [{ id: 'c1', name: 'web-1', state: 'paused' }]]]);
    const reads = e.reads.containers;
    e.reader.containersByImage = async () => (e.reads.containers++, e.reads.containers === reads + 1 ? new Map([[A, [{ id: 'c1', name: 'web-1', state: 'running' }]]]) : new Map(paused));
    f.emit('container', 'pause', 'c1');
    const up = await next(w);
    expect(up.kind === 'upsert' && up.item.containers).toEqual([{ id: 'c1', name: 'web-1', state: 'paused' }]);
    expect(e.reads.containers).toBe(reads + 2);
    await w.return?.();
  });

  it('a pull event (named by reference) upserts the new image', async () => {
    const e = fakeEngine();
    const f = feed();
    const w = watchImages({ reader: e.reader, events: f.events, coalesceMs: 1, diskUsageMs: 1000 });
    await next(w);
    const C = 'sha256:' + 'c'.repeat(64);
    e.images.set(C, { Id: C, RepoTags: ['127.0.0.1:5000/x:1'], Created: 20, Size: 50 });
    f.emit('image', 'pull', '127.0.0.1:5000/x:1');
    const up = await next(w);
    expect(up.kind === 'upsert' && up.item).toMatchObject({ id: C, repoTags: ['127.0.0.1:5000/x:1'] });
    await w.return?.();
  });
});
