import type { SliceGet, SliceSet } from '../../lib/slice.js';

/** What opens the run dialog prefilled (e.g. "Run" on an image: its exposed ports and volumes). */
export interface RunPrefill {
  image?: string;
  /** Exposed ports suggested for publishing, e.g. "80/tcp". */
  exposedPorts?: string[];
  /** Volume paths the image declares, suggested as mounts. */
  volumes?: string[];
}

export interface RunDialogSlice {
  /** null: closed; otherwise open with this prefill. */
  runDialog: RunPrefill | null;
  openRunDialog(prefill?: RunPrefill): void;
  closeRunDialog(): void;
}

export function createRunDialogSlice(set: SliceSet<RunDialogSlice>, _get: SliceGet<RunDialogSlice>): RunDialogSlice {
  return {
    runDialog: null,
    openRunDialog: (prefill = {}) => set({ runDialog: prefill }),
    closeRunDialog: () => set({ runDialog: null }),
  };
}
