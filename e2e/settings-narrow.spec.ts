import { describe, expect, it } from 'vitest';
import { useSession } from './support/session.js';

describe('the Settings page in a narrow browser window', () => {
  // Browser mode has no minimum window size (the desktop window's is 900 px): half a small screen, a phone.
  const app = useSession({ hash: '#/settings', ready: (page) => page.getByRole('region', { name: 'Engine' }).waitFor() });

  it('keeps every field inside its section, with no sideways scrolling, down to 400 px', async () => {
    for (const width of [560, 400]) {
      await app.page.setViewportSize({ width, height: 800 });
      // Each control's right edge against its section's; the longest engine choice made the dropdown wider than the card.
      const outside = await app.page.locator('.st-section').evaluateAll((sections) =>
        sections.flatMap((s) => {
          const right = s.getBoundingClientRect().right;
          return [...s.querySelectorAll('select, input, button')].filter((c) => c.getBoundingClientRect().right > right + 0.5).map((c) => `${s.getAttribute('aria-label')}: ${c.outerHTML.slice(0, 60)}`);
        }),
      );
      expect(outside, `at ${width} px`).toEqual([]);
      const scroll = await app.page.locator('.st-page').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      expect(scroll.scroll, `at ${width} px`).toBeLessThanOrEqual(scroll.client);
    }
    expect(app.errors).toEqual([]);
  });
});
