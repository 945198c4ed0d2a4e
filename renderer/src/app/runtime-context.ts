import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { BerthApi } from '../../../contract/index.js';
import type { RootState } from './root-store.js';
import type { AppRuntime } from './runtime.js';

export const RuntimeContext = createContext<AppRuntime | null>(null);

export function useRuntime(): AppRuntime {
  const runtime = useContext(RuntimeContext);
  if (!runtime) throw new Error('useRuntime() needs a <RuntimeContext.Provider> (see main.tsx)');
  return runtime;
}

/** Read the root store through a selector; re-renders only when the selected value changes. */
export function useAppStore<T>(selector: (state: RootState) => T): T {
  return useStore(useRuntime().store, selector);
}

/** The contract client of this window. */
export function useApi(): BerthApi {
  return useRuntime().api;
}
