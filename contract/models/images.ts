/** Wire shapes of the images domain (list, remove, prune, pull, push, tag, inspect, history). */

/** A container that uses an image (named in the list and in "cannot remove" messages). */
export interface ImageContainerRef {
  id: string;
  name: string;
  /** created, running, paused, restarting, removing, exited, dead */
  state: string;
}

export interface ImageSummary {
  /** Full id, "sha256:…". */
  id: string;
  /** First 12 hex digits of the id. */
  shortId: string;
  /** "repo:tag" names; empty for a dangling image. */
  repoTags: string[];
  /** "repo@sha256:…" digests. */
  repoDigests: string[];
  /** No tag at all (shown as <none>:<none>). */
  dangling: boolean;
  /** ms since the epoch. */
  created: number;
  /** Total size of the image's layers, bytes. */
  size: number;
  /** Bytes in layers other local images share; undefined until the engine's disk-usage data is known. */
  sharedSize?: number;
  /** size − sharedSize: what removing only this image frees. */
  uniqueSize?: number;
  /** Containers (any state) created from this image. */
  containers: ImageContainerRef[];
  labels: Record<string, string>;
}

export interface ImageDetails {
  id: string;
  shortId: string;
  repoTags: string[];
  repoDigests: string[];
  created: number;
  size: number;
  architecture: string;
  os: string;
  variant?: string;
  author?: string;
  entrypoint: string[];
  cmd: string[];
  workingDir?: string;
  user?: string;
  env: string[];
  /** e.g. "80/tcp" */
  exposedPorts: string[];
  /** Paths the image declares as volumes. */
  volumes: string[];
  labels: Record<string, string>;
  /** Number of filesystem layers (RootFS). */
  layerCount: number;
  /** The engine's full inspect document, as `docker image inspect` shows it. */
  raw: unknown;
}

export interface ImageHistoryEntry {
  /** The image id at this step, when it is a local image; undefined for "<missing>". */
  id?: string;
  /** ms since the epoch. */
  created: number;
  /** The instruction that made this step, e.g. "RUN apk add curl" or "COPY file:… in /x". */
  instruction: string;
  /** The engine's raw CreatedBy text. */
  createdBy: string;
  size: number;
  tags: string[];
  comment?: string;
  /** True when the step added no filesystem layer (ENV, CMD, LABEL… or an empty layer). */
  empty: boolean;
}

export interface ImageRemoveResult {
  untagged: string[];
  deleted: string[];
}

export type PruneMode = 'dangling' | 'unused';

export interface PrunePreview {
  mode: PruneMode;
  /** What would go: each image with its tags and the bytes it frees on its own. */
  images: { id: string; shortId: string; repoTags: string[]; size: number; uniqueSize: number }[];
  /** Bytes to be reclaimed (sum of the unique sizes). */
  reclaimable: number;
}

export interface PruneResult {
  deleted: string[];
  untagged: string[];
  /** What the engine reports it freed, bytes. */
  reclaimed: number;
}

/** Progress phase of one layer during a pull or push. */
export type LayerPhase =
  | 'waiting'
  | 'downloading'
  | 'verifying'
  | 'downloaded'
  | 'extracting'
  | 'complete'
  | 'exists'
  | 'preparing'
  | 'uploading'
  | 'retrying';

export interface ByteProgress {
  current: number;
  total: number;
}

export interface LayerProgress {
  /** The engine's short layer id (12 hex digits). */
  id: string;
  phase: LayerPhase;
  /** The engine's own words, e.g. "Downloading" or "Already exists". */
  status: string;
  /** Download (pull) or upload (push) bytes, when known. */
  transfer?: ByteProgress;
  /** Extract bytes (pull), when known. */
  extract?: ByteProgress;
  /** This layer's own progress, 0…1. */
  fraction: number;
}

export interface OverallProgress {
  layers: number;
  /** Layers complete or already there. */
  done: number;
  /** Bytes transferred / to transfer, over the layers whose size is known. */
  transfer: ByteProgress;
  /** 0…1 over all layers. */
  fraction: number;
}

/** One event of a pull or push stream: per-layer state (latest wins), the overall figure, engine status lines, the end. */
export type TransferEvent =
  | { kind: 'layer'; layer: LayerProgress }
  | { kind: 'overall'; overall: OverallProgress }
  | { kind: 'status'; message: string }
  | { kind: 'done'; reference: string; digest?: string; message: string };
