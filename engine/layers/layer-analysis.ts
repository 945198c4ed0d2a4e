import type { LayerChange, LayerEntry, WastedEntry, WastedSpace } from '../../contract/models/image-build.js';
import type { RawEntry } from './export-scan.js';

export interface AnalyzedLayer {
  entries: LayerEntry[];
  totalEntries: number;
  truncated: boolean;
  size: number;
  counts: { added: number; changed: number; deleted: number };
}

export interface LayerAnalysis {
  layers: AnalyzedLayer[];
  wasted: WastedSpace;
}

export interface AnalysisOptions {
  /** Most entries returned per layer (default 5000); counts cover them all. */
  maxEntriesPerLayer?: number;
  /** Most wasted entries listed (default 200); the total covers them all. */
  maxWasted?: number;
}

interface Version {
  size: number;
  layer: number;
  type: RawEntry['type'];
}

/**
 * What each layer adds, changes and deletes, and the space wasted by files that later layers
 * overwrite or delete (the sizes of the earlier versions). Applies the layers bottom-up to an index
 * of the file system: a path already present is "changed"; a whiteout (`.wh.name`) deletes a path
 * and everything under it; an opaque whiteout (`.wh..wh..opq`) hides everything lower layers had
 * in its folder. Folders re-listed only because something inside them changed are not changes.
 */
export function analyzeLayers(raw: readonly (readonly RawEntry[])[], options: AnalysisOptions = {}): LayerAnalysis {
  const maxEntries = options.maxEntriesPerLayer ?? 5000;
  const maxWasted = options.maxWasted ?? 200;
  const fs = new Map<string, Version>();
  const wastedAll: WastedEntry[] = [];
  let wastedTotal = 0;
  const layers: AnalyzedLayer[] = [];

  const waste = (path: string, v: Version, removedIn: number, how: WastedEntry['how']) => {
    if (v.size <= 0) return;
    wastedTotal += v.size;
    wastedAll.push({ path, size: v.size, addedIn: v.layer, removedIn, how });
  };

  /** Remove `path` and everything under it; returns the bytes removed and the type it had. */
  const removeTree = (path: string, k: number): { size: number; type?: RawEntry['type']; existed: boolean } => {
    let size = 0;
    const own = fs.get(path);
    if (own) {
      waste(path, own, k, 'deleted');
      size += own.size;
      fs.delete(path);
    }
    let existed = !!own;
    if (!own || own.type === 'dir') {
      const prefix = path === '/' ? '/' : `${path}/`;
      for (const [p, v] of fs) {
        if (!p.startsWith(prefix)) continue;
        existed = true;
        waste(p, v, k, 'deleted');
        size += v.size;
        fs.delete(p);
      }
    }
    return { size, type: own?.type ?? (existed ? 'dir' : undefined), existed };
  };

  raw.forEach((entries, k) => {
    const out = new Map<string, LayerEntry>();
    // Whiteouts refer to lower layers: apply them before this layer's own files.
    for (const e of entries) {
      if (e.whiteout === 'file') {
        const r = removeTree(e.path, k);
        out.set(e.path, { path: e.path, type: r.type ?? 'other', change: 'deleted', size: r.size });
      } else if (e.whiteout === 'opaque') {
        const prefix = e.path === '/' ? '/' : `${e.path}/`;
        const children = new Set<string>();
        for (const p of fs.keys()) if (p.startsWith(prefix)) children.add(prefix + p.slice(prefix.length).split('/')[0]!);
        for (const child of children) {
          const r = removeTree(child, k);
          out.set(child, { path: child, type: r.type ?? 'other', change: 'deleted', size: r.size });
        }
      }
    }
    let size = 0;
    for (const e of entries) {
      if (e.whiteout) continue;
      const prev = fs.get(e.path);
      const deletedHere = out.get(e.path);
      if (e.type === 'dir') {
        fs.set(e.path, { size: 0, layer: prev?.layer ?? k, type: 'dir' });
        if (prev?.type === 'dir') continue;
        if (deletedHere) {
          out.set(e.path, { path: e.path, type: 'dir', change: 'changed', size: 0 });
          continue;
        }
        out.set(e.path, { path: e.path, type: 'dir', change: prev ? 'changed' : 'added', size: 0 });
        continue;
      }
      let change: LayerChange = 'added';
      if (prev) {
        change = 'changed';
        waste(e.path, prev, k, 'overwritten');
        if (prev.type === 'dir') removeTree(e.path, k);
      } else if (deletedHere) {
        change = 'changed';
      }
      fs.set(e.path, { size: e.size, layer: k, type: e.type });
      size += e.size;
      const entry: LayerEntry = { path: e.path, type: e.type, change, size: e.size };
      if (e.linkTarget !== undefined) entry.linkTarget = e.linkTarget;
      out.set(e.path, entry);
    }
    const all = [...out.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const counts = { added: 0, changed: 0, deleted: 0 };
    for (const e of all) counts[e.change]++;
    layers.push({ entries: all.slice(0, maxEntries), totalEntries: all.length, truncated: all.length > maxEntries, size, counts });
  });

  wastedAll.sort((a, b) => b.size - a.size || (a.path < b.path ? -1 : 1));
  return { layers, wasted: { totalBytes: wastedTotal, count: wastedAll.length, top: wastedAll.slice(0, maxWasted) } };
}
