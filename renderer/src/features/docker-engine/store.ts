import type { EngineInfo, EngineStatus, PortForwardsView } from '../../../../contract/index.js';
import type { SliceGet, SliceSet } from '../../lib/slice.js';

export type EngineInfoPhase = 'idle' | 'loading' | 'loaded' | 'error';

export interface EngineState {
  /** Last state pushed by engine.statusChanges; undefined until the first one arrives. */
  engineStatus?: EngineStatus;
  /** The status stream itself failed (the back end answered with an error). */
  engineStatusError?: string;
  engineInfo?: EngineInfo;
  engineInfoPhase: EngineInfoPhase;
  engineInfoError?: string;
  /** Ports forwarded from Berth's VM to this computer, and the ones that could not be (inactive elsewhere). */
  portForwards: PortForwardsView;
}

export interface EngineActions {
  setEngineStatus(status: EngineStatus): void;
  /** Only used when no status is known yet (e.g. from a one-off engine.status call). */
  setEngineStatusIfUnknown(status: EngineStatus): void;
  engineStatusFailed(message: string): void;
  engineInfoLoading(): void;
  engineInfoLoaded(info: EngineInfo): void;
  engineInfoFailed(message: string): void;
  setPortForwards(view: PortForwardsView): void;
}

export type EngineSlice = EngineState & EngineActions;

export const initialEngineState: EngineState = {
  engineStatus: undefined,
  engineStatusError: undefined,
  engineInfo: undefined,
  engineInfoPhase: 'idle',
  engineInfoError: undefined,
  portForwards: { active: false, allInterfaces: false, forwards: [], warnings: [] },
};

export function createEngineSlice(set: SliceSet<EngineSlice>, get: SliceGet<EngineSlice>): EngineSlice {
  return {
    ...initialEngineState,
    setEngineStatus(status) {
      set({ engineStatus: status, engineStatusError: undefined });
    },
    setEngineStatusIfUnknown(status) {
      if (!get().engineStatus) set({ engineStatus: status, engineStatusError: undefined });
    },
    engineStatusFailed(message) {
      set({ engineStatusError: message });
    },
    engineInfoLoading() {
      // Keep showing the previous info while it refreshes.
      set({ engineInfoPhase: 'loading', engineInfoError: undefined });
    },
    engineInfoLoaded(info) {
      set({ engineInfo: info, engineInfoPhase: 'loaded', engineInfoError: undefined });
    },
    engineInfoFailed(message) {
      set({ engineInfoPhase: 'error', engineInfoError: message });
    },
    setPortForwards(view) {
      set({ portForwards: view });
    },
  };
}
