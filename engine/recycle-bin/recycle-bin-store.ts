import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_RETENTION_MS, MAX_RETENTION_MS, MIN_RETENTION_MS } from '../../contract/domains/recycle-bin.js';
import { BerthError } from '../../contract/errors.js';
import type { RecycleBinEntry, RecycleBinListing } from '../../contract/models/recycle-bin.js';
import type { CreateSpec } from './create-config.js';

/** One entry as kept on disk: `<dir>/<id>.json`. */
export interface RecycleRecord {
  version: 1;
  id: string;
  removedAt: number;
  spec: CreateSpec;
}

export interface RecycleBinStoreOptions {
  /** `<dataDir>/recycle-bin` */
  dir: string;
  /** Most entries kept; the oldest are dropped first (default 200). */
  maxEntries?: number;
  now?: () => number;
}

interface Settings {
  retentionMs: number;
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

  constructor(options: RecycleBinStoreOptions) {
    this.dir = options.dir;
    this.maxEntries = options.maxEntries ?? 200;
    this.now = options.now ?? Date.now;
  }

  get limit(): number {
    return this.maxEntries;
  }

  onChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  async retentionMs(): Promise<number> {
    if (this.settings) return this.settings.retentionMs;
    let retentionMs = DEFAULT_RETENTION_MS;
    try {
      const raw = JSON.parse(await readFile(join(this.dir, SETTINGS_FILE), 'utf8')) as Partial<Settings>;
      const r = raw.retentionMs;
      if (typeof r === 'number' && Number.isInteger(r) && r >= MIN_RETENTION_MS && r <= MAX_RETENTION_MS) retentionMs = r;
    } catch {
      // No settings yet (or unreadable): the default applies.
    }
    this.settings = { retentionMs };
    return retentionMs;
  }

  async setRetention(retentionMs: number): Promise<void> {
    if (!Number.isInteger(retentionMs) || retentionMs < MIN_RETENTION_MS || retentionMs > MAX_RETENTION_MS) {
      throw new BerthError('VALIDATION', 'The retention window must be between 1 hour and 30 days');
    }
    await this.writeAtomic(SETTINGS_FILE, { retentionMs });
    this.settings = { retentionMs };
    await this.purge();
    this.emit();
  }

  /** Keeps a container's create-config. Returns the new entry's id. Drops the oldest beyond the limit. */
  async save(spec: CreateSpec): Promise<RecycleRecord> {
    const removedAt = this.now();
    const id = `${removedAt.toString(36)}-${randomBytes(4).toString('hex')}`;
    const record: RecycleRecord = { version: 1, id, removedAt, spec };
    await this.writeAtomic(`${id}.json`, record);
    const all = await this.readAll();
    for (const old of all.slice(this.maxEntries)) await this.remove(old.id);
    this.emit();
    return record;
  }

  async get(id: string): Promise<RecycleRecord> {
    const record = await this.readOne(`${id}.json`);
    if (!record) throw new BerthError('NOT_FOUND', 'That entry is no longer in Recently removed (it was restored, deleted or expired)');
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
    const retentionMs = await this.retentionMs();
    const entries = (await this.readAll()).map((r) => toEntry(r, retentionMs));
    return { entries, retentionMs, maxEntries: this.maxEntries };
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
  private async readAll(): Promise<RecycleRecord[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return [];
    }
    const records: RecycleRecord[] = [];
    for (const n of names) {
      if (!ENTRY_FILE.test(n)) continue;
      const r = await this.readOne(n);
      if (r) records.push(r);
    }
    return records.sort((a, b) => b.removedAt - a.removedAt || b.id.localeCompare(a.id));
  }

  private async readOne(file: string): Promise<RecycleRecord | undefined> {
    const m = ENTRY_FILE.exec(file);
    if (!m) return undefined;
    try {
      const r = JSON.parse(await readFile(join(this.dir, file), 'utf8')) as RecycleRecord;
      if (r?.version !== 1 || r.id !== m[1] || typeof r.removedAt !== 'number' || typeof r.spec?.name !== 'string') return undefined;
      return r;
    } catch {
      return undefined;
    }
  }

  private async remove(id: string): Promise<boolean> {
    try {
      await rm(join(this.dir, `${id}.json`));
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
