import type { DomainImplementation } from '../../contract/define.js';
import type { systemApi } from '../../contract/domains/system.js';
import { diskUsageKinds, type CleanupKindResult } from '../../contract/models/disk-usage.js';
import type { EngineAdapter } from '../adapter/engine-adapter.js';
import { cleanupPreview, diskUsageFigures, type RawDf } from '../disk-usage/df-figures.js';
import { pruneKind } from '../disk-usage/prune-kind.js';
import { toBerthError } from '../errors.js';
import type { ServiceDeps } from './service-deps.js';

async function readDf(engine: EngineAdapter, signal?: AbortSignal): Promise<RawDf> {
  try {
    return await engine.json<RawDf>({ path: '/system/df', signal });
  } catch (err) {
    throw toBerthError(err);
  }
}

/** Disk usage (GET /system/df) and the clean-up by kind: preview first, then what was really freed. */
export function createDiskUsageService(deps: Pick<ServiceDeps, 'connections'>): DomainImplementation<typeof systemApi> {
  const engine = () => deps.connections.require().engine;
  return {
    async diskUsage(_args, ctx) {
      return diskUsageFigures(await readDf(engine(), ctx.signal), Date.now());
    },

    async cleanupPreview({ kinds, label }, ctx) {
      return cleanupPreview(await readDf(engine(), ctx.signal), kinds, label);
    },

    async cleanup({ kinds, label }, ctx) {
      const e = engine();
      const results: CleanupKindResult[] = [];
      // Containers → images → volumes → build cache: what a removed container held goes after it.
      for (const kind of diskUsageKinds.filter((k) => kinds.includes(k))) results.push(await pruneKind(e, kind, label, ctx.signal));
      const after = diskUsageFigures(await readDf(e, ctx.signal), Date.now());
      return { kinds: results, reclaimed: results.reduce((t, r) => t + r.reclaimed, 0), after };
    },
  };
}
