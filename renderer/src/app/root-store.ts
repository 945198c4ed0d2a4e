import { createStore, type StoreApi } from 'zustand/vanilla';
import { createContainersSlice, type ContainersSlice } from '../features/containers/store.js';
import { createEngineSlice, type EngineSlice } from '../features/docker-engine/store.js';
import { createBuildDialogSlice, type BuildDialogSlice } from '../features/image-build/store.js';
import { createPullDialogSlice, type PullDialogSlice } from '../features/images/pull-store.js';
import { createRunDialogSlice, type RunDialogSlice } from '../features/run-container/store.js';
import { createConnectionSlice, type ConnectionSlice } from './connection-store.js';
import { createSettingsSlice, type SettingsSlice } from '../features/settings/store.js';

export type RootState = ContainersSlice & EngineSlice & ConnectionSlice & RunDialogSlice & PullDialogSlice & BuildDialogSlice & SettingsSlice;
export type RootStore = StoreApi<RootState>;

/** One store per window, made in the composition root (no module-level state). */
export function createRootStore(): RootStore {
  return createStore<RootState>()((set, get) => ({
    ...createContainersSlice(set, get),
    ...createEngineSlice(set, get),
    ...createConnectionSlice(set, get),
    ...createRunDialogSlice(set, get),
    ...createPullDialogSlice(set, get),
    ...createBuildDialogSlice(set, get),
    ...createSettingsSlice(set, get),
  }));
}
