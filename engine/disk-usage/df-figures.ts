import type { CleanupItem, CleanupPreview, CleanupPreviewKind, DiskUsage, DiskUsageFigures, DiskUsageKind } from '../../contract/models/disk-usage.js';
import { holdsEndpoint } from '../../contract/domains/network-connect-check.js';
import { containerName } from '../mapping/container-summary.js';
import { isBerthHelper } from '../volumes/helper-label.js';

/** GET /system/df: the fields Berth reads. */
export interface RawDf {
  LayersSize?: number;
  Images?: { Id: string; RepoTags?: string[] | null; Size?: number; SharedSize?: number; Containers?: number; Labels?: Record<string, string> | null }[] | null;
  Containers?: { Id: string; Names?: string[]; ImageID?: string; State?: string; SizeRw?: number; Labels?: Record<string, string> | null; Mounts?: { Type?: string; Name?: string }[] | null }[] | null;
  Volumes?: { Name: string; Labels?: Record<string, string> | null; UsageData?: { Size?: number; RefCount?: number } | null }[] | null;
  BuildCache?: { ID: string; Description?: string; Type?: string; Size?: number; InUse?: boolean; Shared?: boolean }[] | null;
}

const n = (v: number | undefined) => (typeof v === 'number' && v > 0 ? v : 0);
const isHelper = isBerthHelper;
const sum = (items: readonly { size: number }[]) => items.reduce((t, i) => t + i.size, 0);

/**
 * Images, containers, volumes and build cache, each figured as `docker system df` figures it, except
 * where the CLI claims reclaimable bytes that images in use hold (see `used`).
 */
export function diskUsageFigures(df: RawDf, measuredAt: number): DiskUsage {
  const images = df.Images ?? [];
  const containers = df.Containers ?? [];
  const volumes = df.Volumes ?? [];
  const cache = df.BuildCache ?? [];
  const layers = n(df.LayersSize);
  const usedImages = images.filter((i) => n(i.Containers) > 0);
  // Bytes the images in use hold, at least: `docker system df` counts only their unique bytes (Size −
  // SharedSize), so two images in use that share a base showed the base as reclaimable, "100 %" with
  // every image in use (docker/cli#1751), while a prune freed nothing. The largest image in use holds
  // all of its own bytes too; the larger of the two is still a lower bound, and matches the CLI when
  // the images in use share nothing with each other.
  const used = Math.max(
    usedImages.reduce((t, i) => t + n(i.Size) - n(i.SharedSize), 0),
    usedImages.reduce((m, i) => Math.max(m, n(i.Size)), 0),
  );
  const sizeOfVolume = (v: (typeof volumes)[number]) => n(v.UsageData?.Size);
  const ownCache = cache.filter((c) => !c.Shared);
  const kinds: DiskUsageFigures[] = [
    {
      kind: 'images',
      count: images.length,
      active: usedImages.length,
      size: layers,
      reclaimable: Math.max(0, layers - used),
    },
    {
      kind: 'containers',
      count: containers.length,
      active: containers.filter((c) => holdsEndpoint(c.State ?? '')).length,
      size: containers.reduce((t, c) => t + n(c.SizeRw), 0),
      reclaimable: containers.filter((c) => !holdsEndpoint(c.State ?? '')).reduce((t, c) => t + n(c.SizeRw), 0),
    },
    {
      kind: 'volumes',
      count: volumes.length,
      active: volumes.filter((v) => n(v.UsageData?.RefCount) > 0).length,
      size: volumes.reduce((t, v) => t + sizeOfVolume(v), 0),
      reclaimable: volumes.filter((v) => n(v.UsageData?.RefCount) < 1).reduce((t, v) => t + sizeOfVolume(v), 0),
    },
    {
      kind: 'buildCache',
      count: cache.length,
      active: cache.filter((c) => c.InUse).length,
      size: ownCache.reduce((t, c) => t + n(c.Size), 0),
      reclaimable: ownCache.filter((c) => !c.InUse).reduce((t, c) => t + n(c.Size), 0),
    },
  ];
  return { measuredAt, kinds };
}

/**
 * What a clean-up of these kinds removes, in the order it runs: stopped containers first, so an image
 * or volume only they used goes too. Berth's helper containers and images are left alone. An image's
 * size is the bytes no other image shares (so the total is a lower bound: layers shared only among
 * removed images are freed as well).
 */
export function cleanupPreview(df: RawDf, kinds: readonly DiskUsageKind[], label?: string): CleanupPreview {
  const want = new Set(kinds);
  const labelled = labelFilter(label);
  const containers = (df.Containers ?? []).filter((c) => !isHelper(c.Labels));
  const helperUsed = new Set((df.Containers ?? []).filter((c) => isHelper(c.Labels)).flatMap((c) => [c.ImageID ?? '', ...(c.Mounts ?? []).map((m) => m.Name ?? '')]));
  const goingContainers = want.has('containers') ? containers.filter((c) => !holdsEndpoint(c.State ?? '') && labelled(c.Labels)) : [];
  const going = new Set(goingContainers.map((c) => c.Id));
  const staying = containers.filter((c) => !going.has(c.Id));
  const out: CleanupPreviewKind[] = [];
  const push = (kind: DiskUsageKind, items: CleanupItem[]) => {
    items.sort((a, b) => b.size - a.size || a.name.localeCompare(b.name));
    out.push({ kind, items, reclaimable: sum(items) });
  };
  if (want.has('containers')) push('containers', goingContainers.map((c) => ({ id: c.Id, name: containerName(c.Names, c.Id), size: n(c.SizeRw) })));
  if (want.has('images')) {
    const kept = new Set(staying.map((c) => c.ImageID));
    const items = (df.Images ?? [])
      .filter((i) => !isHelper(i.Labels) && !helperUsed.has(i.Id) && !kept.has(i.Id) && labelled(i.Labels))
      // An image used by a container Berth cannot see here (e.g. a helper's) keeps its count: leave it.
      .filter((i) => n(i.Containers) <= (df.Containers ?? []).filter((c) => c.ImageID === i.Id && going.has(c.Id)).length)
      .map((i) => ({ id: i.Id, name: i.RepoTags?.filter((t) => t !== '<none>:<none>').join(', ') || i.Id.replace(/^sha256:/, '').slice(0, 12), size: n(i.Size) - n(i.SharedSize) }));
    push('images', items);
  }
  if (want.has('volumes')) {
    const mounted = new Set(staying.flatMap((c) => (c.Mounts ?? []).filter((m) => m.Type === 'volume').map((m) => m.Name ?? '')));
    const items = (df.Volumes ?? [])
      .filter((v) => !mounted.has(v.Name) && !helperUsed.has(v.Name) && labelled(v.Labels))
      .filter((v) => n(v.UsageData?.RefCount) <= goingContainers.filter((c) => (c.Mounts ?? []).some((m) => m.Name === v.Name)).length)
      .map((v) => ({ id: v.Name, name: v.Name, size: n(v.UsageData?.Size) }));
    push('volumes', items);
  }
  if (want.has('buildCache')) {
    push('buildCache', (df.BuildCache ?? []).filter((c) => !c.InUse && !c.Shared).map((c) => ({ id: c.ID, name: c.Description || `${c.Type ?? 'cache'} ${c.ID.slice(0, 12)}`, size: n(c.Size) })));
  }
  return { kinds: out, reclaimable: out.reduce((t, k) => t + k.reclaimable, 0), kept: false };
}

/** "key" or "key=value" as the engine's label filter reads it; no filter matches everything. */
export function labelFilter(label: string | undefined): (labels: Record<string, string> | null | undefined) => boolean {
  if (!label) return () => true;
  const eq = label.indexOf('=');
  const key = eq < 0 ? label : label.slice(0, eq);
  return (labels) => !!labels && Object.hasOwn(labels, key) && (eq < 0 || labels[key] === label.slice(eq + 1));
}
