/** Wire shapes of image builds and of the layers explorer (pure types). */

/** One event of a build, in order. Steps are numbered from 1, as the engine numbers them. */
export type BuildEvent =
  /** The build context is being sent: running totals (files and bytes read from disk so far). */
  | { kind: 'context'; files: number; bytes: number; done: boolean }
  /** A Dockerfile step starts, e.g. index 2, total 5, instruction "RUN make". */
  | { kind: 'step'; index: number; total: number; instruction: string }
  /** A line the step printed (its command's output, or the engine's notes). */
  | { kind: 'output'; step: number; text: string }
  /** The step was satisfied from the build cache ("---> Using cache"). */
  | { kind: 'cached'; step: number }
  /** The step finished; layerId is the short id of the image it produced. */
  | { kind: 'step-done'; step: number; layerId: string }
  /** The build failed. For a failing step: its number and instruction; for a Dockerfile error: the line and its text. */
  | { kind: 'failed'; message: string; step?: number; instruction?: string; exitCode?: number; line?: number; lineText?: string; dockerfile?: string }
  /** The build succeeded. `moved`: tags that named another image before it (see MovedTag). */
  | { kind: 'done'; imageId: string; tags: string[]; moved?: MovedTag[] }
  /** Something in the engine's output could not be read (the build goes on). */
  | { kind: 'warning'; text: string };

/**
 * A tag the build took from another image, as `docker build -t` does without a word: `previousId` is
 * the image it named before; `untagged` when that image has no tag left (it shows as <none> and stays
 * until removed or pruned).
 */
export interface MovedTag {
  tag: string;
  previousId: string;
  untagged: boolean;
}

/** How a path changed in one layer. */
export type LayerChange = 'added' | 'changed' | 'deleted';
export type LayerEntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';

export interface LayerEntry {
  /** Absolute path in the image, e.g. "/etc/passwd". */
  path: string;
  type: LayerEntryType;
  change: LayerChange;
  /** Bytes of a file added or changed; for a deletion, the size of the version it removes. */
  size: number;
  linkTarget?: string;
}

export interface LayerCounts {
  added: number;
  changed: number;
  deleted: number;
}

export interface LayerSummary {
  /** 0-based position, bottom layer first. */
  index: number;
  /** The layer's diff id (sha256 of its uncompressed tar). */
  diffId: string;
  /** The blob digest, when the export names it (OCI layout). */
  digest?: string;
  /** The instruction that created it, e.g. "RUN rm /junk.txt" (from the image's history). */
  instruction: string;
  /** When the layer was created (ISO), when the history says. */
  created?: string;
  /** Bytes of files this layer adds or changes. */
  size: number;
  counts: LayerCounts;
  /** Entries that changed (at most the per-layer limit; see truncated). */
  entries: LayerEntry[];
  /** How many entries the layer really has; more than entries.length when truncated. */
  totalEntries: number;
  truncated: boolean;
  /** Other local images that use this very layer (same chain of layers up to it), by name. */
  sharedWith: string[];
}

export interface WastedEntry {
  path: string;
  /** Bytes of the earlier version that a later layer overwrote or deleted. */
  size: number;
  /** The layer that added the wasted version. */
  addedIn: number;
  /** The layer that overwrote or deleted it. */
  removedIn: number;
  how: 'overwritten' | 'deleted';
}

export interface WastedSpace {
  totalBytes: number;
  /** How many wasted versions there are in all. */
  count: number;
  /** The biggest ones, largest first (bounded). */
  top: WastedEntry[];
}

export interface ImageLayers {
  imageId: string;
  layers: LayerSummary[];
  wasted: WastedSpace;
  /** Things the user should know, e.g. that big layers were truncated. */
  notes: string[];
}
