import { z } from 'zod';
import { method, stream } from '../define.js';
import type { RecycleBinListing, RecycleBinRestoreResult } from '../models/recycle-bin.js';

export const HOUR_MS = 3_600_000;
export const MIN_RETENTION_MS = HOUR_MS;
export const MAX_RETENTION_MS = 30 * 24 * HOUR_MS;
export const DEFAULT_RETENTION_MS = 7 * 24 * HOUR_MS;

const entryId = z
  .string({ error: 'expected a recycle-bin entry id' })
  .regex(/^[a-z0-9-]{1,64}$/, { error: 'is not a valid recycle-bin entry id' });

export const retentionSchema = z
  .number({ error: 'expected a duration in milliseconds' })
  .int({ error: 'must be a whole number of milliseconds' })
  .min(MIN_RETENTION_MS, { error: 'must be at least 1 hour' })
  .max(MAX_RETENTION_MS, { error: 'must be at most 30 days' });

/** Recently removed containers, recreated in one click. */
export const recycleBinApi = {
  /** Entries (newest first); expired ones are purged first. */
  list: method<RecycleBinListing>()(z.object({}).strict()),
  /** The listing now, then again on every change (remove through Berth, restore, delete, purge, retention). */
  watch: stream<RecycleBinListing>()(z.object({}).strict()),
  /** Recreate the container with the same name and configuration; starts it when it was running (unless start is false). */
  restore: method<RecycleBinRestoreResult>()(z.object({ id: entryId, start: z.boolean({ error: 'expected true or false' }).optional() }).strict()),
  /** Forget an entry for good. */
  delete: method<void>()(z.object({ id: entryId }).strict()),
  setRetention: method<RecycleBinListing>()(z.object({ retentionMs: retentionSchema }).strict()),
};
