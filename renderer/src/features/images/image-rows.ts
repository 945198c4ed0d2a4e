import type { Change } from '../../../../contract/model.js';
import type { ImageSummary } from '../../../../contract/models/images.js';
import { byId, reduceLive, type LiveMap } from '../../lib/live-collection.js';

export type ImageMap = LiveMap<ImageSummary>;

/** Apply watch deltas to the image map (see lib/live-collection.ts); the same map when nothing changed. */
export function reduceImages(current: ImageMap, changes: readonly Change<ImageSummary>[]): ImageMap {
  return reduceLive(current, changes, byId);
}

/** One row per tag (like `docker images`); a dangling image is one row named by its short id. */
export interface ImageRow {
  key: string;
  image: ImageSummary;
  /** "repo:tag", or undefined for a dangling image. */
  tag?: string;
  repository: string;
  tagName: string;
  /** Accessible name: "repo:tag", or the short id when dangling. */
  name: string;
}

export type ImageFilter = 'all' | 'in-use' | 'unused' | 'dangling';
export type SortKey = 'repository' | 'tag' | 'created' | 'size' | 'unique' | 'containers';
export interface ImageSort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

function splitTag(tag: string): [string, string] {
  const i = tag.lastIndexOf(':');
  return i > tag.lastIndexOf('/') ? [tag.slice(0, i), tag.slice(i + 1)] : [tag, ''];
}

/** An image's tags in the order the list shows their rows by default (repository, then tag), not the engine's (by full name: docker.io/…). */
export function sortedTags(tags: readonly string[]): string[] {
  const split = tags.map((t) => ({ t, parts: splitTag(t) }));
  return split.sort((a, b) => a.parts[0].localeCompare(b.parts[0]) || a.parts[1].localeCompare(b.parts[1])).map((x) => x.t);
}

export function rowsOf(images: Iterable<ImageSummary>): ImageRow[] {
  const rows: ImageRow[] = [];
  for (const image of images) {
    if (image.repoTags.length === 0) {
      const digestRepo = image.repoDigests[0]?.split('@')[0];
      rows.push({ key: image.id, image, repository: digestRepo ?? '<none>', tagName: '<none>', name: image.shortId });
      continue;
    }
    for (const tag of image.repoTags) {
      const [repository, tagName] = splitTag(tag);
      rows.push({ key: `${image.id}|${tag}`, image, tag, repository, tagName, name: tag });
    }
  }
  return rows;
}

const compareBy: Record<SortKey, (a: ImageRow, b: ImageRow) => number> = {
  repository: (a, b) => a.repository.localeCompare(b.repository) || a.tagName.localeCompare(b.tagName),
  tag: (a, b) => a.tagName.localeCompare(b.tagName) || a.repository.localeCompare(b.repository),
  created: (a, b) => a.image.created - b.image.created,
  size: (a, b) => a.image.size - b.image.size,
  unique: (a, b) => (a.image.uniqueSize ?? a.image.size) - (b.image.uniqueSize ?? b.image.size),
  containers: (a, b) => a.image.containers.length - b.image.containers.length,
};

/** Filter (kind + free text over name, id, digests, container names, labels), then sort (stable, name as tie-break). */
export function selectImageRows(images: ImageMap, query: string, filter: ImageFilter, sort: ImageSort): ImageRow[] {
  const q = query.trim().toLowerCase();
  const rows = rowsOf(images.values()).filter((r) => {
    const i = r.image;
    if (filter === 'dangling' && !i.dangling) return false;
    if (filter === 'in-use' && i.containers.length === 0) return false;
    if (filter === 'unused' && i.containers.length > 0) return false;
    if (!q) return true;
    const hay = [r.name, r.repository, r.tagName, i.id, ...i.repoDigests, ...i.containers.map((c) => c.name), ...Object.entries(i.labels).map(([k, v]) => `${k}=${v}`)];
    return hay.some((h) => h.toLowerCase().includes(q));
  });
  const dir = sort.dir === 'asc' ? 1 : -1;
  const cmp = compareBy[sort.key];
  return rows.sort((a, b) => dir * cmp(a, b) || a.name.localeCompare(b.name));
}

export interface ImageTotals {
  images: number;
  /** Rows of the list: one per tag (an untagged image is one row). */
  rows: number;
  dangling: number;
  inUse: number;
}

function countOf(images: Iterable<ImageSummary>, rows: number): ImageTotals {
  let dangling = 0;
  let inUse = 0;
  let count = 0;
  for (const i of images) {
    count++;
    if (i.dangling) dangling++;
    if (i.containers.length) inUse++;
  }
  return { images: count, rows, dangling, inUse };
}

export function imageTotals(images: ImageMap): ImageTotals {
  let rows = 0;
  for (const i of images.values()) rows += Math.max(1, i.repoTags.length);
  return countOf(images.values(), rows);
}

/** The same counts over the rows a filter or search leaves on screen (an image counts once, however many of its tags show). */
export function shownTotals(rows: readonly ImageRow[]): ImageTotals {
  return countOf(new Map(rows.map((r) => [r.image.id, r.image])).values(), rows.length);
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/**
 * What follows the bold count on the images toolbar. With a filter or a search on, it says how many of
 * all the images are shown; when every image still shows and only some of their tag rows are hidden,
 * it counts the rows instead ("1 image, 1 of 2 rows shown"), never "1 of 1 image shown".
 */
export function countsText(shown: ImageTotals, totals: ImageTotals, narrowed: boolean): string {
  const perTag = shown.rows !== shown.images ? ` in ${shown.rows} rows (one per tag)` : '';
  if (!narrowed) return ` ${plural(totals.images, 'image', 'images')}${perTag}`;
  if (shown.images < totals.images) return ` of ${totals.images} ${plural(totals.images, 'image', 'images')} shown${perTag}`;
  return ` ${plural(totals.images, 'image', 'images')}, ${shown.rows} of ${totals.rows} rows shown (one per tag)`;
}
