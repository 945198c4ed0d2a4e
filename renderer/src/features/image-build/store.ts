import type { SliceGet, SliceSet } from '../../lib/slice.js';

export interface BuildDialogSlice {
  buildDialogOpen: boolean;
  openBuildDialog(): void;
  closeBuildDialog(): void;
}

export function createBuildDialogSlice(set: SliceSet<BuildDialogSlice>, _get: SliceGet<BuildDialogSlice>): BuildDialogSlice {
  return {
    buildDialogOpen: false,
    openBuildDialog: () => set({ buildDialogOpen: true }),
    closeBuildDialog: () => set({ buildDialogOpen: false }),
  };
}
