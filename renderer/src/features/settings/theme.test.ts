import { describe, expect, it } from 'vitest';
import { resolveTheme, THEME_CACHE_KEY, ThemeController } from './theme.js';

function host(osDark: boolean, cached?: string) {
  const listeners = new Set<() => void>();
  const store = new Map<string, string>(cached ? [[THEME_CACHE_KEY, cached]] : []);
  const q = {
    matches: osDark,
    addEventListener: (_: string, l: () => void) => void listeners.add(l),
    removeEventListener: (_: string, l: () => void) => void listeners.delete(l),
  };
  const root = { dataset: {} as Record<string, string> };
  return {
    h: { root: root as unknown as HTMLElement, darkQuery: q as unknown as MediaQueryList, storage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) } },
    root,
    store,
    flip(dark: boolean) {
      q.matches = dark;
      for (const l of listeners) l();
    },
  };
}

describe('theme', () => {
  it('resolves system from the OS', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
  });

  it('paints the cached choice at once, follows the OS for system, and caches a new choice', () => {
    const t = host(false, 'dark');
    const c = new ThemeController(t.h);
    expect(t.root.dataset.theme).toBe('dark');
    c.set('system');
    expect(t.root.dataset.theme).toBe('light');
    t.flip(true);
    expect(t.root.dataset.theme).toBe('dark');
    c.set('light');
    t.flip(true);
    expect(t.root.dataset.theme).toBe('light');
    expect(t.store.get(THEME_CACHE_KEY)).toBe('light');
  });
});
