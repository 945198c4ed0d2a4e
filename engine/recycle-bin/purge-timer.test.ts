import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSpecFromInspect } from './create-config.js';
import { PurgeTimer } from './purge-timer.js';
import { RecycleBinStore } from './recycle-bin-store.js';

const HOUR = 3_600_000;
const spec = (name: string) => createSpecFromInspect({ Id: 'c'.repeat(64), Name: `/${name}`, Config: { Image: 'busybox' }, HostConfig: {} });

describe('PurgeTimer', () => {
  let root: string | undefined;
  afterEach(() => {
    vi.useRealTimers();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('fires once at the next expiry, purges (listeners hear it) and re-arms for the following entry', async () => {
    root = mkdtempSync(join(tmpdir(), 'berth-purge-'));
    let now = 1_000_000;
    const store = new RecycleBinStore({ dir: join(root, 'bin'), now: () => now });
    await store.setRetention(HOUR);
    await store.save(spec('first'));
    now += 30 * 60_000;
    await store.save(spec('second'));
    let changes = 0;
    store.onChange(() => changes++);

    // Only the purge timer's own clock is faked: the store's file I/O runs on the real event loop.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const timer = new PurgeTimer(store, () => undefined, () => now);
    timer.arm(await store.nextExpiry());
    expect(vi.getTimerCount()).toBe(1);
    // 30 minutes later the first entry expires (it was saved 30 minutes before "now").
    now += 30 * 60_000 + 100;
    await vi.advanceTimersByTimeAsync(30 * 60_000 + 100);
    // The purge is file I/O: wait (really) until listeners heard it, before list() could purge instead.
    // (Bounded by real time, not by a number of turns: a loaded machine needs more turns for the same I/O.)
    const deadline = Date.now() + 10_000;
    while ((changes === 0 || vi.getTimerCount() === 0) && Date.now() < deadline) await new Promise((r) => setImmediate(r));
    expect(changes).toBe(1);
    expect((await store.list()).entries.map((e) => e.name)).toEqual(['second']);
    expect(vi.getTimerCount()).toBe(1);
    timer.cancel();
    expect(vi.getTimerCount()).toBe(0);
  });
});
