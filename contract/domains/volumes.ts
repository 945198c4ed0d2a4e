import { z } from 'zod';
import { download, method, stream, upload } from '../define.js';
import type { Change } from '../model.js';
import type { DirListing, DownloadHead, UploadDone } from '../models/container-files.js';
import type { VolumeImportDone, VolumeJobEvent, VolumePrunePlan, VolumePruneResult, VolumeRemovePlan, VolumeRemoveResult, VolumeSizes, VolumeSummary } from '../models/volumes.js';
import { containerPathSchema, FILES_LIMITS, fileNameSchema } from './container-files.js';
import { objectNameProblem } from './object-name.js';

/** The options the engine's `local` driver accepts (anything else it refuses). */
export const LOCAL_DRIVER_OPTIONS = ['type', 'device', 'o'] as const;

/**
 * What is wrong with a (non-empty) volume name, as the engine checks it (`[a-zA-Z0-9][a-zA-Z0-9_.-]+`),
 * said after the field's name: the characters it refuses, by name, first.
 */
export const volumeNameProblem = objectNameProblem;

const nameProblem = (n: string, ctx: z.RefinementCtx) => {
  const message = n === '' ? undefined : volumeNameProblem(n);
  if (message) ctx.addIssue({ code: 'custom', message });
};

/** A volume name as the engine accepts it: `[a-zA-Z0-9][a-zA-Z0-9_.-]+`. */
export const volumeNameSchema = z
  .string({ error: 'expected a volume name' })
  .trim()
  .min(1, { error: 'a volume name is required', abort: true })
  .max(255, { error: 'is too long (at most 255 characters)', abort: true })
  .superRefine(nameProblem);

/** A map of names to values; each bad name is reported at its own path (zod's record keys say only "Invalid key"). */
const stringMap = (what: string) =>
  z.record(z.string(), z.string({ error: `expected a ${what} value` }).max(4096, { error: `${what} value is too long` })).superRefine((m, ctx) => {
    for (const k of Object.keys(m)) {
      const message = !k ? `a ${what} needs a name` : k.length > 255 ? `${what} name is too long (at most 255 characters)` : /[=\s]/.test(k) ? `${what} names must not contain "=" or spaces` : undefined;
      if (message) ctx.addIssue({ code: 'custom', path: [k], message });
    }
  });

export const createVolumeSchema = z
  .object({
    /** Empty: the engine picks a random name. */
    name: z
      .string({ error: 'expected a volume name' })
      .trim()
      .max(255, { error: 'is too long (at most 255 characters)', abort: true })
      .superRefine(nameProblem)
      .default(''),
    driver: z
      .string({ error: 'expected a driver name' })
      .trim()
      .min(1, { error: 'a driver is required (local is the engine’s own)', abort: true })
      .max(255, { error: 'is too long' })
      .regex(/^[a-zA-Z0-9][a-zA-Z0-9_./:-]*$/, { error: 'is not a valid driver name' })
      .default('local'),
    options: stringMap('driver option').default({}),
    labels: stringMap('label').default({}),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.driver !== 'local') return;
    const bad = Object.keys(v.options).filter((k) => !(LOCAL_DRIVER_OPTIONS as readonly string[]).includes(k));
    if (bad.length) ctx.addIssue({ code: 'custom', path: ['options'], message: `the local driver accepts only ${LOCAL_DRIVER_OPTIONS.join(', ')} (not ${bad.join(', ')})` });
    if (v.options.device && !v.options.type) ctx.addIssue({ code: 'custom', path: ['options'], message: 'a device needs a type too (e.g. type=none with o=bind, or type=nfs)' });
  });

const sizeSchema = z
  .number({ error: 'expected a size in bytes' })
  .int({ error: 'must be a whole number of bytes' })
  .min(0, { error: 'must be 0 or more' })
  .max(FILES_LIMITS.maxUploadBytes, { error: `is larger than the ${FILES_LIMITS.maxUploadBytes / 1024 ** 3} GiB upload limit` });
/**
 * Why an archive of `size` bytes cannot be imported, or undefined: an empty file unpacks to nothing,
 * so the engine "imported" it into an empty volume without a word (a wrong file chosen, or a download
 * that wrote nothing).
 */
export function archiveSizeProblem(size: number): string | undefined {
  return size === 0 ? 'The file is empty (0 bytes): it holds no archive to import. Choose the archive itself' : undefined;
}

const nameOnly = z.object({ name: volumeNameSchema }).strict();
const inVolume = z.object({ name: volumeNameSchema, path: containerPathSchema }).strict();
const keep = z.boolean({ error: 'expected true (keep a copy in Recently removed) or false' });

/**
 * Volumes: a live list, sizes on demand, create/remove/prune, a file browser (through a short-lived,
 * never-started helper container: nothing is pulled) and export/import/clone/empty. Paths are inside
 * the volume ("/" is its root).
 */
export const volumesApi = {
  list: method<VolumeSummary[]>()(z.object({}).strict()),
  /** A snapshot, then one delta per change, driven by engine events (no polling). */
  watch: stream<Change<VolumeSummary>>()(z.object({}).strict()),
  /** The sizes known now, then every new measurement (after `measure`, and after events that can change them, throttled). */
  sizes: stream<VolumeSizes>()(z.object({}).strict()),
  /** Measure every size now (GET /system/df); joins a measurement already running. */
  measure: method<VolumeSizes>()(z.object({}).strict()),
  create: method<VolumeSummary>()(createVolumeSchema),
  /** Who blocks a removal, the size measured now, and whether a copy fits in the recycle bin. */
  removePlan: method<VolumeRemovePlan>()(nameOnly),
  /** Remove; with keep, its content is exported to the recycle bin first (refused with CONFLICT, reason too-large, when over the limit). */
  remove: method<VolumeRemoveResult>()(z.object({ name: volumeNameSchema, keep }).strict()),
  /** The unused volumes a prune would remove (anonymous only unless all), with sizes. */
  prunePlan: method<VolumePrunePlan>()(z.object({ all: z.boolean({ error: 'expected true or false' }).default(false) }).strict()),
  /** Remove these unused volumes (those still unused); with keep, each that fits is kept in the recycle bin first. */
  prune: method<VolumePruneResult>()(
    z.object({ names: z.array(volumeNameSchema).max(10_000, { error: 'at most 10,000 volumes at once' }), keep }).strict(),
  ),

  listDir: method<DirListing>()(inVolume),
  mkdir: method<{ path: string }>()(z.object({ name: volumeNameSchema, path: containerPathSchema, folder: fileNameSchema }).strict()),
  /** Delete a file or a folder (with everything in it). */
  deletePath: method<null>()(inVolume),
  /** A file (its bytes) or a folder (a tar) of the volume: a head, then the bytes. */
  download: download<DownloadHead>()(inVolume),
  /** The whole volume as a .tar.gz (entries `./…`, as `tar czf - -C /v .` makes): a head, then the bytes. */
  export: download<DownloadHead>()(nameOnly),
  /** A file of `size` bytes named `fileName` into folder `path` of the volume. */
  upload: upload<UploadDone>()(z.object({ name: volumeNameSchema, path: containerPathSchema, fileName: fileNameSchema, size: sizeSchema }).strict()),
  /**
   * A tar (or .tar.gz) of `size` bytes unpacked into volume `name`: a new one (create), or an existing
   * empty one. Streamed through to the engine; a volume made for it is removed again if it fails.
   */
  import: upload<VolumeImportDone>()(z.object({ name: volumeNameSchema, create: z.boolean({ error: 'expected true or false' }), size: sizeSchema }).strict()),
  /** Copy every file of `source` into a new volume `target` (same driver and labels), with progress. Dispose to cancel. */
  clone: stream<VolumeJobEvent>()(z.object({ source: volumeNameSchema, target: volumeNameSchema }).strict()),
  /** Delete everything inside the volume (the volume itself stays). */
  empty: stream<VolumeJobEvent>()(nameOnly),
};
