import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RecycleBinStore } from '../recycle-bin/recycle-bin-store.js';
import { SettingsStore } from './settings-store.js';

const HOUR = 3_600_000;

describe('recycle-bin retention lives in the settings (one source of truth)', () => {
  it('a change from either side is seen by the other, and watchers of the bin hear a Settings-page change', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-shared-'));
    const settings = new SettingsStore({ file: join(dir, 'settings.json') });
    const bin = new RecycleBinStore({
      dir: join(dir, 'recycle-bin'),
      settings: { get: () => settings.get().recycleBin, set: async (v) => void (await settings.update({ recycleBin: v })), onChange: (l) => settings.onChange(l) },
    });
    await bin.setRetention(2 * HOUR);
    expect(settings.get().recycleBin.retentionMs).toBe(2 * HOUR);
    expect(new SettingsStore({ file: join(dir, 'settings.json') }).get().recycleBin.retentionMs).toBe(2 * HOUR);

    let heard = 0;
    bin.onChange(() => heard++);
    await settings.update({ recycleBin: { retentionMs: 5 * HOUR, volumeLimitBytes: 0 } });
    expect((await bin.list()).retentionMs).toBe(5 * HOUR);
    expect(await bin.volumeLimitBytes()).toBe(0);
    await expect.poll(() => heard).toBeGreaterThan(0);
  });
});
