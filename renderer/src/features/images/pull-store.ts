import type { SliceGet, SliceSet } from '../../lib/slice.js';

export interface PullDialogSlice {
  /** null: closed; otherwise open, with the reference to pull when known (e.g. from a search result). */
  pullDialog: { reference?: string } | null;
  openPullDialog(reference?: string): void;
  closePullDialog(): void;
}

export function createPullDialogSlice(set: SliceSet<PullDialogSlice>, _get: SliceGet<PullDialogSlice>): PullDialogSlice {
  return {
    pullDialog: null,
    openPullDialog: (reference) => set({ pullDialog: reference ? { reference } : {} }),
    closePullDialog: () => set({ pullDialog: null }),
  };
}
