import type { BerthApi, Disposable } from '../../../../contract/index.js';
import type { SettingsView } from '../../../../contract/domains/settings.js';
import type { StoreApi } from 'zustand/vanilla';
import { subscribeResilient } from '../../lib/resilient-stream.js';
import type { SettingsSlice } from './store.js';
import { ThemeController, type ThemeHost } from './theme.js';

export interface SettingsSyncApi {
  settings: Pick<BerthApi['settings'], 'watch'>;
}

/** Keeps the settings slice in step with the back end (every window sees a change at once) and applies the theme. */
export function startSettingsSync(api: SettingsSyncApi, store: StoreApi<SettingsSlice>, themeHost: ThemeHost | undefined): Disposable {
  const theme = themeHost ? new ThemeController(themeHost) : undefined;
  const sub = subscribeResilient<SettingsView>((h) => api.settings.watch({}, h), {
    next(views) {
      const view = views[views.length - 1];
      if (!view) return;
      store.getState().settingsLoaded(view);
      theme?.set(view.settings.theme);
    },
  });
  return {
    dispose() {
      sub.dispose();
      theme?.dispose();
    },
  };
}

/** The browser's document, when there is one (not in unit tests under node). */
export function documentThemeHost(): ThemeHost | undefined {
  if (typeof document === 'undefined' || typeof window === 'undefined' || !window.matchMedia) return undefined;
  let storage: Storage | undefined;
  try {
    storage = window.localStorage;
  } catch {
    storage = undefined;
  }
  return { root: document.documentElement, darkQuery: window.matchMedia('(prefers-color-scheme: dark)'), storage };
}
