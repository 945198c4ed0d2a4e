import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSession, openSession, type AppSession } from './support/session.js';
import { uniqueName } from './support/docker-cli.js';
import { buildMultiLayerImage, removeImages } from './support/images-fixtures.js';

const tag = `berth-e2e/${uniqueName('berth-e2e-cols')}:1`;

/** The Created column fits the app's longer relative times ("12 minutes ago") at a 1280 px window. */
describe('images list: the Created column is wide enough', () => {
  let s: AppSession;

  beforeAll(async () => {
    await buildMultiLayerImage(tag, { steps: 1, kib: 4 });
    s = await openSession('#/containers', (page) => page.getByRole('main').waitFor());
  });

  afterAll(async () => {
    expect(await closeSession(s)).toBe(0);
    await removeImages(tag);
  });

  it('"12 minutes ago" shows whole, not cut to "12 minutes …"', async () => {
    const { page } = s;
    await page.setViewportSize({ width: 1280, height: 800 });
    // The page's clock runs 12 minutes ahead: the image just built reads "12 minutes ago".
    await page.clock.setFixedTime(Date.now() + 12 * 60_000 + 5_000);
    await page.goto(`${s.berth.url}#/images`);
    await page.getByRole('searchbox', { name: 'Search images' }).fill(tag);
    const cell = page.getByRole('row', { name: tag, exact: true }).getByRole('cell').filter({ has: page.locator('time') });
    await expect.poll(() => cell.innerText(), { timeout: 10_000 }).toBe('12 minutes ago');
    const fits = await cell.evaluate((el) => el.scrollWidth <= el.clientWidth);
    expect(fits).toBe(true);
    expect(s.errors).toEqual([]);
  });
});
