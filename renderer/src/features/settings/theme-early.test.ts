import { describe, expect, it } from 'vitest';
import earlyScript from '../../../public/theme-early.js?raw';
import { resolveTheme, THEME_CACHE_KEY } from './theme.js';

/** Runs renderer/public/theme-early.js against a fake window; returns the data-theme it set. */
function runEarly(osDark: boolean, cached: string | null | 'throws'): string | undefined {
  const dataset: Record<string, string> = {};
  const window = {
    localStorage: {
      getItem(key: string) {
        if (cached === 'throws') throw new Error('storage is off');
        return key === THEME_CACHE_KEY ? cached : null;
      },
    },
    matchMedia: (q: string) => ({ matches: q === '(prefers-color-scheme: dark)' && osDark }),
  };
  new Function('window', 'document', earlyScript)(window, { documentElement: { dataset } });
  return dataset.theme;
}

describe('theme-early.js (the theme before the first paint)', () => {
  it('paints what ThemeController paints, for every cached choice and OS scheme', () => {
    for (const osDark of [false, true]) {
      for (const choice of ['system', 'light', 'dark'] as const) {
        expect(runEarly(osDark, choice)).toBe(resolveTheme(choice, osDark));
      }
      // Nothing cached, something unknown cached, or storage off: the OS decides, as in ThemeController.
      for (const cached of [null, 'purple', 'throws'] as const) expect(runEarly(osDark, cached)).toBe(resolveTheme('system', osDark));
    }
  });
});
