import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_MAX_ENTRIES, DEFAULT_RETENTION_MS, DEFAULT_VOLUME_LIMIT_BYTES, MAX_RETENTION_MS, MAX_VOLUME_LIMIT_BYTES, MIN_RETENTION_MS } from '../../contract/domains/recycle-bin.js';
import { BerthError } from '../../contract/errors.js';
import type { RecycleBinEntry, RecycleBinListing, RecycleBinVolumeEntry } from '../../contract/models/recycle-bin.js';
import type { CreateSpec } from './create-config.js';

/** One entry as kept on disk: `<dir>/<id>.json`. */
export interface RecycleRecord {
  version: 1;
  kind?: 'container';
  id: string;
  removedAt: number;
  spec: CreateSpec;
}

/** What recreates a removed volume (its content is `<dir>/<id>.tar.gz`). */
export interface VolumeSpec {
  name: string;
  driver: string;
  labels: Record<string, string>;
  options: Record<string, string>;
}

export interface VolumeRecord {
  version: 1;
  kind: 'volume';
  id: string;
  removedAt: number;
  volume: VolumeSpec;
  /** Size of the kept .tar.gz. */
  bytes: number;
}

type AnyRecord = RecycleRecord | VolumeRecord;

export interface RecycleBinStoreOptions {
  /** `<dataDir>/recycle-bin` */
  dir: string;
  /** Most entries kept when no `settings` source is given; the oldest are dropped first (default 200). */
  maxEntries?: number;
  now?: () => number;
  /** Where retention and the volume limit live (Berth's settings): the one source of truth when given. */
  settings?: RecycleBinSettingsSource;
}

/** The slice of engine/settings/settings-store.ts the bin reads and writes. */
export interface RecycleBinSettingsSource {
  get(): Settings;
  set(values: Partial<Settings>): Promise<void>;
  onChange(listener: () => void): { dispose(): void };
}

interface Settings {
  retentionMs: number;
  volumeLimitBytes: number;
  /** Most entries kept (containers and volumes together). */
  maxEntries: number;
}

const ENTRY_FILE = /^([a-z0-9-]{1,64})\.json$/;
const SETTINGS_FILE = 'settings.json';

/**
 * The recycle bin on disk: one JSON file per entry, written atomically (temp file + rename), a bounded
 * count, and a retention window kept in settings.json. Expired entries are purged by `purge()`, which
 * `list()` calls first. Listeners hear about every change this store makes.
 */
export class RecycleBinStore {
  private readonly dir: string;
  private readonly maxEntries: number;
  private readonly now: () => number;
  private readonly listeners = new Set<() => void>();
  private settings?: Settings;
  private purging?: Promise<number>;
  private readonly source?: RecycleBinSettingsSource;

  constructor(options: RecycleBinStoreOptions) {
    this.dir = options.dir;
    this.maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    this.now = options.now ?? Date.now;
    this.source = options.settings;
    // A change made on the Settings page: a shorter retention purges now, a lower entry limit drops
    // the oldest entries beyond it now, and watchers hear of it.
    this.source?.onChange(() => {
      const { retentionMs, volumeLimitBytes, maxEntries } = this.source!.get();
      const was = this.settings;
      if (retentionMs === was?.retentionMs && volumeLimitBytes === was.volumeLimitBytes && maxEntries === was.maxEntries) return;
      this.settings = { retentionMs, volumeLimitBytes, maxEntries };
      void this.purge()
        .then(() => this.trim())
        .catch(() => undefined)
        .finally(() => this.emit());
    });
  }

  onChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  async retentionMs(): Promise<number> {
    return (await this.readSettings()).retentionMs;
  }

  /** Removed volumes larger than this are not kept (0: none are). */
  async volumeLimitBytes(): Promise<number> {
    return (await this.readSettings()).volumeLimitBytes;
  }

  /** Most entries kept now (the setting, read live). */
  async maxEntriesNow(): Promise<number> {
    return (await this.readSettings()).maxEntries;
  }

  private async readSettings(): Promise<Settings> {
    if (this.source) {
      const { retentionMs, volumeLimitBytes, maxEntries } = this.source.get();
      return (this.settings = { retentionMs, volumeLimitBytes, maxEntries });
    }
    if (this.settings) return this.settings;
    const settings: Settings = { retentionMs: DEFAULT_RETENTION_MS, volumeLimitBytes: DEFAULT_VOLUME_LIMIT_BYTES, maxEntries: this.maxEntries };
    try {
      const raw = JSON.parse(await readFile(join(this.dir, SETTINGS_FILE), 'utf8')) as Partial<Settings>;
      const r = raw.retentionMs;
      if (typeof r === 'number' && Number.isInteger(r) && r >= MIN_RETENTION_MS && r <= MAX_RETENTION_MS) settings.retentionMs = r;
      const v = raw.volumeLimitBytes;
      if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_VOLUME_LIMIT_BYTES) settings.volumeLimitBytes = v;
    } catch {
      // No settings yet (or unreadable): the defaults apply.
    }
    this.settings = settings;
    return settings;
  }

  async setRetention(retentionMs: number): Promise<void> {
    if (!Number.isInteger(retentionMs) || retentionMs < MIN_RETENTION_MS || retentionMs > MAX_RETENTION_MS) {
      throw new BerthError('VALIDATION', 'The retention window must be between 1 hour and 30 days');
    }
    const settings = { ...(await this.readSettings()), retentionMs };
    await this.saveSettings(settings);
    await this.purge();
    this.emit();
  }

  async setVolumeLimit(volumeLimitBytes: number): Promise<void> {
    if (!Number.isInteger(volumeLimitBytes) || volumeLimitBytes < 0 || volumeLimitBytes > MAX_VOLUME_LIMIT_BYTES) {
      throw new BerthError('VALIDATION', 'The volume size limit must be between 0 and 1 TiB');
    }
    const settings = { ...(await this.readSettings()), volumeLimitBytes };
    await this.saveSettings(settings);
    this.emit();
  }

  private async saveSettings(settings: Settings): Promise<void> {
    this.settings = settings;
    if (this.source) await this.source.set(settings);
    else await this.writeAtomic(SETTINGS_FILE, settings);
  }

  /** Where a volume entry's content is (or goes): `<dir>/<id>.tar.gz`. */
  dataPath(id: string): string {
    return join(this.dir, `${id}.tar.gz`);
  }

  /** A new volume entry id and the file to write its content to; `saveVolume` commits it. */
  async reserveVolume(): Promise<{ id: string; file: string }> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const id = `${this.now().toString(36)}-${randomBytes(4).toString('hex')}`;
    return { id, file: this.dataPath(id) };
  }

  /** Keeps a removed volume whose content was written to `dataPath(id)` (after `reserveVolume`). */
  async saveVolume(id: string, volume: VolumeSpec, bytes: number): Promise<VolumeRecord> {
    const record: VolumeRecord = { version: 1, kind: 'volume', id, removedAt: this.now(), volume, bytes };
    await this.writeAtomic(`${id}.json`, record);
    await this.trim();
    this.emit();
    return record;
  }

  async getVolume(id: string): Promise<VolumeRecord> {
    const record = await this.readOne(`${id}.json`);
    if (record?.kind !== 'volume') throw new BerthError('NOT_FOUND', 'That volume is no longer in Recently removed (it was restored, deleted or expired)');
    if (record.removedAt + (await this.retentionMs()) <= this.now()) {
      await this.remove(id);
      this.emit();
      throw new BerthError('NOT_FOUND', `The copy of volume ${record.volume.name} has expired and was purged`);
    }
    return record;
  }

  /** Keeps a container's create-config. Returns the new entry's id. Drops the oldest beyond the limit. */
  async save(spec: CreateSpec): Promise<RecycleRecord> {
    const removedAt = this.now();
    const id = `${removedAt.toString(36)}-${randomBytes(4).toString('hex')}`;
    const record: RecycleRecord = { version: 1, id, removedAt, spec };
    await this.writeAtomic(`${id}.json`, record);
    await this.trim();
    this.emit();
    return record;
  }

  async get(id: string): Promise<RecycleRecord> {
    const record = await this.readOne(`${id}.json`);
    if (!record || record.kind === 'volume') throw new BerthError('NOT_FOUND', 'That entry is no longer in Recently removed (it was restored, deleted or expired)');
    if (record.removedAt + (await this.retentionMs()) <= this.now()) {
      await this.remove(id);
      this.emit();
      throw new BerthError('NOT_FOUND', `The configuration of ${record.spec.name} has expired and was purged`);
    }
    return record;
  }

  /** Forget an entry. `silent` skips listeners (used when a save is rolled back). */
  async delete(id: string, silent = false): Promise<void> {
    const existed = await this.remove(id);
    if (!existed) throw new BerthError('NOT_FOUND', 'That entry is no longer in Recently removed');
    if (!silent) this.emit();
  }

  /** Drops the oldest entries beyond the limit (after a save, or when the limit is lowered). */
  private async trim(): Promise<void> {
    const max = await this.maxEntriesNow();
    for (const old of (await this.readAll()).slice(max)) await this.remove(old.id);
  }

  /** Removes expired entries; returns how many went. Concurrent calls share one run. */
  purge(): Promise<number> {
    this.purging ??= this.purgeNow().finally(() => (this.purging = undefined));
    return this.purging;
  }

  private async purgeNow(): Promise<number> {
    const retention = await this.retentionMs();
    const now = this.now();
    let purged = 0;
    for (const r of await this.readAll()) {
      if (r.removedAt + retention <= now && (await this.remove(r.id))) purged++;
    }
    if (purged) this.emit();
    return purged;
  }

  /** When the next entry expires (ms since the epoch), for a timer; undefined when empty. */
  async nextExpiry(): Promise<number | undefined> {
    const all = await this.readAll();
    if (!all.length) return undefined;
    const retention = await this.retentionMs();
    return Math.min(...all.map((r) => r.removedAt + retention));
  }

  async list(): Promise<RecycleBinListing> {
    await this.purge();
    // A limit lowered while Berth was not running (settings.json edited by hand) applies here too.
    await this.trim();
    const { retentionMs, volumeLimitBytes, maxEntries } = await this.readSettings();
    const all = await this.readAll();
    const entries = all.flatMap((r) => (r.kind === 'volume' ? [] : [toEntry(r, retentionMs)]));
    const volumes = all.flatMap((r) => (r.kind === 'volume' ? [toVolumeEntry(r, retentionMs)] : []));
    return { entries, volumes, retentionMs, volumeLimitBytes, maxEntries };
  }

  private emit(): void {
    for (const l of [...this.listeners]) {
      try {
        l();
      } catch {
        // A listener's failure is its own.
      }
    }
  }

  /** Every readable record, newest first. Unreadable files are skipped (never crash the list). */
  private async readAll(): Promise<AnyRecord[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return [];
    }
    const records: AnyRecord[] = [];
    for (const n of names) {
      if (!ENTRY_FILE.test(n)) continue;
      const r = await this.readOne(n);
      if (r) records.push(r);
    }
    return records.sort((a, b) => b.removedAt - a.removedAt || b.id.localeCompare(a.id));
  }

  private async readOne(file: string): Promise<AnyRecord | undefined> {
    const m = ENTRY_FILE.exec(file);
    if (!m) return undefined;
    try {
      const r = JSON.parse(await readFile(join(this.dir, file), 'utf8')) as AnyRecord;
      if (r?.version !== 1 || r.id !== m[1] || typeof r.removedAt !== 'number') return undefined;
      if (r.kind === 'volume') return typeof r.volume?.name === 'string' ? r : undefined;
      if (typeof r.spec?.name !== 'string') return undefined;
      return r;
    } catch {
      return undefined;
    }
  }

  private async remove(id: string): Promise<boolean> {
    try {
      await rm(join(this.dir, `${id}.json`));
      await rm(this.dataPath(id), { force: true });
      return true;
    } catch {
      return false;
    }
  }

  private async writeAtomic(file: string, data: unknown): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const tmp = join(this.dir, `.${file}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      await writeFile(tmp, JSON.stringify(data), { mode: 0o600 });
      await rename(tmp, join(this.dir, file));
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }
}

function toEntry(r: RecycleRecord, retentionMs: number): RecycleBinEntry {
  const s = r.spec;
  return {
    id: r.id,
    containerId: s.containerId,
    name: s.name,
    image: s.image,
    removedAt: r.removedAt,
    expiresAt: r.removedAt + retentionMs,
    wasRunning: s.wasRunning,
    ports: s.summary.ports,
    mounts: s.summary.mounts,
    networks: s.summary.networks,
    restartPolicy: s.summary.restartPolicy,
    labels: s.summary.labels,
  };
}

function toVolumeEntry(r: VolumeRecord, retentionMs: number): RecycleBinVolumeEntry {
  const v = r.volume;
  return { id: r.id, name: v.name, driver: v.driver, labels: v.labels, options: v.options, bytes: r.bytes, removedAt: r.removedAt, expiresAt: r.removedAt + retentionMs };
}
