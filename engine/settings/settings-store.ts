import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { defaultSettings, settingsSchema, type Settings, type SettingsPatch } from '../../contract/domains/settings.js';
import { BerthError } from '../../contract/errors.js';

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
}

/**
 * Berth's settings, one JSON file validated with zod. Read once, synchronously, when built (the engine
 * choice is needed before the back end starts). A file that does not parse or validate is never
 * dropped: it is renamed to `settings.broken-<time>.json` and the problem is kept for the Settings page.
 * Writes go to a temp file then rename, one at a time (a second update waits for the first), so a
 * crash leaves the old or the new file, never half of one.
 */
export class SettingsStore {
  readonly file: string;
  private value: Settings;
  private problemValue?: SettingsProblem;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(s: Settings) => void>();
  private readonly now: () => number;
  private readonly log: (line: string) => void;

  constructor(options: SettingsStoreOptions) {
    this.file = options.file;
    this.now = options.now ?? Date.now;
    this.log = options.log ?? (() => undefined);
    this.value = this.load(options.legacy);
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
      const next = merge(this.value, patch);
      const parsed = settingsSchema.safeParse(next);
      if (!parsed.success) throw new BerthError('VALIDATION', `Settings not saved: ${describeIssues(parsed.error.issues)}`);
      await this.writeAtomic(parsed.data);
      this.value = parsed.data;
      this.emit();
      return parsed.data;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private load(legacy: SettingsStoreOptions['legacy']): Settings {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.log(`settings: cannot read ${this.file}: ${(err as Error).message}; using the defaults`);
      const old = legacy?.();
      return old ? settingsSchema.catch(defaultSettings).parse(merge(defaultSettings, old)) : defaultSettings;
    }
    let reason: string;
    try {
      const parsed = settingsSchema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
      reason = describeIssues(parsed.error.issues);
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
    return defaultSettings;
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
      await writeFile(tmp, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
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
  } as Settings;
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

/** 2026-12-03T17-21-42-123Z: sortable and valid in a file name on every platform. */
function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[:.]/g, '-');
}
