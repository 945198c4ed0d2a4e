import { rm } from 'node:fs/promises';
import { BerthError } from '../../contract/errors.js';
import type { VolumePrunePlan, VolumePruneResult, VolumeRemovePlan, VolumeRemoveResult, VolumeSize } from '../../contract/models/volumes.js';
import type { RecycleBinStore } from '../recycle-bin/recycle-bin-store.js';
import { requireVolume, type VolumeCtx } from './volume-files.js';
import { deleteVolume, exportToFile, tooLarge } from './volume-jobs.js';
import { VolumeReader, type RawVolume } from './volume-reader.js';

/** Who blocks removing `name`, its size, and whether a copy fits in the recycle bin. */
export async function removePlan(c: VolumeCtx, bin: RecycleBinStore, name: string, bytes: number | null, signal?: AbortSignal): Promise<VolumeRemovePlan> {
  await requireVolume(c, name, signal);
  const users = await new VolumeReader(c.engine, c.endpoint).users(signal);
  const limitBytes = await bin.volumeLimitBytes();
  return { name, usedBy: users.get(name) ?? [], bytes, limitBytes, fits: limitBytes > 0 && bytes !== null && bytes <= limitBytes };
}

function inUse(name: string, users: string[]): BerthError {
  return new BerthError('CONFLICT', `Volume ${name} is in use by ${users.join(', ')}: remove ${users.length > 1 ? 'those containers' : 'that container'} first`, {
    reason: 'in-use',
    name,
    containers: users,
  });
}

/**
 * Remove a volume. With `keep`, its content is first exported to the recycle bin (refused when over
 * the limit: the caller asks the user, then removes without a copy); the volume is removed only once
 * the copy is safely written, and the copy is dropped again when the removal fails.
 */
export async function removeVolume(c: VolumeCtx, bin: RecycleBinStore, name: string, keep: boolean, signal?: AbortSignal): Promise<VolumeRemoveResult> {
  const raw = await requireVolume<RawVolume>(c, name, signal);
  const users = (await new VolumeReader(c.engine, c.endpoint).users(signal)).get(name) ?? [];
  if (users.length) throw inUse(name, users.map((u) => u.name));
  if (!keep) {
    await deleteVolume(c, name, signal);
    return { name };
  }
  const limit = await bin.volumeLimitBytes();
  if (limit <= 0) throw tooLarge(name, 0);
  const { id, file } = await bin.reserveVolume();
  try {
    const bytes = await exportToFile(c, name, file, limit, signal);
    await deleteVolume(c, name, signal);
    await bin.saveVolume(id, { name, driver: raw.Driver ?? 'local', labels: { ...(raw.Labels ?? {}) }, options: { ...(raw.Options ?? {}) } }, bytes);
    return { name, keptAs: id };
  } catch (err) {
    await rm(file, { force: true });
    throw err;
  }
}

/** Unused volumes (anonymous ones only unless `all`), with sizes and whether each copy fits. */
export async function prunePlan(c: VolumeCtx, bin: RecycleBinStore, sizes: Record<string, VolumeSize>, all: boolean, signal?: AbortSignal): Promise<VolumePrunePlan> {
  const limitBytes = await bin.volumeLimitBytes();
  const volumes = (await new VolumeReader(c.engine, c.endpoint).list(signal))
    .filter((v) => v.usedBy.length === 0 && (all || v.anonymous))
    .map((v) => {
      const bytes = sizes[v.name]?.bytes ?? null;
      return { name: v.name, bytes, anonymous: v.anonymous, fits: limitBytes > 0 && bytes !== null && bytes <= limitBytes };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  return { volumes, totalBytes: volumes.reduce((s, v) => s + (v.bytes ?? 0), 0), limitBytes };
}

/**
 * Remove these volumes one by one, each only if still unused; with `keep`, those that fit are kept
 * in the recycle bin first (the others go without a copy, as the plan said).
 */
export async function pruneVolumes(c: VolumeCtx, bin: RecycleBinStore, names: readonly string[], keep: boolean, sizes: Record<string, VolumeSize>, signal?: AbortSignal): Promise<VolumePruneResult> {
  const limit = await bin.volumeLimitBytes();
  const result: VolumePruneResult = { removed: [], kept: [], failed: [], spaceFreed: 0 };
  for (const name of names) {
    if (signal?.aborted) break;
    const bytes = sizes[name]?.bytes ?? null;
    const fits = keep && limit > 0 && bytes !== null && bytes <= limit;
    try {
      const r = await removeVolume(c, bin, name, fits, signal);
      result.removed.push(name);
      if (r.keptAs) result.kept.push(name);
      result.spaceFreed += bytes ?? 0;
    } catch (err) {
      result.failed.push({ name, message: err instanceof Error ? err.message : String(err) });
    }
  }
  return result;
}
