import type { SliceGet, SliceSet } from '../lib/slice.js';
import type { BackendState } from './connection-monitor.js';

export interface ConnectionSlice {
  backend: BackendState;
  setBackendState(state: BackendState): void;
}

export const initialConnectionState = { backend: 'connecting' as BackendState };

export function createConnectionSlice(set: SliceSet<ConnectionSlice>, _get: SliceGet<ConnectionSlice>): ConnectionSlice {
  return {
    ...initialConnectionState,
    setBackendState(backend) {
      set({ backend });
    },
  };
}
