import { z } from 'zod';
import { method, stream } from '../define.js';
import type { RecycleBinListing, RecycleBinRestoreResult, RecycleBinVolumeRestoreResult } from '../models/recycle-bin.js';

export const HOUR_MS = 3_600_000;
export const MIN_RETENTION_MS = HOUR_MS;
export const MAX_RETENTION_MS = 30 * 24 * HOUR_MS;
export const DEFAULT_RETENTION_MS = 7 * 24 * HOUR_MS;
/** Removed volumes are kept (their content exported) up to this size each, unless the user sets another. */
export const DEFAULT_VOLUME_LIMIT_BYTES = 1024 ** 3;
export const MAX_VOLUME_LIMIT_BYTES = 1024 ** 4;
/**
 * Most entries kept (containers' configurations and volumes' copies together); the oldest go first.
 * At least 10 (fewer makes every removal a gamble), at most 1,000: every listing reads each entry's
 * file, so the bound keeps a change to the bin a few milliseconds.
 */
export const DEFAULT_MAX_ENTRIES = 200;
export const MIN_MAX_ENTRIES = 10;
export const MAX_MAX_ENTRIES = 1_000;

const entryId = z
  .string({ error: 'expected a recycle-bin entry id' })
  .regex(/^[a-z0-9-]{1,64}$/, { error: 'is not a valid recycle-bin entry id' });

export const retentionSchema = z
  .number({ error: 'expected a duration in milliseconds' })
  .int({ error: 'must be a whole number of milliseconds' })
  .min(MIN_RETENTION_MS, { error: 'must be at least 1 hour' })
  .max(MAX_RETENTION_MS, { error: 'must be at most 30 days' });

export const maxEntriesSchema = z
  .number({ error: 'expected a number of entries' })
  .int({ error: 'must be a whole number of entries' })
  .min(MIN_MAX_ENTRIES, { error: `must be at least ${MIN_MAX_ENTRIES} entries` })
  .max(MAX_MAX_ENTRIES, { error: `must be at most ${MAX_MAX_ENTRIES.toLocaleString('en-US')} entries` });

/** Recently removed containers, recreated in one click. */
export const recycleBinApi = {
  /** Entries (newest first); expired ones are purged first. */
  list: method<RecycleBinListing>()(z.object({}).strict()),
  /** The listing now, then again on every change (remove through Berth, restore, delete, purge, retention). */
  watch: stream<RecycleBinListing>()(z.object({}).strict()),
  /**
   * Recreate the container with the same name and configuration; starts it when it was running (unless start
   * is false). A network it was on that is gone fails it (NOT_FOUND, `details.missingNetworks`) unless
   * `createNetworks`: then each is made again as a bridge network with default settings.
   */
  restore: method<RecycleBinRestoreResult>()(
    z.object({ id: entryId, start: z.boolean({ error: 'expected true or false' }).optional(), createNetworks: z.boolean({ error: 'expected true or false' }).optional() }).strict(),
  ),
  /** Forget an entry for good. */
  delete: method<void>()(z.object({ id: entryId }).strict()),
  setRetention: method<RecycleBinListing>()(z.object({ retentionMs: retentionSchema }).strict()),
  /** Recreate a removed volume with its name (or `name`), driver, labels and content. */
  restoreVolume: method<RecycleBinVolumeRestoreResult>()(
    z
      .object({
        id: entryId,
        name: z
          .string({ error: 'expected a volume name' })
          .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/, { error: 'is not a valid volume name (letters, digits, "_", "." and "-", at least 2)' })
          .optional(),
      })
      .strict(),
  ),
  /** Volumes larger than this are not kept when removed (0: none are). */
  setVolumeLimit: method<RecycleBinListing>()(
    z
      .object({
        bytes: z
          .number({ error: 'expected a size in bytes' })
          .int({ error: 'must be a whole number of bytes' })
          .min(0, { error: 'must be 0 or more' })
          .max(MAX_VOLUME_LIMIT_BYTES, { error: 'must be at most 1 TiB' }),
      })
      .strict(),
  ),
};
