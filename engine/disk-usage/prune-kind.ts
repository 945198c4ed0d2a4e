import type { CleanupKindResult, DiskUsageKind } from '../../contract/models/disk-usage.js';
import type { EngineAdapter } from '../adapter/engine-adapter.js';
import { toBerthError } from '../errors.js';
import { HELPER_LABEL } from '../volumes/helper-label.js';

interface PruneAnswer {
  ContainersDeleted?: string[] | null;
  ImagesDeleted?: { Deleted?: string; Untagged?: string }[] | null;
  VolumesDeleted?: string[] | null;
  CachesDeleted?: string[] | null;
  SpaceReclaimed?: number;
}

/** One engine prune, with the filters that match the preview (df-figures.ts: cleanupPreview). */
async function prune(engine: EngineAdapter, kind: DiskUsageKind, label: string | undefined, signal?: AbortSignal): Promise<PruneAnswer> {
  const notHelpers = { 'label!': [HELPER_LABEL], ...(label ? { label: [label] } : {}) };
  switch (kind) {
    case 'containers':
      return engine.json<PruneAnswer>({ method: 'POST', path: '/containers/prune', query: { filters: notHelpers }, signal });
    case 'images':
      return engine.json<PruneAnswer>({ method: 'POST', path: '/images/prune', query: { filters: { ...notHelpers, dangling: ['false'] } }, signal });
    case 'volumes':
      try {
        // API 1.42+ prunes only anonymous volumes unless all=true; 1.41 knows no such filter and prunes all unused.
        return await engine.json<PruneAnswer>({ method: 'POST', path: '/volumes/prune', query: { filters: { all: ['true'], ...(label ? { label: [label] } : {}) } }, signal });
      } catch (err) {
        if (!/invalid filter/i.test(toBerthError(err).message)) throw err;
        return engine.json<PruneAnswer>({ method: 'POST', path: '/volumes/prune', query: { filters: label ? { label: [label] } : undefined }, signal });
      }
    case 'buildCache':
      return engine.json<PruneAnswer>({ method: 'POST', path: '/build/prune', query: { all: true }, signal });
  }
}

/** Prune one kind; a failure is reported in the result so the other kinds still run. */
export async function pruneKind(engine: EngineAdapter, kind: DiskUsageKind, label?: string, signal?: AbortSignal): Promise<CleanupKindResult> {
  try {
    const r = await prune(engine, kind, label, signal);
    const removed =
      kind === 'containers'
        ? (r.ContainersDeleted ?? []).length
        : kind === 'images'
          ? (r.ImagesDeleted ?? []).filter((i) => i.Deleted).length
          : kind === 'volumes'
            ? (r.VolumesDeleted ?? []).length
            : (r.CachesDeleted ?? []).length;
    return { kind, removed, reclaimed: r.SpaceReclaimed ?? 0 };
  } catch (err) {
    const e = toBerthError(err);
    if (e.code === 'CANCELLED') throw e;
    return { kind, removed: 0, reclaimed: 0, error: e.message };
  }
}
