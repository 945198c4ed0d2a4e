import type { SettingsView } from '../../../../contract/domains/settings.js';
import type { SliceGet, SliceSet } from '../../lib/slice.js';

export interface SettingsSlice {
  /** Undefined until the back end first answers. */
  settingsView?: SettingsView;
  settingsLoaded(view: SettingsView): void;
}

export function createSettingsSlice(set: SliceSet<SettingsSlice>, _get: SliceGet<SettingsSlice>): SettingsSlice {
  return {
    settingsView: undefined,
    settingsLoaded: (settingsView) => set({ settingsView }),
  };
}
