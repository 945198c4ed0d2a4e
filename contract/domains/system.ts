import { z } from 'zod';
import { method } from '../define.js';
import { diskUsageKinds, type CleanupPreview, type CleanupResult, type DiskUsage } from '../models/disk-usage.js';

const kindsSchema = z
  .array(z.enum(diskUsageKinds, { error: `Each kind is one of ${diskUsageKinds.join(', ')}` }))
  .min(1, 'Choose at least one kind to clean up')
  .max(diskUsageKinds.length)
  .transform((kinds) => diskUsageKinds.filter((k) => kinds.includes(k)));

/** Only objects carrying this label ("key" or "key=value"), as `docker system prune --filter label=…`. */
const labelSchema = z
  .string()
  .trim()
  .max(512, 'A label filter is at most 512 characters')
  .regex(/^[^=\s][^=]*(=.*)?$/, 'A label filter is "key" or "key=value"')
  .optional()
  .or(z.literal('').transform(() => undefined));

const cleanupArgs = z
  .object({ kinds: kindsSchema, label: labelSchema })
  .strict()
  .refine((a) => !(a.label && a.kinds.includes('buildCache')), { path: ['kinds'], message: 'Build cache records carry no labels: leave build cache out when filtering by label' });

export const systemApi = {
  /** Images, containers, volumes and build cache, each with total and reclaimable bytes (GET /system/df). */
  diskUsage: method<DiskUsage>()(z.object({}).strict()),
  /** What a clean-up of these kinds would remove and free, computed first, before asking. */
  cleanupPreview: method<CleanupPreview>()(cleanupArgs),
  /** Prune these kinds (stopped containers first, so the images they held go too); returns what was really freed. */
  cleanup: method<CleanupResult>()(cleanupArgs),
};
