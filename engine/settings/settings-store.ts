import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { defaultSettings, settingsSchema, type Settings, type SettingsPatch, type SettingsView } from '../../contract/domains/settings.js';
import { BerthError } from '../../contract/errors.js';
import { hostFacts, type HostFacts } from '../../vm/resources.js';
import { BERTH_VM_NAME, vmPaths } from '../../vm/vm-files.js';
import { checkVmSettings, defaultVmSettings, hostFolderProblem, type VmSettingIssue } from './vm-settings.js';

export interface SettingsProblem {
  message: string;
  keptAs: string;
}

export interface SettingsStoreOptions {
  /** `<dataDir>/settings.json` */
  file: string;
  /** Values from before this file existed (the recycle bin's own settings.json), read only when it is missing. */
  legacy?: () => SettingsPatch | undefined;
  now?: () => number;
  log?: (line: string) => void;
  /** The user's home folder, shared with the VM by default (os.homedir()). */
  home?: string;
  /** CPUs and memory of this computer, the VM settings' limits (vm/resources hostFacts()). */
  host?: () => HostFacts;
  /**
   * The size in bytes of the VM's data disk, undefined when there is none yet: the disk size never
   * shrinks below it. By default the size of `<dataDir>/vm/berth/data.img` (vm/vm-files vmPaths and
   * BERTH_VM_NAME), the dataDir being the settings file's folder.
   */
  dataDiskBytes?: () => number | undefined;
  /**
   * Why a folder about to be added to the VM's shares cannot be shared now (it does not exist, or is a
   * file), in a sentence; undefined when it can. By default a look at this computer's disk.
   */
  folderProblem?: (path: string) => string | undefined;
}

/**
 * Berth's settings, one JSON file validated with zod. Read once, synchronously, when built (the engine
 * choice is needed before the back end starts). A file that does not parse or validate is never
 * dropped: it is renamed to `settings.broken-<time>.json` and the problem is kept for the Settings page.
 * A file that exists but cannot be read (permissions, a folder) is left where it is, reported the same
 * way, and never overwritten: changes are refused until Berth restarts with a readable file.
 * Writes go to a temp file then rename, one at a time (a second update waits for the first), so a
 * crash leaves the old or the new file, never half of one. A setting missing from the file (one written
 * before it existed, like `vm`, or by hand with only the lines someone cares about) takes its default;
 * a change to `vm` is also checked against this computer (CPUs,
 * memory), the VM's existing data disk (it never shrinks) and the rules of shared folders.
 */
export class SettingsStore {
  readonly file: string;
  private value: Settings;
  private problemValue?: SettingsProblem;
  /** Set when the file exists but could not be read: saves are refused, so it is never overwritten. */
  private readOnlyReason?: string;
  private queue: Promise<unknown> = Promise.resolve();
  /** Top-level settings the file has that this Berth does not know: written back as they were. */
  private extra: Record<string, unknown> = {};
  private readonly listeners = new Set<(s: Settings) => void>();
  private readonly now: () => number;
  private readonly log: (line: string) => void;
  private readonly home: string;
  private readonly host: () => HostFacts;
  private readonly dataDiskBytes: () => number | undefined;
  private readonly folderProblem: (path: string) => string | undefined;
  /** The defaults on this computer (the contract's, plus the home share). */
  readonly defaults: Settings;

  constructor(options: SettingsStoreOptions) {
    this.file = options.file;
    this.now = options.now ?? Date.now;
    this.log = options.log ?? (() => undefined);
    this.home = options.home ?? homedir();
    this.host = options.host ?? hostFacts;
    this.dataDiskBytes = options.dataDiskBytes ?? (() => fileSize(vmPaths(dirname(this.file), BERTH_VM_NAME).dataDisk));
    this.folderProblem = options.folderProblem ?? hostFolderProblem;
    this.defaults = { ...defaultSettings, vm: defaultVmSettings(this.home) };
    this.value = this.load(options.legacy);
  }

  /** What the Settings page shows as the VM's limits. */
  vmHost(): SettingsView['vmHost'] {
    const h = this.host();
    return { cpus: h.cpus, memoryMiB: Math.floor(h.memoryBytes / 1024 ** 2), home: this.home };
  }

  get(): Settings {
    return this.value;
  }

  get problem(): SettingsProblem | undefined {
    return this.problemValue;
  }

  dismissProblem(): void {
    if (!this.problemValue) return;
    this.problemValue = undefined;
    this.emit();
  }

  onChange(listener: (s: Settings) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  /** Applies a change on top of the settings as they are when its turn comes; resolves with the result. */
  update(patch: SettingsPatch): Promise<Settings> {
    const run = this.queue.then(async () => {
      if (this.readOnlyReason) throw new BerthError('CONFLICT', `Settings not saved: ${this.readOnlyReason}`);
      const next = merge(this.value, patch);
      const parsed = settingsSchema.safeParse(next);
      if (!parsed.success) throw refused(parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message })), describeIssues(parsed.error.issues));
      let data = parsed.data;
      if (patch.vm) {
        const disk = this.dataDiskBytes();
        const vm = checkVmSettings(data.vm, this.value.vm, this.host(), disk === undefined ? undefined : Math.ceil(disk / 1024 ** 3), this.folderProblem);
        if (vm.issues.length) throw refused(vm.issues, vm.issues.map((i) => i.message).join(' '));
        data = { ...data, vm: vm.value };
      }
      await this.writeAtomic(data);
      this.value = data;
      this.emit();
      return data;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private load(legacy: SettingsStoreOptions['legacy']): Settings {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return this.unreadable(err as Error);
      const old = legacy?.();
      return old ? settingsSchema.catch(this.defaults).parse(merge(this.defaults, old)) : this.defaults;
    }
    let reason: string;
    try {
      const raw: unknown = JSON.parse(text);
      const { known, unknown } = splitUnknown(raw);
      const parsed = settingsSchema.safeParse(this.withDefaults(known));
      if (parsed.success) {
        if (unknown) this.keepUnknown(unknown);
        return parsed.data;
      }
      reason = describeFileIssues(parsed.error.issues, raw);
    } catch (err) {
      reason = `it is not valid JSON (${(err as Error).message})`;
    }
    const keptAs = join(dirname(this.file), `${basename(this.file, '.json')}.broken-${stamp(this.now())}.json`);
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      renameSync(this.file, keptAs);
      this.problemValue = { message: `The settings file could not be used: ${reason}. Berth started with the default settings.`, keptAs };
    } catch (err) {
      this.problemValue = { message: `The settings file could not be used (${reason}) nor moved aside (${(err as Error).message}). Berth uses the defaults and will overwrite it on the next change.`, keptAs: this.file };
    }
    this.log(`settings: ${this.problemValue.message} Kept as ${keptAs}.`);
    return this.defaults;
  }

  /**
   * Settings this Berth does not know (a typo, or one a newer Berth wrote) do not cost the user the
   * ones it does: those are used, the unknown ones are named in a notice, and kept in the file at every
   * save, so a newer Berth started again still finds its own.
   */
  private keepUnknown(unknown: Record<string, unknown>): void {
    this.extra = unknown;
    const names = Object.keys(unknown);
    const one = names.length === 1;
    const message = `The settings file has ${one ? 'a setting' : 'settings'} this Berth does not know: ${names.map((n) => `"${n}"`).join(', ')} (a typo, or from a newer Berth). ${one ? 'It is' : 'They are'} ignored and left in the file; the other settings are used.`;
    this.problemValue = { message, keptAs: this.file };
    this.log(`settings: ${message}`);
  }

  /**
   * A file that exists but cannot be read (no permission, a folder, an I/O error) holds settings Berth
   * cannot see, so it is neither moved (that may fail the same way, and the user may simply fix the
   * permission) nor overwritten: Berth runs with the defaults, reports the problem, and refuses every
   * save until it is restarted with a readable file.
   */
  private unreadable(err: Error): Settings {
    const message = `The settings file ${this.file} could not be read (${err.message}). Berth started with the default settings and will not save over that file, so nothing in it is lost. Fix its permissions (or move it away), then restart Berth.`;
    this.problemValue = { message, keptAs: this.file };
    this.readOnlyReason = `${this.file} could not be read (${err.message}), so Berth does not overwrite it. Fix its permissions (or move it away), then restart Berth.`;
    this.log(`settings: ${message}`);
    return this.defaults;
  }

  /**
   * The file's settings over the defaults: a missing setting, or a missing field of a group
   * (`notifications`, `recycleBin`, `vm`), takes its default. Only what the file says is judged, so
   * `{"theme": "dark"}` is a valid file and a wrong value is still refused.
   */
  private withDefaults(raw: unknown): unknown {
    if (!isObject(raw)) return raw;
    const out: Record<string, unknown> = { ...raw };
    for (const [key, value] of Object.entries(this.defaults)) {
      const own = raw[key];
      if (own === undefined) out[key] = value;
      else if (isObject(own) && isObject(value)) out[key] = { ...value, ...own };
    }
    return out;
  }

  private emit(): void {
    for (const l of [...this.listeners]) {
      try {
        l(this.value);
      } catch {
        // A listener's failure is its own.
      }
    }
  }

  private async writeAtomic(data: Settings): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = join(dirname(this.file), `.${basename(this.file)}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      await writeFile(tmp, `${JSON.stringify({ ...data, ...this.extra }, null, 2)}\n`, { mode: 0o600 });
      await rename(tmp, this.file);
    } catch (err) {
      await rm(tmp, { force: true });
      throw new BerthError('INTERNAL', `Could not save the settings to ${this.file}: ${(err as Error).message}`);
    }
  }
}

function merge(base: Settings, patch: SettingsPatch): Settings {
  return {
    ...base,
    ...withoutUndefined(patch),
    notifications: { ...base.notifications, ...withoutUndefined(patch.notifications ?? {}) },
    recycleBin: { ...base.recycleBin, ...withoutUndefined(patch.recycleBin ?? {}) },
    vm: { ...base.vm, ...withoutUndefined(patch.vm ?? {}) },
  } as Settings;
}

/** A file's size, or undefined when it does not exist (or cannot be looked at). */
function fileSize(path: string): number | undefined {
  try {
    return statSync(path).size;
  } catch {
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A refused change: the message names every problem, and `details.issues` each field (the Settings page shows them beside it). */
function refused(issues: VmSettingIssue[], text: string): BerthError {
  return new BerthError('VALIDATION', `Settings not saved: ${text}`, { issues });
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function describeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')} ${i.message}` : i.message))
    .join('; ');
}

/** A file's top-level settings split into those the schema knows and the others (undefined when none). */
function splitUnknown(raw: unknown): { known: unknown; unknown?: Record<string, unknown> } {
  if (!isObject(raw)) return { known: raw };
  const known: Record<string, unknown> = {};
  const unknown: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) (k in settingsSchema.shape ? known : unknown)[k] = v;
  return Object.keys(unknown).length ? { known, unknown } : { known };
}

/**
 * Why a settings file was refused, in words a person who edited it can act on: each setting by its
 * path with the value the file holds (`theme: "purple" — theme is one of system, light, dark`).
 */
function describeFileIssues(issues: readonly { code?: string; path: PropertyKey[]; message: string }[], raw: unknown): string {
  if (!isObject(raw)) return 'it holds no settings object';
  return issues
    .slice(0, 3)
    .map((i) => {
      if (!i.path.length) return i.message;
      if (i.code === 'unrecognized_keys') return `${i.path.map(String).join('.')}: ${i.message}`;
      const found = i.path.reduce<unknown>((v, k) => (isObject(v) || Array.isArray(v) ? (v as Record<PropertyKey, unknown>)[k] : undefined), raw);
      const shown = found === undefined ? 'missing' : JSON.stringify(found);
      return `${i.path.map(String).join('.')}: ${shown.length > 60 ? `${shown.slice(0, 57)}…` : shown} — ${i.message}`;
    })
    .join('; ');
}

/** 2026-12-03T17-21-42-123Z: sortable and valid in a file name on every platform. */
function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[:.]/g, '-');
}
