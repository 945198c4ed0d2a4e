import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../contract/domains/settings.js';
import { SettingsStore } from './settings-store.js';

const fresh = () => join(mkdtempSync(join(tmpdir(), 'berth-settings-')), 'settings.json');

describe('SettingsStore', () => {
  it('starts from the defaults, saves a change, and reads it back in a new store (round trip)', async () => {
    const file = fresh();
    const a = new SettingsStore({ file });
    expect(a.get()).toEqual(defaultSettings);
    await a.update({ theme: 'dark', notifications: { engineStopped: false }, logBufferLines: 5000 });
    const b = new SettingsStore({ file });
    expect(b.get()).toEqual({ ...defaultSettings, theme: 'dark', logBufferLines: 5000, notifications: { ...defaultSettings.notifications, engineStopped: false } });
    expect(b.problem).toBeUndefined();
    // Only the file itself is left: the temp file was renamed over it.
    expect(readdirSync(join(file, '..'))).toEqual(['settings.json']);
  });

  it('keeps a corrupt file aside with a message, and uses the defaults', () => {
    const file = fresh();
    writeFileSync(file, '{"version": 1, "theme": "dar');
    const s = new SettingsStore({ file, now: () => Date.UTC(2026, 0, 2, 3, 4, 5) });
    expect(s.get()).toEqual(defaultSettings);
    expect(s.problem?.message).toMatch(/not valid JSON/);
    expect(s.problem?.keptAs).toBe(join(file, '..', 'settings.broken-2026-01-02T03-04-05-000Z.json'));
    expect(readFileSync(s.problem!.keptAs, 'utf8')).toBe('{"version": 1, "theme": "dar');
    s.dismissProblem();
    expect(s.problem).toBeUndefined();
  });

  it('keeps aside a file that parses but does not validate, naming the field', () => {
    const file = fresh();
    writeFileSync(file, JSON.stringify({ ...defaultSettings, theme: 'purple' }));
    const s = new SettingsStore({ file });
    expect(s.problem?.message).toMatch(/theme is one of system, light, dark/);
    expect(readdirSync(join(file, '..')).some((n) => n.startsWith('settings.broken-'))).toBe(true);
  });

  it('refuses an invalid change with a clear message and keeps the old value', async () => {
    const s = new SettingsStore({ file: fresh() });
    await expect(s.update({ logBufferLines: 10 })).rejects.toThrow(/logBufferLines must be at least 1000/);
    expect(s.get().logBufferLines).toBe(defaultSettings.logBufferLines);
  });

  it('applies concurrent writes one after another: none is lost', async () => {
    const file = fresh();
    const s = new SettingsStore({ file });
    const seen: string[] = [];
    s.onChange((v) => seen.push(v.theme));
    await Promise.all([
      s.update({ theme: 'dark' }),
      s.update({ notifications: { transferFailed: false } }),
      s.update({ logBufferLines: 2000 }),
      s.update({ recycleBin: { retentionMs: 3_600_000 } }),
      s.update({ startAtLogin: true }),
    ]);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved).toMatchObject({ theme: 'dark', logBufferLines: 2000, startAtLogin: true, recycleBin: { retentionMs: 3_600_000 }, notifications: { transferFailed: false } });
    expect(new SettingsStore({ file }).get()).toEqual(s.get());
    expect(seen).toHaveLength(5);
  });

  it('carries over the recycle bin’s old retention when there is no settings file yet', () => {
    const s = new SettingsStore({ file: fresh(), legacy: () => ({ recycleBin: { retentionMs: 2 * 3_600_000 } }) });
    expect(s.get().recycleBin.retentionMs).toBe(2 * 3_600_000);
  });
});
