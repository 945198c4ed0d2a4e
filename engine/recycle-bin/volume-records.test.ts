import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_VOLUME_LIMIT_BYTES } from '../../contract/domains/recycle-bin.js';
import { RecycleBinStore } from './recycle-bin-store.js';

const HOUR = 3_600_000;
const spec = { name: 'data', driver: 'local', labels: { team: 'blue' }, options: {} };

describe('RecycleBinStore: removed volumes', () => {
  let dir: string;
  let now: number;
  let store: RecycleBinStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'berth-rb-vol-'));
    now = 1_000_000;
    store = new RecycleBinStore({ dir, now: () => now });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lists a kept volume apart from containers, with its copy, and forgets the copy with the entry', async () => {
    const { id, file } = await store.reserveVolume();
    writeFileSync(file, 'gz bytes');
    await store.saveVolume(id, spec, 8);
    const listing = await store.list();
    expect(listing.entries).toEqual([]);
    expect(listing.volumes).toEqual([{ id, name: 'data', driver: 'local', labels: { team: 'blue' }, options: {}, bytes: 8, removedAt: now, expiresAt: now + listing.retentionMs }]);
    expect((await store.getVolume(id)).volume).toEqual(spec);
    await expect(store.get(id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await store.delete(id);
    expect(existsSync(file)).toBe(false);
  });

  it('purges an expired volume and its copy', async () => {
    const { id, file } = await store.reserveVolume();
    writeFileSync(file, 'x');
    await store.saveVolume(id, spec, 1);
    now += (await store.retentionMs()) + HOUR;
    expect((await store.list()).volumes).toEqual([]);
    expect(existsSync(file)).toBe(false);
  });

  it('keeps the volume limit beside the retention, and checks it', async () => {
    expect(await store.volumeLimitBytes()).toBe(DEFAULT_VOLUME_LIMIT_BYTES);
    await store.setVolumeLimit(5 * 1024 * 1024);
    await store.setRetention(2 * HOUR);
    const fresh = new RecycleBinStore({ dir });
    expect(await fresh.volumeLimitBytes()).toBe(5 * 1024 * 1024);
    expect(await fresh.retentionMs()).toBe(2 * HOUR);
    await expect(store.setVolumeLimit(-1)).rejects.toMatchObject({ code: 'VALIDATION', message: 'The volume size limit must be between 0 and 1 TiB' });
  });
});
