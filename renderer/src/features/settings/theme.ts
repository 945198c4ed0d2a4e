import type { ThemeChoice } from '../../../../contract/domains/settings.js';

export const THEME_CACHE_KEY = 'berth.theme';

export interface ThemeHost {
  root: HTMLElement;
  /** matchMedia('(prefers-color-scheme: dark)') */
  darkQuery: Pick<MediaQueryList, 'matches' | 'addEventListener' | 'removeEventListener'>;
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
}

/** system → what the OS prefers now; light and dark as they are. */
export function resolveTheme(choice: ThemeChoice, osPrefersDark: boolean): 'light' | 'dark' {
  return choice === 'system' ? (osPrefersDark ? 'dark' : 'light') : choice;
}

/**
 * Applies the theme setting as `data-theme` on <html> (theme.css keys the dark tokens on it). For
 * "system" it follows the OS as it flips. The choice is cached in localStorage so the next start
 * paints in it before the back end answers.
 */
export class ThemeController {
  private choice: ThemeChoice;
  private readonly onOsChange = () => this.paint();

  constructor(private readonly host: ThemeHost) {
    const cached = host.storage?.getItem(THEME_CACHE_KEY);
    this.choice = cached === 'light' || cached === 'dark' || cached === 'system' ? cached : 'system';
    host.darkQuery.addEventListener('change', this.onOsChange);
    this.paint();
  }

  set(choice: ThemeChoice): void {
    this.choice = choice;
    try {
      this.host.storage?.setItem(THEME_CACHE_KEY, choice);
    } catch {
      // Storage full or off: the setting still applies; only the first paint of the next start may differ.
    }
    this.paint();
  }

  dispose(): void {
    this.host.darkQuery.removeEventListener('change', this.onOsChange);
  }

  private paint(): void {
    this.host.root.dataset.theme = resolveTheme(this.choice, this.host.darkQuery.matches);
  }
}
