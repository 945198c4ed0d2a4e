import { describe, expect, it } from 'vitest';
import { docker, testImage, uniqueName } from './support/docker-cli.js';
import { removeImages } from './support/images-fixtures.js';
import { tableShown, useSession } from './support/session.js';

const name = uniqueName('berth-e2e-longname');
const short = `berth-e2e/${name}:short`;
const long = `127.0.0.1:5000/berth-e2e/${name}/a-long-repository-name-for-layout/with-several-components:a-long-tag-1.2.3-rc.4-build.567890`;

/** The lines of the text node that is exactly `text` inside `root` (one rect per line it is laid out on). */
const linesOf = (root: Element, text: string): number => {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.textContent?.trim() === text) {
      const range = document.createRange();
      range.selectNodeContents(n);
      return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
    }
  }
  return -1;
};

describe('an image with a long name, in a narrow window', () => {
  const app = useSession({
    hash: '#/images',
    ready: tableShown('Images'),
    setup: async () => {
      await docker('tag', testImage, short);
      await docker('tag', testImage, long);
    },
    cleanup: () => removeImages(short, long),
  });

  it('Remove: "Only the tag" stays on one line beside its radio, the long name wraps after it', async () => {
    await app.page.setViewportSize({ width: 800, height: 800 });
    await app.page.getByRole('row', { name: long, exact: true }).getByRole('button', { name: `Remove ${long}` }).click();
    const d = app.page.getByRole('dialog', { name: `Remove ${long}?` });
    await d.waitFor();
    const radio = d.getByRole('radio', { name: `Only the tag ${long}` });
    expect(await radio.isChecked()).toBe(true);
    const choices = d.getByRole('group', { name: 'What to remove' });
    expect(await choices.evaluate(linesOf, 'Only the tag')).toBe(1);
    // Neither the name nor the dialog runs out to the side.
    expect(await d.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await d.getByRole('button', { name: 'Cancel' }).click();
    await d.waitFor({ state: 'detached' });
    expect(app.errors).toEqual([]);
  });

  it('its details page keeps each action on one line, on screen, beside the wrapped name', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 900, height: 800 });
    const id = await docker('image', 'inspect', '--format', '{{.Id}}', long);
    await page.goto(`${app.berth.url}#/images/${encodeURIComponent(id)}/inspect?tag=${encodeURIComponent(long)}`);
    await expect.poll(() => page.locator('.img-details__title').innerText(), { timeout: 10_000 }).toBe(long);
    const main = (await page.getByRole('main').boundingBox())!;
    for (const name of ['Run', 'Tag or push', 'Remove']) {
      const button = page.getByRole('button', { name, exact: true });
      expect(await button.evaluate(linesOf, name), name).toBe(1);
      const b = (await button.boundingBox())!;
      expect(b.x + b.width, name).toBeLessThanOrEqual(main.x + main.width);
    }
    expect(await page.getByRole('main').evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
  });
});
