import { describe, expect, it } from 'vitest';
import type { Change, ContainerSummary, EngineEvent } from '../../contract/model.js';
import { AsyncQueue } from '../streams/async-queue.js';
import type { HubItem } from '../streams/event-hub.js';
import { classifyContainerAction, watchContainers, type ContainerReader, type EventFeed } from './container-watch.js';

function container(id: string, state: ContainerSummary['state'] = 'running'): ContainerSummary {
  return { id, name: id, image: 'busybox', imageId: 'sha256:b', command: 'sh', state, status: state, ports: [], created: 0, labels: {} };
}

/** A fake engine: containers by id, a log of list calls, and one event feed. */
class Fake implements ContainerReader, EventFeed {
  readonly containers = new Map<string, ContainerSummary>();
  readonly calls: string[] = [];
  feed?: AsyncQueue<HubItem>;
  failList?: Error;
  /** Like dockerd 20.10 after pause/unpause: the next `reads` reads of a container still show `old`. */
  readonly lagging = new Map<string, { old: ContainerSummary; reads: number }>();

  async list({ ids }: { all: boolean; ids?: readonly string[] }): Promise<ContainerSummary[]> {
    this.calls.push(ids ? `list(${ids.join(',')})` : 'list(all)');
    if (this.failList) throw this.failList;
    const all = [...this.containers.values()].map((c) => {
      const lag = this.lagging.get(c.id);
      if (!lag || lag.reads <= 0) return c;
      lag.reads--;
      return lag.old;
    });
    return ids ? all.filter((c) => ids.includes(c.id)) : all;
  }

  /** Change a container's state; the list shows the change only after `staleReads` more reads. */
  setLagging(id: string, state: ContainerSummary['state'], staleReads: number): void {
    this.lagging.set(id, { old: this.containers.get(id)!, reads: staleReads });
    this.containers.set(id, container(id, state));
  }

  subscribe(options: { types?: readonly string[]; signal?: AbortSignal }): AsyncQueue<HubItem> {
    this.calls.push(`subscribe(${options.types?.join(',')})`);
    this.feed = new AsyncQueue<HubItem>({ signal: options.signal });
    return this.feed;
  }

  event(action: string, id: string): void {
    const event: EngineEvent = { type: 'container', action, id, attributes: {}, time: Date.now() };
    this.feed!.push({ kind: 'event', event });
  }
}

async function next(it: AsyncIterator<Change<ContainerSummary>>): Promise<Change<ContainerSummary>> {
  const r = await it.next();
  if (r.done) throw new Error('watch ended');
  return r.value;
}

function watch(fake: Fake) {
  return watchContainers({ reader: fake, events: fake, coalesceMs: 5 });
}

describe('classifyContainerAction', () => {
  it('ignores exec and attach noise, removes on destroy, re-reads otherwise', () => {
    expect(classifyContainerAction('exec_start: sh -c ls')).toBe('ignore');
    expect(classifyContainerAction('exec_die')).toBe('ignore');
    expect(classifyContainerAction('attach')).toBe('ignore');
    expect(classifyContainerAction('destroy')).toBe('remove');
    expect(classifyContainerAction('health_status: healthy')).toBe('refresh');
    expect(classifyContainerAction('die')).toBe('refresh');
    expect(classifyContainerAction('rename')).toBe('refresh');
  });
});

describe('watchContainers', () => {
  it('subscribes before taking the snapshot, then sends the snapshot', async () => {
    const fake = new Fake();
    fake.containers.set('a', container('a'));
    const w = watch(fake);
    expect(await next(w)).toEqual({ kind: 'snapshot', items: [container('a')] });
    expect(fake.calls).toEqual(['subscribe(container)', 'list(all)']);
    await w.return?.();
  });

  it('re-reads only the affected container, once per burst', async () => {
    const fake = new Fake();
    const w = watch(fake);
    await next(w);
    fake.containers.set('b', container('b'));
    fake.event('create', 'b');
    fake.event('start', 'b');
    fake.event('exec_start: sh', 'b');
    expect(await next(w)).toEqual({ kind: 'upsert', item: container('b') });
    expect(fake.calls.slice(2)).toEqual(['list(b)']);
    await w.return?.();
  });

  it('batches several containers into one filtered read', async () => {
    const fake = new Fake();
    const w = watch(fake);
    await next(w);
    for (const id of ['x', 'y', 'z']) {
      fake.containers.set(id, container(id));
      fake.event('start', id);
    }
    const got = [await next(w), await next(w), await next(w)];
    expect(got.map((c) => c.kind === 'upsert' && c.item.id)).toEqual(['x', 'y', 'z']);
    expect(fake.calls.slice(2)).toEqual(['list(x,y,z)']);
    await w.return?.();
  });

  it('removes on destroy without reading, and ignores noise', async () => {
    const fake = new Fake();
    fake.containers.set('a', container('a'));
    const w = watch(fake);
    await next(w);
    fake.event('exec_create: ls', 'a');
    fake.event('resize', 'a');
    fake.containers.delete('a');
    fake.event('destroy', 'a');
    expect(await next(w)).toEqual({ kind: 'remove', id: 'a' });
    expect(fake.calls).toEqual(['subscribe(container)', 'list(all)']);
    await w.return?.();
  });

  it('removes a known container that a re-read no longer finds, and says nothing of unknown ones', async () => {
    const fake = new Fake();
    fake.containers.set('a', container('a'));
    const w = watch(fake);
    await next(w);
    fake.containers.delete('a');
    fake.event('die', 'a');
    fake.event('create', 'ghost'); // created and gone before we looked
    expect(await next(w)).toEqual({ kind: 'remove', id: 'a' });
    fake.containers.set('c', container('c'));
    fake.event('start', 'c');
    expect(await next(w)).toEqual({ kind: 'upsert', item: container('c') });
    await w.return?.();
  });

  it('sends a fresh snapshot after the event stream resumed', async () => {
    const fake = new Fake();
    const w = watch(fake);
    await next(w);
    fake.containers.set('n', container('n', 'exited'));
    fake.feed!.push({ kind: 'resumed', downMs: 1200 });
    expect(await next(w)).toEqual({ kind: 'snapshot', items: [container('n', 'exited')] });
    await w.return?.();
  });

  it('coalesces pending output per container for a slow consumer', async () => {
    const fake = new Fake();
    fake.containers.set('a', container('a'));
    const w = watch(fake);
    await next(w);
    fake.containers.set('a', container('a', 'paused'));
    fake.event('pause', 'a');
    await new Promise((r) => setTimeout(r, 30));
    fake.containers.set('a', container('a', 'running'));
    fake.event('unpause', 'a');
    await new Promise((r) => setTimeout(r, 30));
    expect(fake.calls.filter((c) => c === 'list(a)')).toHaveLength(2);
    // Two upserts were produced while nobody read: only the latest is left.
    expect(await next(w)).toEqual({ kind: 'upsert', item: container('a', 'running') });
    fake.feed!.push({ kind: 'event', event: { type: 'container', action: 'stop', id: 'a', attributes: {}, time: 0 } });
    fake.containers.set('a', container('a', 'exited'));
    expect(await next(w)).toEqual({ kind: 'upsert', item: container('a', 'exited') });
    await w.return?.();
  });

  it('re-reads until the list shows what pause and unpause imply (the engine lists them late)', async () => {
    const fake = new Fake();
    fake.containers.set('a', container('a'));
    const w = watch(fake);
    await next(w);
    fake.setLagging('a', 'paused', 2);
    fake.event('pause', 'a');
    expect(await next(w)).toEqual({ kind: 'upsert', item: container('a', 'paused') });
    expect(fake.calls.slice(2)).toEqual(['list(a)', 'list(a)', 'list(a)']);
    fake.setLagging('a', 'running', 1);
    fake.event('unpause', 'a');
    expect(await next(w)).toEqual({ kind: 'upsert', item: container('a', 'running') });
    expect(fake.calls.slice(5)).toEqual(['list(a)', 'list(a)']);
    await w.return?.();
  });

  it('a newer event replaces a pending retry, and a list that never agrees is sent after the last retry', async () => {
    const fake = new Fake();
    fake.containers.set('a', container('a'));
    const w = watchContainers({ reader: fake, events: fake, coalesceMs: 1, retry: { tries: 3, firstMs: 100 } });
    await next(w);
    fake.setLagging('a', 'paused', 1);
    fake.event('pause', 'a');
    await new Promise((r) => setTimeout(r, 10)); // first read was stale; its retry waits 100 ms
    fake.containers.set('a', container('a', 'running'));
    fake.event('unpause', 'a');
    expect(await next(w)).toEqual({ kind: 'upsert', item: container('a', 'running') });
    await new Promise((r) => setTimeout(r, 150));
    expect(fake.calls.filter((c) => c === 'list(a)')).toHaveLength(2);

    // "die" but the engine keeps listing it as running: 1 read + 3 retries (100, 200, 400 ms), then its answer.
    const t0 = Date.now();
    fake.event('die', 'a');
    expect(await next(w)).toEqual({ kind: 'upsert', item: container('a', 'running') });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(650);
    expect(fake.calls.filter((c) => c === 'list(a)')).toHaveLength(6);
    await w.return?.();
  });

  it('fails with a BerthError when the engine cannot be read', async () => {
    const fake = new Fake();
    fake.failList = Object.assign(new Error('connect ENOENT'), { code: 'ENOENT' });
    const w = watch(fake);
    await expect(w.next()).rejects.toMatchObject({ code: 'ENGINE_UNAVAILABLE' });
  });

  it('ends when the event feed ends, and unsubscribes when the caller leaves', async () => {
    const fake = new Fake();
    const w = watch(fake);
    await next(w);
    fake.feed!.end();
    await expect(w.next()).resolves.toMatchObject({ done: true });

    const ctl = new AbortController();
    const w2 = watchContainers({ reader: fake, events: fake, signal: ctl.signal });
    await next(w2);
    const feed = fake.feed!;
    ctl.abort();
    expect(feed.open).toBe(false);
    await expect(w2.next()).resolves.toMatchObject({ done: true });
  });
});
