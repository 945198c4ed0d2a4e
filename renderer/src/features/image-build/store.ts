import type { SliceGet, SliceSet } from '../../lib/slice.js';

export interface BuildDialogSlice {
  buildDialogOpen: boolean;
  /** A context folder to start with (e.g. the last one used). */
  buildDialogContext?: string;
  openBuildDialog(context?: string): void;
  closeBuildDialog(): void;
  rememberBuildContext(context: string): void;
}

export function createBuildDialogSlice(set: SliceSet<BuildDialogSlice>, get: SliceGet<BuildDialogSlice>): BuildDialogSlice {
  return {
    buildDialogOpen: false,
    // Tolerates being used directly as an onClick handler (the event is not a context).
    openBuildDialog: (context?: unknown) => set({ buildDialogOpen: true, buildDialogContext: typeof context === 'string' ? context : get().buildDialogContext }),
    closeBuildDialog: () => set({ buildDialogOpen: false }),
    rememberBuildContext: (context: string) => set({ buildDialogContext: context }),
  };
}
