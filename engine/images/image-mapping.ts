import type { ImageContainerRef, ImageDetails, ImageHistoryEntry, ImageSummary } from '../../contract/models/images.js';
import { importedStep, instructionOf } from '../layers/instruction.js';

/** One entry of GET /images/json (or of GET /system/df's Images). */
export interface RawImage {
  Id?: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Created?: number;
  Size?: number;
  SharedSize?: number;
  Containers?: number;
  Labels?: Record<string, string> | null;
}

export interface RawImageInspect {
  Id?: string;
  Parent?: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Created?: string;
  Size?: number;
  Architecture?: string;
  Os?: string;
  Variant?: string;
  Author?: string;
  Config?: {
    Entrypoint?: string[] | string | null;
    Cmd?: string[] | string | null;
    WorkingDir?: string;
    User?: string;
    Env?: string[] | null;
    ExposedPorts?: Record<string, unknown> | null;
    Volumes?: Record<string, unknown> | null;
    Labels?: Record<string, string> | null;
  } | null;
  RootFS?: { Layers?: string[] | null } | null;
}

export interface RawHistory {
  Id?: string;
  Created?: number;
  CreatedBy?: string;
  Size?: number;
  Tags?: string[] | null;
  Comment?: string;
}

export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

const realTags = (tags: string[] | null | undefined) => (tags ?? []).filter((t) => t !== '<none>:<none>' && !t.endsWith(':<none>'));
const realDigests = (d: string[] | null | undefined) => (d ?? []).filter((x) => !x.startsWith('<none>@'));

/** GET /images/json entry → ImageSummary; `shared` from GET /system/df when known. */
export function mapImageSummary(raw: RawImage, containers: ImageContainerRef[] = [], shared?: number): ImageSummary {
  const id = raw.Id ?? '';
  const repoTags = realTags(raw.RepoTags);
  const size = typeof raw.Size === 'number' && raw.Size >= 0 ? raw.Size : 0;
  const s: ImageSummary = {
    id,
    shortId: shortId(id),
    repoTags,
    repoDigests: realDigests(raw.RepoDigests),
    dangling: repoTags.length === 0,
    created: (raw.Created ?? 0) * 1000,
    size,
    containers,
    labels: raw.Labels ?? {},
  };
  return withShared(s, shared);
}

/** Set sharedSize/uniqueSize (unique = size − shared, never negative). */
export function withShared(s: ImageSummary, shared: number | undefined): ImageSummary {
  if (shared === undefined || shared < 0) {
    const { sharedSize: _s, uniqueSize: _u, ...rest } = s;
    return rest;
  }
  return { ...s, sharedSize: shared, uniqueSize: Math.max(0, s.size - shared) };
}

const asList = (v: string[] | string | null | undefined): string[] => (Array.isArray(v) ? v : typeof v === 'string' && v ? [v] : []);

export function mapImageDetails(raw: RawImageInspect): ImageDetails {
  const id = raw.Id ?? '';
  const c = raw.Config ?? {};
  const created = raw.Created ? Date.parse(raw.Created) : NaN;
  const d: ImageDetails = {
    id,
    shortId: shortId(id),
    repoTags: realTags(raw.RepoTags),
    repoDigests: realDigests(raw.RepoDigests),
    created: Number.isFinite(created) ? created : 0,
    size: raw.Size ?? 0,
    architecture: raw.Architecture ?? '',
    os: raw.Os ?? '',
    entrypoint: asList(c.Entrypoint),
    cmd: asList(c.Cmd),
    env: c.Env ?? [],
    exposedPorts: Object.keys(c.ExposedPorts ?? {}).sort(comparePorts),
    volumes: Object.keys(c.Volumes ?? {}).sort(),
    labels: c.Labels ?? {},
    layerCount: raw.RootFS?.Layers?.length ?? 0,
    raw,
  };
  if (raw.Variant) d.variant = raw.Variant;
  if (raw.Author) d.author = raw.Author;
  if (c.WorkingDir) d.workingDir = c.WorkingDir;
  if (c.User) d.user = c.User;
  return d;
}

function comparePorts(a: string, b: string): number {
  return (parseInt(a, 10) || 0) - (parseInt(b, 10) || 0) || a.localeCompare(b);
}

/** One history entry; `madeLayer` says whether its step made a filesystem layer (engine/layers/history-layers.ts decides). */
export function mapHistory(raw: RawHistory, madeLayer: boolean): ImageHistoryEntry {
  const createdBy = raw.CreatedBy ?? '';
  // An entry with no command has no instruction, unless its comment says it was imported (then said in words, in place of the comment).
  const imported = importedStep(createdBy, raw.Comment);
  const instruction = imported ?? (createdBy.trim() ? instructionOf(createdBy) : '');
  const size = raw.Size ?? 0;
  const e: ImageHistoryEntry = {
    created: (raw.Created ?? 0) * 1000,
    instruction,
    createdBy,
    size,
    tags: realTags(raw.Tags),
    empty: !madeLayer,
  };
  if (raw.Id && raw.Id !== '<missing>') e.id = raw.Id;
  if (raw.Comment && !imported) e.comment = raw.Comment;
  return e;
}
