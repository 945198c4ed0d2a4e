import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../contract/domains/settings.js';
import { BerthError } from '../../contract/errors.js';
import { ensureDataDisk } from '../../vm/vm-files.js';
import { SettingsStore, type SettingsStoreOptions } from './settings-store.js';

const fresh = () => join(mkdtempSync(join(tmpdir(), 'berth-settings-')), 'settings.json');
const home = '/home/ada';
/** A 4-CPU, 8 GiB computer. */
const host = () => ({ cpus: 4, memoryBytes: 8 * 1024 ** 3 });
const store = (o: Partial<SettingsStoreOptions> = {}) => new SettingsStore({ file: fresh(), home, host, ...o });
/** The defaults on this (fake) computer: the contract's, sharing the home folder. */
const defaults: Settings = { ...defaultSettings, vm: { ...defaultSettings.vm, shares: [{ hostPath: home }] } };

/** What an update was refused with: the message and the fields named in details.issues. */
async function refusal(p: Promise<unknown>): Promise<{ message: string; fields: string[] }> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BerthError);
  const e = err as BerthError;
  expect(e.code).toBe('VALIDATION');
  return { message: e.message, fields: (e.details as { issues: { field: string }[] }).issues.map((i) => i.field) };
}

describe('SettingsStore', () => {
  it('starts from the defaults, saves a change, and reads it back in a new store (round trip)', async () => {
    const file = fresh();
    const a = new SettingsStore({ file, home, host });
    expect(a.get()).toEqual(defaults);
    await a.update({ theme: 'dark', notifications: { engineStopped: false }, logBufferLines: 5000 });
    const b = new SettingsStore({ file, home, host });
    expect(b.get()).toEqual({ ...defaults, theme: 'dark', logBufferLines: 5000, notifications: { ...defaultSettings.notifications, engineStopped: false } });
    expect(b.problem).toBeUndefined();
    // Only the file itself is left: the temp file was renamed over it.
    expect(readdirSync(join(file, '..'))).toEqual(['settings.json']);
  });

  it('keeps a corrupt file aside with a message, and uses the defaults', () => {
    const file = fresh();
    writeFileSync(file, '{"version": 1, "theme": "dar');
    const s = new SettingsStore({ file, home, host, now: () => Date.UTC(2026, 0, 2, 3, 4, 5) });
    expect(s.get()).toEqual(defaults);
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

  it('takes the default for each setting a file leaves out, keeping the ones it has', () => {
    const file = fresh();
    writeFileSync(file, JSON.stringify({ theme: 'dark', notifications: { engineStopped: false }, vm: { cpus: 3 } }));
    const s = new SettingsStore({ file, home, host });
    expect(s.problem).toBeUndefined();
    expect(s.get()).toEqual({ ...defaults, theme: 'dark', notifications: { ...defaults.notifications, engineStopped: false }, vm: { ...defaults.vm, cpus: 3 } });
    expect(readdirSync(join(file, '..'))).toEqual(['settings.json']);
  });

  it('uses the settings it knows from a file that also has unknown ones, names those, and keeps them in the file at the next save', async () => {
    const file = fresh();
    writeFileSync(file, JSON.stringify({ theme: 'dark', them: 'light', futureFeature: { on: true } }));
    const lines: string[] = [];
    const s = new SettingsStore({ file, home, host, log: (l) => lines.push(l) });
    expect(s.get()).toEqual({ ...defaults, theme: 'dark' });
    expect(s.problem).toEqual({
      message: 'The settings file has settings this Berth does not know: "them", "futureFeature" (a typo, or from a newer Berth). They are ignored and left in the file; the other settings are used.',
      keptAs: file,
    });
    expect(lines).toEqual([`settings: ${s.problem!.message}`]);
    expect(readdirSync(join(file, '..'))).toEqual(['settings.json']);
    await s.update({ logBufferLines: 5000 });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ ...defaults, theme: 'dark', logBufferLines: 5000, them: 'light', futureFeature: { on: true } });
    expect(new SettingsStore({ file, home, host }).get()).toEqual({ ...defaults, theme: 'dark', logBufferLines: 5000 });
  });

  it('says which value of a refused file is wrong, as the file has it', () => {
    const file = fresh();
    writeFileSync(file, JSON.stringify({ version: 1, theme: 'purple', logBufferLines: -3, notifications: { sound: true } }));
    const s = new SettingsStore({ file, home, host });
    expect(s.get()).toEqual(defaults);
    expect(s.problem?.message).toBe(
      'The settings file could not be used: theme: "purple" — theme is one of system, light, dark; notifications: Unrecognized key: "sound"; logBufferLines: -3 — must be at least 1000. Berth started with the default settings.',
    );
  });

  it('reports a file it cannot read, naming it and the error, and never saves over it', async () => {
    const file = fresh();
    // A folder where the file should be: EISDIR, like a file it has no permission to read.
    mkdirSync(file);
    writeFileSync(join(file, 'inside'), 'the user’s data');
    const lines: string[] = [];
    const s = new SettingsStore({ file, home, host, log: (l) => lines.push(l), legacy: () => ({ theme: 'dark' }) });
    expect(s.get()).toEqual(defaults);
    expect(s.problem?.message).toContain(file);
    expect(s.problem?.message).toMatch(/could not be read \(EISDIR.*will not save over that file/);
    expect(s.problem?.keptAs).toBe(file);
    expect(lines.join('\n')).toContain(file);
    const err = await s.update({ theme: 'dark' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BerthError);
    expect((err as BerthError).message).toMatch(/^Settings not saved: .* could not be read \(EISDIR.*Fix its permissions/);
    expect(readFileSync(join(file, 'inside'), 'utf8')).toBe('the user’s data');
    expect(s.get().theme).toBe(defaults.theme);
    // Dismissing the notice does not make the file writable.
    s.dismissProblem();
    await expect(s.update({ theme: 'dark' })).rejects.toThrow(/could not be read/);
  });

  it.skipIf(process.getuid?.() === 0 || process.platform === 'win32')('keeps a settings file it has no permission to read (mode 0000)', async () => {
    const file = fresh();
    writeFileSync(file, JSON.stringify({ ...defaults, logBufferLines: 5000 }));
    chmodSync(file, 0o000);
    const s = new SettingsStore({ file, home, host });
    expect(s.problem?.message).toMatch(/EACCES/);
    await expect(s.update({ theme: 'dark' })).rejects.toThrow(/Settings not saved/);
    chmodSync(file, 0o600);
    expect(JSON.parse(readFileSync(file, 'utf8')).logBufferLines).toBe(5000);
  });

  it('refuses an invalid change with a clear message and keeps the old value', async () => {
    const s = store();
    await expect(s.update({ logBufferLines: 10 })).rejects.toThrow(/logBufferLines must be at least 1000/);
    expect(s.get().logBufferLines).toBe(defaultSettings.logBufferLines);
  });

  it('applies concurrent writes one after another: none is lost', async () => {
    const file = fresh();
    const s = new SettingsStore({ file, home, host });
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
    expect(new SettingsStore({ file, home, host }).get()).toEqual(s.get());
    expect(seen).toHaveLength(5);
  });

  it('carries over the recycle bin’s old retention when there is no settings file yet', () => {
    const s = store({ legacy: () => ({ recycleBin: { retentionMs: 2 * 3_600_000 } }) });
    expect(s.get().recycleBin.retentionMs).toBe(2 * 3_600_000);
    expect(s.get().vm.shares).toEqual([{ hostPath: home }]);
  });
});

describe('SettingsStore: the VM settings', () => {
  /** settings.json as the Berth before the VM settings wrote it (version 1, no `vm`). */
  const olderFile = { version: 1, engine: 'vm', theme: 'dark', notifications: defaultSettings.notifications, recycleBin: defaultSettings.recycleBin, logBufferLines: 5000, startAtLogin: false };

  it('loads a file written before the VM settings existed, with the VM defaults sharing the home folder', async () => {
    const file = fresh();
    writeFileSync(file, JSON.stringify(olderFile));
    const s = new SettingsStore({ file, home, host });
    expect(s.problem).toBeUndefined();
    expect(s.get()).toEqual({ ...olderFile, vm: { cpus: 2, memoryMiB: 2048, diskGiB: 64, shares: [{ hostPath: home }], portsAllInterfaces: false } });
    // The next save writes the whole group.
    await s.update({ theme: 'light' });
    expect(JSON.parse(readFileSync(file, 'utf8')).vm).toEqual(defaults.vm);
  });

  it('fills in a VM field the file lacks, and still keeps aside a VM group that is wrong', () => {
    const file = fresh();
    writeFileSync(file, JSON.stringify({ ...olderFile, vm: { cpus: 3, memoryMiB: 4096, diskGiB: 80, shares: [] } }));
    expect(new SettingsStore({ file, home, host }).get().vm).toEqual({ cpus: 3, memoryMiB: 4096, diskGiB: 80, shares: [], portsAllInterfaces: false });

    const bad = fresh();
    writeFileSync(bad, JSON.stringify({ ...olderFile, vm: { ...defaults.vm, memoryMiB: 100 } }));
    const s = new SettingsStore({ file: bad, home, host });
    expect(s.problem?.message).toMatch(/vm\.memoryMiB: 100 — must be at least 1024 MiB/);
    expect(s.get()).toEqual(defaults);
  });

  it('saves resources within what the computer has, and reads them back', async () => {
    const file = fresh();
    const s = new SettingsStore({ file, home, host });
    await s.update({ vm: { cpus: 4, memoryMiB: 6144, diskGiB: 100 } });
    expect(new SettingsStore({ file, home, host }).get().vm).toMatchObject({ cpus: 4, memoryMiB: 6144, diskGiB: 100, shares: [{ hostPath: home }] });
  });

  it('refuses more CPUs than the computer has, naming the field, and saves nothing', async () => {
    const file = fresh();
    const s = new SettingsStore({ file, home, host });
    const r = await refusal(s.update({ vm: { cpus: 5 } }));
    expect(r.message).toBe('Settings not saved: This computer has 4 CPUs; the VM cannot have 5.');
    expect(r.fields).toEqual(['vm.cpus']);
    expect(s.get().vm.cpus).toBe(2);
    expect(existsSync(file)).toBe(false);
  });

  it('refuses more memory than the computer has, and names each bad field of one change', async () => {
    const s = store();
    const r = await refusal(s.update({ vm: { cpus: 16, memoryMiB: 16 * 1024 } }));
    expect(r.fields).toEqual(['vm.cpus', 'vm.memoryMiB']);
    expect(r.message).toContain('This computer has 8 GiB of memory; the VM cannot have 16 GiB.');
    expect(s.get().vm).toEqual(defaults.vm);
  });

  it('refuses values under the minimums with the schema’s messages, field by field', async () => {
    const s = store();
    const r = await refusal(s.update({ vm: { cpus: 0, diskGiB: 4 } }));
    expect(r.fields).toEqual(['vm.cpus', 'vm.diskGiB']);
    expect(r.message).toBe('Settings not saved: vm.cpus must be at least 1; vm.diskGiB must be at least 8 GiB');
  });

  it('never shrinks the disk below the VM’s data disk, but lets it grow', async () => {
    let disk: number | undefined = 100 * 1024 ** 3;
    const s = store({ dataDiskBytes: () => disk });
    await s.update({ vm: { diskGiB: 100 } });
    const r = await refusal(s.update({ vm: { diskGiB: 80 } }));
    expect(r.fields).toEqual(['vm.diskGiB']);
    expect(r.message).toMatch(/The disk is 100 GiB and cannot shrink/);
    expect(s.get().vm.diskGiB).toBe(100);
    await s.update({ vm: { diskGiB: 120 } });
    expect(s.get().vm.diskGiB).toBe(120);
    // The disk file is still 100 GiB (the VM grows it at its next start): back to 110 is fine.
    await s.update({ vm: { diskGiB: 110 } });
    expect(s.get().vm.diskGiB).toBe(110);
    // A disk of 100.5 GiB counts as 101: 100 would shrink it.
    disk = 100.5 * 1024 ** 3;
    expect((await refusal(s.update({ vm: { diskGiB: 100 } }))).message).toMatch(/The disk is 101 GiB/);
  });

  it('lets a typo in the disk size be undone when there is no VM disk yet', async () => {
    const s = store({ dataDiskBytes: () => undefined });
    await s.update({ vm: { diskGiB: 65 } });
    await s.update({ vm: { diskGiB: 64 } });
    expect(s.get().vm.diskGiB).toBe(64);
    expect((await refusal(s.update({ vm: { diskGiB: 4 } }))).message).toMatch(/at least 8 GiB/);
  });

  it('finds the VM’s data disk beside the settings file by default (<dataDir>/vm/berth/data.img)', async () => {
    const file = fresh();
    const s = new SettingsStore({ file, home, host });
    await s.update({ vm: { diskGiB: 65 } });
    await s.update({ vm: { diskGiB: 64 } });
    const disk = join(file, '..', 'vm', 'berth', 'data.img');
    mkdirSync(join(disk, '..'), { recursive: true });
    ensureDataDisk(disk, 70);
    await s.update({ vm: { diskGiB: 72 } });
    expect((await refusal(s.update({ vm: { diskGiB: 64 } }))).message).toMatch(/The disk is 70 GiB and cannot shrink/);
  });

  it('judges only the resources a change alters: a value saved on a bigger computer does not block the others', async () => {
    const file = fresh();
    writeFileSync(file, JSON.stringify({ ...defaults, vm: { ...defaults.vm, cpus: 32 } }));
    const s = new SettingsStore({ file, home, host });
    await s.update({ vm: { memoryMiB: 4096, portsAllInterfaces: true } });
    expect(s.get().vm).toMatchObject({ cpus: 32, memoryMiB: 4096, portsAllInterfaces: true });
    await expect(s.update({ vm: { cpus: 33 } })).rejects.toThrow(/This computer has 4 CPUs; the VM cannot have 33/);
  });

  it('adds shares (normalized, read-only kept) and removes them', async () => {
    const file = fresh();
    // Folders of a made-up computer: taken as there.
    const s = new SettingsStore({ file, home, host, folderProblem: () => undefined });
    await s.update({ vm: { shares: [{ hostPath: home }, { hostPath: '/srv/data/' }, { hostPath: `${home}/secrets`, readOnly: true }, { hostPath: '/opt/x', readOnly: false }] } });
    const want = [{ hostPath: home }, { hostPath: '/srv/data' }, { hostPath: `${home}/secrets`, readOnly: true }, { hostPath: '/opt/x' }];
    expect(s.get().vm.shares).toEqual(want);
    expect(new SettingsStore({ file, home, host }).get().vm.shares).toEqual(want);
    await s.update({ vm: { shares: [{ hostPath: '/srv/data' }] } });
    expect(s.get().vm.shares).toEqual([{ hostPath: '/srv/data' }]);
    await s.update({ vm: { shares: [] } });
    expect(s.get().vm.shares).toEqual([]);
  });

  it.each([
    ['a relative path', 'projects/web', /"projects\/web" is not an absolute path/],
    ['an empty path', '', /"" is not an absolute path/],
    ['the whole disk', '/', /The whole disk \(\/\) cannot be shared/],
    ['a path with ..', '/srv/../etc', /contains "\.\."/],
    ['a comma', '/srv/a,b', /QEMU separates its options with commas/],
    ['a tab', '/srv/a\tb', /"\/srv\/a\\tb" cannot be shared: its path contains a tab or a line break/],
    ['a newline', '/srv/a\nb', /contains a tab or a line break/],
  ])('refuses a share with %s, naming it, and keeps the saved list', async (_what, hostPath, message) => {
    const s = store();
    const r = await refusal(s.update({ vm: { shares: [...defaults.vm.shares, { hostPath }] } }));
    expect(r.message).toMatch(message);
    expect(r.fields).toEqual(['vm.shares.1.hostPath']);
    expect(s.get().vm.shares).toEqual(defaults.vm.shares);
  });

  it('refuses to add a folder that does not exist, or a file, naming it; a saved folder gone since blocks nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-shares-'));
    const there = join(dir, 'there');
    mkdirSync(there);
    writeFileSync(join(dir, 'notes.txt'), 'x');
    const s = store();
    const typo = await refusal(s.update({ vm: { shares: [...defaults.vm.shares, { hostPath: join(dir, 'thre') }] } }));
    expect(typo.message).toBe(`Settings not saved: ${join(dir, 'thre')} does not exist on this computer: create the folder first, or check the path.`);
    expect(typo.fields).toEqual(['vm.shares.1.hostPath']);
    const file = await refusal(s.update({ vm: { shares: [...defaults.vm.shares, { hostPath: join(dir, 'notes.txt') }] } }));
    expect(file.message).toMatch(`${join(dir, 'notes.txt')} is a file, not a folder: share the folder that holds it.`);
    expect(s.get().vm.shares).toEqual(defaults.vm.shares);

    // The home folder of this made-up computer (/home/ada) is not on this disk: saved already, it is left be.
    await s.update({ vm: { shares: [...defaults.vm.shares, { hostPath: `${there}/` }] } });
    expect(s.get().vm.shares).toEqual([...defaults.vm.shares, { hostPath: there }]);
  });

  it('refuses a folder already shared, directly or through its parent', async () => {
    const s = store();
    await expect(s.update({ vm: { shares: [{ hostPath: home }, { hostPath: `${home}/` }] } })).rejects.toThrow(`Settings not saved: ${home} is already shared.`);
    await expect(s.update({ vm: { shares: [{ hostPath: home }, { hostPath: `${home}/code` }] } })).rejects.toThrow(`${home}/code is already shared through ${home}.`);
    expect(s.get().vm.shares).toEqual(defaults.vm.shares);
  });

  it('refuses more than 32 shares', async () => {
    const s = store();
    const shares = Array.from({ length: 33 }, (_, i) => ({ hostPath: `/srv/s${i}` }));
    await expect(s.update({ vm: { shares } })).rejects.toThrow(/vm\.shares at most 32 folders can be shared/);
  });

  it('tells listeners about a VM change (what the VM follows for its ports)', async () => {
    const s = store();
    const seen: boolean[] = [];
    s.onChange((v) => seen.push(v.vm.portsAllInterfaces));
    await s.update({ vm: { portsAllInterfaces: true } });
    await s.update({ vm: { portsAllInterfaces: false } });
    expect(seen).toEqual([true, false]);
  });

  it('reports the computer’s limits for the Settings page', () => {
    expect(store().vmHost()).toEqual({ cpus: 4, memoryMiB: 8192, home });
  });
});
