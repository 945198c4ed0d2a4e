import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSession, openSession, type AppSession } from './support/session.js';
import { docker, testImage, uniqueName } from './support/docker-cli.js';
import { buildMultiLayerImage, removeImages } from './support/images-fixtures.js';

const prefix = 'berth-e2e-imgtag';
const base = `berth-e2e/${uniqueName(prefix)}`;
// Two more tags on the test image: the Images list shows one row per tag.
const first = `${base}-a:1`;
const second = `${base}-b:2`;
const dangling = `${base}-d:1`;

describe('image details: titled by the tag it was opened from', () => {
  let s: AppSession;
  let danglingId = '';

  beforeAll(async () => {
    await docker('tag', testImage, first);
    await docker('tag', testImage, second);
    s = await openSession('#/images', (page) => page.getByRole('table', { name: 'Images' }).waitFor());
  });

  afterAll(async () => {
    expect(await closeSession(s)).toBe(0);
    // Untags only: the test image keeps its own tag.
    await removeImages(first, second, dangling, danglingId);
  });

  const title = () => s.page.locator('.img-details__title').innerText();
  const alsoTagged = () => s.page.getByText(/^Also tagged/).innerText();

  it('opening the second tag titles the page with it and lists the other tags; tabs and links keep it', async () => {
    const { page } = s;
    await page.getByRole('searchbox', { name: 'Search images' }).fill(base);
    const row = page.getByRole('row', { name: second, exact: true });
    await row.waitFor({ timeout: 10_000 });
    await row.getByRole('link').click();
    await page.getByRole('tab', { name: 'Inspect', selected: true }).waitFor();
    await expect.poll(title, { timeout: 10_000 }).toBe(second);
    const others = await alsoTagged();
    expect(others).toContain(first);
    expect(others).toContain(testImage);
    expect(others).not.toContain(second);
    expect(await page.getByRole('heading', { name: first }).count()).toBe(0);

    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByRole('tab', { name: 'History', selected: true }).waitFor();
    expect(await title()).toBe(second);

    // Run starts from the tag on screen.
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const run = page.getByRole('dialog', { name: 'Run a container' });
    await run.waitFor();
    expect(await run.getByLabel('Image', { exact: true }).inputValue()).toBe(second);
    await run.getByRole('button', { name: 'Close' }).click();
    await run.waitFor({ state: 'detached' });

    // Another tag's link retitles the page, and a reload keeps it.
    await page.getByText(/^Also tagged/).getByRole('link', { name: first, exact: true }).click();
    await expect.poll(title).toBe(first);
    expect(await alsoTagged()).toContain(second);
    await page.reload();
    await expect.poll(title, { timeout: 10_000 }).toBe(first);
    expect(s.errors).toEqual([]);
  });

  it('the list says it has a row per tag, and a long name leaves its tag badge in view', async () => {
    const { page } = s;
    const long = `${base}-${'very-long-repository-name-'.repeat(6)}x:1`;
    await docker('tag', testImage, long);
    try {
      await page.goto(`${page.url().split('#')[0]}#/images`);
      await page.getByRole('searchbox', { name: 'Search images' }).fill(base);
      const row = page.getByRole('row', { name: long, exact: true });
      await row.waitFor({ timeout: 10_000 });
      const counts = await page.locator('.counts').innerText();
      // How many of the images the search shows, in how many rows; when it leaves every image (some
      // of their tag rows hidden), how many of the rows.
      expect(counts).toMatch(/^\d+ (images?|of \d+ images? shown) in \d+ rows \(one per tag\)|^\d+ images?, \d+ of \d+ rows shown \(one per tag\)/);
      const cell = row.getByRole('cell').first();
      const badge = cell.locator('.img-badge--muted');
      expect(await badge.innerText()).toMatch(/^\d+ tags$/);
      const [c, b] = [(await cell.boundingBox())!, (await badge.boundingBox())!];
      expect(b.x + b.width).toBeLessThanOrEqual(c.x + c.width);
    } finally {
      await removeImages(long);
    }
  });

  it('the first tag\'s row still opens the page titled by the first tag', async () => {
    const { page } = s;
    await page.goto(`${s.berth.url}#/images`);
    await page.getByRole('searchbox', { name: 'Search images' }).fill(base);
    const row = page.getByRole('row', { name: first, exact: true });
    await row.waitFor({ timeout: 10_000 });
    await row.getByRole('link').click();
    await expect.poll(title, { timeout: 10_000 }).toBe(first);
    expect(await alsoTagged()).toContain(second);
  });

  it('a dangling image is titled by its short id, with no other tags', async () => {
    const { page } = s;
    // Built twice under one tag: the first build loses its tag.
    danglingId = await buildMultiLayerImage(dangling, { steps: 1, kib: 4, label: `${base}-d1` });
    await buildMultiLayerImage(dangling, { steps: 1, kib: 4, label: `${base}-d2` });
    const shortId = danglingId.replace('sha256:', '').slice(0, 12);
    await page.goto(`${s.berth.url}#/images`);
    await page.getByRole('searchbox', { name: 'Search images' }).fill(shortId);
    const row = page.getByRole('row', { name: shortId, exact: true });
    await row.waitFor({ timeout: 10_000 });
    await row.getByRole('link').click();
    await expect.poll(title, { timeout: 10_000 }).toBe(shortId);
    expect(await page.getByText(/^Also tagged/).count()).toBe(0);
    expect(s.errors).toEqual([]);
  });
});
