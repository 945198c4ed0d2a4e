import type { Readable } from 'node:stream';
import { BerthError } from '../../contract/errors.js';
import type { ImageLayers, LayerSummary } from '../../contract/models/image-build.js';
import { imagePath } from '../adapter/calls.js';
import type { EngineAdapter } from '../adapter/engine-adapter.js';
import { toBerthError } from '../errors.js';
import { BoundedCache } from './bounded-cache.js';
import { resolveExportPath, scanExport, type RawEntry } from './export-scan.js';
import { decideLayers } from './history-layers.js';
import { importedStep, instructionOf } from './instruction.js';
import { analyzeLayers, type LayerAnalysis } from './layer-analysis.js';

interface Analyzed {
  analysis: LayerAnalysis;
  digests: (string | undefined)[];
  history: { instruction: string; created?: string }[];
  notes: string[];
}

/** The fields of GET /images/{id}/json the explorer reads. */
interface RawImageInspect {
  Id: string;
  RepoTags?: string[] | null;
  RootFS?: { Layers?: string[] };
}

interface InspectLite {
  id: string;
  diffIds: string[];
  /** Its tags, or its short id when it has none. */
  names: string[];
}

export interface LayersExplorerOptions {
  /** Images whose analysis is kept (default 8). */
  maxCached?: number;
  maxEntriesPerLayer?: number;
}

/**
 * The layers explorer's back end: streams the image export once per image id (cached, bounded),
 * and names the other local images that share each layer (same chain of diff ids up to it).
 */
export class LayersExplorer {
  private readonly analyses: BoundedCache<string, Promise<Analyzed>>;
  private readonly inspects = new BoundedCache<string, InspectLite>(2000);
  private readonly maxEntriesPerLayer: number;

  constructor(options: LayersExplorerOptions = {}) {
    this.analyses = new BoundedCache(options.maxCached ?? 8);
    this.maxEntriesPerLayer = options.maxEntriesPerLayer ?? 5000;
  }

  async layers(engine: EngineAdapter, id: string, signal: AbortSignal, endpoint?: string): Promise<ImageLayers> {
    const image = await this.inspect(engine, id, endpoint);
    let job = this.analyses.get(image.id);
    if (!job) {
      job = this.analyze(engine, image, signal, endpoint);
      this.analyses.set(image.id, job);
      job.catch(() => this.analyses.delete(image.id));
    }
    const done = await job;
    const shared = await this.sharedWith(engine, image, endpoint);
    const layers: LayerSummary[] = done.analysis.layers.map((l, i) => {
      const h = done.history[i];
      const summary: LayerSummary = {
        index: i,
        diffId: image.diffIds[i] ?? '',
        instruction: h?.instruction ?? '(unknown instruction)',
        size: l.size,
        counts: l.counts,
        entries: l.entries,
        totalEntries: l.totalEntries,
        truncated: l.truncated,
        sharedWith: shared[i] ?? [],
      };
      if (done.digests[i]) summary.digest = done.digests[i];
      if (h?.created) summary.created = h.created;
      return summary;
    });
    return { imageId: image.id, layers, wasted: done.analysis.wasted, notes: done.notes };
  }

  private async inspect(engine: EngineAdapter, id: string, endpoint?: string): Promise<InspectLite> {
    const cached = this.inspects.get(id);
    if (cached) return cached;
    let info: RawImageInspect;
    try {
      info = await engine.json<RawImageInspect>({ path: `${imagePath(id)}/json` });
    } catch (err) {
      const e = toBerthError(err, endpoint);
      if (e.code === 'NOT_FOUND') throw new BerthError('NOT_FOUND', `No such image: ${id}`);
      throw e;
    }
    const tags = (info.RepoTags ?? []).filter((t) => t && t !== '<none>:<none>');
    const lite: InspectLite = { id: info.Id, diffIds: info.RootFS?.Layers ?? [], names: tags.length ? tags : [info.Id.replace(/^sha256:/, '').slice(0, 12)] };
    // Ids are immutable, but tags move: cache by id only.
    if (id === info.Id) this.inspects.set(id, lite);
    return lite;
  }

  private async analyze(engine: EngineAdapter, image: InspectLite, signal: AbortSignal, endpoint?: string): Promise<Analyzed> {
    const stream = await exportImage(engine, image.id, signal, endpoint);
    let scan;
    try {
      scan = await scanExport(stream);
    } catch (err) {
      if (signal.aborted) throw new BerthError('CANCELLED', 'Reading the layers was cancelled');
      throw toBerthError(err, endpoint);
    } finally {
      stream.destroy();
    }
    if (!scan.manifest) throw new BerthError('ENGINE_ERROR', 'The image export has no manifest.json; cannot tell the layer order');
    const notes: string[] = [];
    const raw: RawEntry[][] = [];
    const digests: (string | undefined)[] = [];
    for (const p of scan.manifest.layers) {
      const real = resolveExportPath(scan, p);
      const layer = scan.layers.get(real);
      if (!layer) notes.push(`Layer ${raw.length + 1} (${p}) was not found in the export.`);
      else if (layer.error) notes.push(`Layer ${raw.length + 1} could not be read: ${layer.error}`);
      raw.push(layer?.entries ?? []);
      const m = /^blobs\/(sha256|sha512)\/([0-9a-f]+)$/.exec(real);
      digests.push(m ? `${m[1]}:${m[2]}` : undefined);
    }
    if (scan.truncated) notes.push('The image has too many files to index them all; later layers are incomplete.');
    const analysis = analyzeLayers(raw, { maxEntriesPerLayer: this.maxEntriesPerLayer });
    const big = analysis.layers.filter((l) => l.truncated).length;
    if (big) notes.push(`${big} layer${big > 1 ? 's have' : ' has'} more than ${this.maxEntriesPerLayer} changes; only the first ${this.maxEntriesPerLayer} (by path) are listed, the counts cover all.`);
    const history = historyOf(scan.json.get(resolveExportPath(scan, scan.manifest.config))) ?? (await historyFromApi(engine, image));
    return { analysis, digests, history, notes };
  }

  private async sharedWith(engine: EngineAdapter, image: InspectLite, endpoint?: string): Promise<string[][]> {
    let list: { Id: string; RepoTags?: string[] | null }[];
    try {
      list = await engine.json<{ Id: string; RepoTags?: string[] | null }[]>({ path: '/images/json' });
    } catch (err) {
      throw toBerthError(err, endpoint);
    }
    // Layer chains are immutable per image id (cached); names come fresh from the list (tags move).
    const others: { diffIds: string[]; names: string[] }[] = [];
    const rest = list.filter((i) => i.Id !== image.id);
    for (let i = 0; i < rest.length; i += 4) {
      const batch = await Promise.all(rest.slice(i, i + 4).map((info) => this.inspect(engine, info.Id, endpoint).catch(() => undefined)));
      batch.forEach((b, j) => {
        if (!b) return;
        const tags = (rest[i + j]!.RepoTags ?? []).filter((t) => t && t !== '<none>:<none>');
        others.push({ diffIds: b.diffIds, names: tags.length ? tags : b.names });
      });
    }
    return image.diffIds.map((_, k) => {
      const names = others.filter((o) => o.diffIds.length > k && image.diffIds.slice(0, k + 1).every((d, j) => o.diffIds[j] === d)).flatMap((o) => o.names);
      return [...new Set(names)].sort(byLocalFirst);
    });
  }
}

/** Local names ("app:1") before registry ones ("127.0.0.1:5000/app:1"), then alphabetical. */
function byLocalFirst(a: string, b: string): number {
  const remote = (n: string) => {
    const first = n.split('/')[0]!;
    return n.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost') ? 1 : 0;
  };
  return remote(a) - remote(b) || (a < b ? -1 : a > b ? 1 : 0);
}

function historyOf(config: unknown): { instruction: string; created?: string }[] | undefined {
  const h = (config as { history?: unknown } | undefined)?.history;
  if (!Array.isArray(h)) return undefined;
  const out: { instruction: string; created?: string }[] = [];
  for (const item of h as { created_by?: unknown; created?: unknown; empty_layer?: unknown; comment?: unknown }[]) {
    if (item?.empty_layer === true) continue;
    const by = typeof item?.created_by === 'string' && item.created_by.trim() ? item.created_by : undefined;
    const comment = typeof item?.comment === 'string' && item.comment.trim() ? item.comment.trim() : undefined;
    const entry: { instruction: string; created?: string } = { instruction: by ? instructionOf(by) : (importedStep(by, comment) ?? comment ?? '(unknown instruction)') };
    if (typeof item?.created === 'string') entry.created = item.created;
    out.push(entry);
  }
  return out;
}

/**
 * Fallback when the export has no config history: the history API, one entry per layer (a layer of
 * 0 bytes, one that only deletes files, is one too: decideLayers).
 */
async function historyFromApi(engine: EngineAdapter, image: InspectLite): Promise<{ instruction: string; created?: string }[]> {
  try {
    const h = (await engine.json<{ Id?: string; CreatedBy?: string; Created?: number; Size?: number; Comment?: string }[]>({ path: `${imagePath(image.id)}/history` })).slice().reverse();
    const steps = h.map((e) => ({ size: e.Size ?? 0, createdBy: e.CreatedBy ?? '', id: e.Id && e.Id !== '<missing>' ? e.Id : undefined }));
    const layersOf = async (id: string) => (await engine.json<RawImageInspect>({ path: `${imagePath(id)}/json` })).RootFS?.Layers?.length;
    const made = await decideLayers(steps, image.diffIds.length, layersOf);
    return h
      .filter((_, i) => made[i])
      .map((e) => ({ instruction: importedStep(e.CreatedBy, e.Comment) ?? instructionOf(e.CreatedBy), ...(e.Created ? { created: new Date(e.Created * 1000).toISOString() } : {}) }));
  } catch {
    return [];
  }
}

/** GET /images/{id}/get as a stream, aborted with the signal. */
async function exportImage(engine: EngineAdapter, id: string, signal: AbortSignal, endpoint?: string): Promise<Readable> {
  try {
    return await engine.stream({ path: `${imagePath(id)}/get`, signal });
  } catch (err) {
    throw toBerthError(err, endpoint);
  }
}
