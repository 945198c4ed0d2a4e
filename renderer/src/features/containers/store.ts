import type { ContainerChange } from '../../../../contract/index.js';
import type { SliceGet, SliceSet } from '../../lib/slice.js';
import { reduceContainers, type ContainerMap } from './reducer.js';

/** idle: no engine to ask; loading: waiting for the first snapshot; live: in sync; error: the watch failed. */
export type ContainersPhase = 'idle' | 'loading' | 'live' | 'error';

export interface ContainersState {
  containers: ContainerMap;
  containersPhase: ContainersPhase;
  containersError?: string;
  containerFilter: string;
  collapsedProjects: ReadonlySet<string>;
}

export interface ContainersActions {
  applyContainerChanges(changes: readonly ContainerChange[]): void;
  /** A new watch started (engine came up or changed): forget the old list, wait for a snapshot. */
  containersLoading(): void;
  containersFailed(message: string): void;
  /** No engine: nothing to show. */
  containersReset(): void;
  setContainerFilter(filter: string): void;
  toggleProjectCollapsed(project: string): void;
}

export type ContainersSlice = ContainersState & ContainersActions;

export const initialContainersState: ContainersState = {
  containers: new Map(),
  containersPhase: 'idle',
  containersError: undefined,
  containerFilter: '',
  collapsedProjects: new Set(),
};

export function createContainersSlice(set: SliceSet<ContainersSlice>, get: SliceGet<ContainersSlice>): ContainersSlice {
  return {
    ...initialContainersState,
    applyContainerChanges(changes) {
      const current = get().containers;
      const containers = reduceContainers(current, changes);
      if (changes.some((c) => c.kind === 'snapshot')) set({ containers, containersPhase: 'live', containersError: undefined });
      else if (containers !== current) set({ containers });
    },
    containersLoading() {
      set({ containers: new Map(), containersPhase: 'loading', containersError: undefined });
    },
    containersFailed(message) {
      set({ containersPhase: 'error', containersError: message });
    },
    containersReset() {
      set({ containers: new Map(), containersPhase: 'idle', containersError: undefined });
    },
    setContainerFilter(filter) {
      set({ containerFilter: filter });
    },
    toggleProjectCollapsed(project) {
      set((s) => {
        const next = new Set(s.collapsedProjects);
        if (!next.delete(project)) next.add(project);
        return { collapsedProjects: next };
      });
    },
  };
}
