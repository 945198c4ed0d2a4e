import type { Change, ContainerSummary } from '../../../../contract/index.js';
import { hasSnapshot } from '../../lib/live-collection.js';
import type { SliceGet, SliceSet } from '../../lib/slice.js';
import { createActionsSlice, type ActionsSlice } from '../container-actions/action-store.js';
import { reduceContainers, type ContainerMap } from './reducer.js';
import { withoutSettledStartFailures } from './settled-notices.js';
import { defaultSort, nextSort, type ContainerSort, type SortKey } from './sort.js';

/** idle: no engine to ask; loading: waiting for the first snapshot; live: in sync; error: the watch failed. */
export type ContainersPhase = 'idle' | 'loading' | 'live' | 'error';

export interface ContainersState {
  containers: ContainerMap;
  containersPhase: ContainersPhase;
  containersError?: string;
  containerFilter: string;
  collapsedProjects: ReadonlySet<string>;
  containerSort: ContainerSort;
  /** Ids of the selected rows (kept only while those containers exist). */
  selectedIds: ReadonlySet<string>;
  /** The row keyboard shortcuts act on when nothing is selected. */
  focusedId?: string;
}

export interface ContainersActions {
  applyContainerChanges(changes: readonly Change<ContainerSummary>[]): void;
  /** A new watch started (engine came up or changed): forget the old list, wait for a snapshot. */
  containersLoading(): void;
  containersFailed(message: string): void;
  /** No engine: nothing to show. */
  containersReset(): void;
  setContainerFilter(filter: string): void;
  toggleProjectCollapsed(project: string): void;
  /** Sort by a column; the same column again flips the direction. */
  sortContainersBy(key: SortKey): void;
  toggleSelected(id: string): void;
  setSelection(ids: Iterable<string>): void;
  setFocusedContainer(id: string | undefined): void;
}

export type ContainersSlice = ContainersState & ContainersActions & ActionsSlice;

export const initialContainersState: ContainersState = {
  containers: new Map(),
  containersPhase: 'idle',
  containersError: undefined,
  containerFilter: '',
  collapsedProjects: new Set(),
  containerSort: defaultSort,
  selectedIds: new Set(),
  focusedId: undefined,
};

/** Drops selected ids whose containers are gone; the same set when nothing changed. */
function pruneSelection(selected: ReadonlySet<string>, containers: ContainerMap): ReadonlySet<string> {
  if (selected.size === 0) return selected;
  let out: Set<string> | undefined;
  for (const id of selected) if (!containers.has(id)) (out ??= new Set(selected)).delete(id);
  return out ?? selected;
}

export function createContainersSlice(set: SliceSet<ContainersSlice>, get: SliceGet<ContainersSlice>): ContainersSlice {
  return {
    ...initialContainersState,
    ...createActionsSlice(set, get),
    applyContainerChanges(changes) {
      const current = get().containers;
      const containers = reduceContainers(current, changes);
      const selectedIds = pruneSelection(get().selectedIds, containers);
      // A failed start's notice goes once its container is removed or runs (settled-notices.ts).
      const actionNotices = containers === current ? get().actionNotices : withoutSettledStartFailures(get().actionNotices, containers);
      if (hasSnapshot(changes)) set({ containers, selectedIds, actionNotices, containersPhase: 'live', containersError: undefined });
      else if (containers !== current) set({ containers, selectedIds, actionNotices });
    },
    containersLoading() {
      set({ containers: new Map(), containersPhase: 'loading', containersError: undefined });
    },
    containersFailed(message) {
      set({ containersPhase: 'error', containersError: message });
    },
    containersReset() {
      set({ containers: new Map(), selectedIds: new Set(), containersPhase: 'idle', containersError: undefined });
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
    sortContainersBy(key) {
      set((s) => ({ containerSort: nextSort(s.containerSort, key) }));
    },
    toggleSelected(id) {
      set((s) => {
        const next = new Set(s.selectedIds);
        if (!next.delete(id)) next.add(id);
        return { selectedIds: next };
      });
    },
    setSelection(ids) {
      set({ selectedIds: new Set(ids) });
    },
    setFocusedContainer(id) {
      if (get().focusedId !== id) set({ focusedId: id });
    },
  };
}
