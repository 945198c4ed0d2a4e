import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSpecFromInspect } from '../recycle-bin/create-config.js';
import { RecycleBinStore } from '../recycle-bin/recycle-bin-store.js';
import { SettingsStore } from './settings-store.js';

const spec = (name: string) => createSpecFromInspect({ Id: 'f'.repeat(64), Name: `/${name}`, Image: 'sha256:abc', State: { Running: false }, Config: { Image: 'busybox' }, HostConfig: {} });

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'berth-bin-limit-'));
  const settings = new SettingsStore({ file: join(dir, 'settings.json') });
  let now = 1_700_000_000_000;
  const bin = new RecycleBinStore({
    dir: join(dir, 'recycle-bin'),
    now: () => (now += 1000),
    settings: { get: () => settings.get().recycleBin, set: async (v) => void (await settings.update({ recycleBin: v })), onChange: (l) => settings.onChange(l) },
  });
  return { dir, settings, bin };
}

describe('the recycle bin’s entry limit is a setting', () => {
  it('defaults to 200, and the listing says the limit in effect', async () => {
    const { settings, bin } = setup();
    expect(settings.get().recycleBin.maxEntries).toBe(200);
    expect((await bin.list()).maxEntries).toBe(200);
  });

  it('applies a change at once: a lower limit drops the oldest entries beyond it, and watchers hear of it', async () => {
    const { settings, bin } = setup();
    for (let i = 1; i <= 12; i++) await bin.save(spec(`web-${i}`));
    let heard = 0;
    bin.onChange(() => heard++);
    await settings.update({ recycleBin: { maxEntries: 10 } });
    await expect.poll(async () => (await bin.list()).entries.length).toBe(10);
    const listing = await bin.list();
    expect(listing.maxEntries).toBe(10);
    expect(listing.entries.map((e) => e.name)).not.toContain('web-1');
    expect(listing.entries.map((e) => e.name)).not.toContain('web-2');
    await expect.poll(() => heard).toBeGreaterThan(0);
    // And the next removal keeps to it.
    await bin.save(spec('web-13'));
    expect((await bin.list()).entries.map((e) => e.name).slice(0, 1)).toEqual(['web-13']);
    expect((await bin.list()).entries).toHaveLength(10);
  });

  it('refuses a value out of bounds, or not a whole number, naming the setting and the bound', async () => {
    const { settings } = setup();
    await expect(settings.update({ recycleBin: { maxEntries: 5 } })).rejects.toThrow('Settings not saved: recycleBin.maxEntries must be at least 10 entries');
    await expect(settings.update({ recycleBin: { maxEntries: 5000 } })).rejects.toThrow('Settings not saved: recycleBin.maxEntries must be at most 1,000 entries');
    await expect(settings.update({ recycleBin: { maxEntries: 12.5 } })).rejects.toThrow('Settings not saved: recycleBin.maxEntries must be a whole number of entries');
    expect(settings.get().recycleBin.maxEntries).toBe(200);
  });

  it('a settings file from before the setting existed takes the default; a bad value in the file is named', () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-bin-limit-file-'));
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ version: 1, recycleBin: { retentionMs: 3_600_000 } }));
    expect(new SettingsStore({ file: join(dir, 'settings.json') }).get().recycleBin).toMatchObject({ retentionMs: 3_600_000, maxEntries: 200 });
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ version: 1, recycleBin: { maxEntries: 3 } }));
    const broken = new SettingsStore({ file: join(dir, 'settings.json') });
    expect(broken.problem?.message).toContain('recycleBin.maxEntries: 3 — must be at least 10 entries');
  });
});
