import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSession, openSession, type AppSession } from './support/session.js';
import { docker, uniqueName } from './support/docker-cli.js';
import { buildMultiLayerImage, removeImages } from './support/images-fixtures.js';

const repo = `berth-e2e/${uniqueName('berth-e2e-rmtag')}`;
const v1 = `${repo}:1.0`;
const latest = `${repo}:latest`;

const exists = (ref: string) => docker('image', 'inspect', '--format', '{{.Id}}', ref).then(
  () => true,
  () => false,
);

/**
 * Remove on the page of one tag of an image that has others takes only that tag (as `docker rmi
 * repo:tag`), like the list's row of that tag; the whole image with every tag is a second, explicit choice.
 */
describe('image details: Remove takes the tag on screen, the whole image only when chosen', () => {
  let s: AppSession;
  let id = '';

  beforeAll(async () => {
    id = await buildMultiLayerImage(v1, { steps: 1, kib: 4 });
    await docker('tag', v1, latest);
    s = await openSession('#/images', (page) => page.getByRole('table', { name: 'Images' }).waitFor());
  });

  afterAll(async () => {
    expect(await closeSession(s)).toBe(0);
    await removeImages(v1, latest, id);
  });

  const title = () => s.page.locator('.img-details__title').innerText();
  const openDetails = async (tag: string) => {
    await s.page.goto(`${s.berth.url}#/images/${encodeURIComponent(id)}/inspect?tag=${encodeURIComponent(tag)}`);
    await expect.poll(title, { timeout: 10_000 }).toBe(tag);
  };

  it('opened for repo:1.0, Remove untags 1.0 only; the page stays on the image, now titled repo:latest', async () => {
    const { page } = s;
    await openDetails(v1);
    await page.getByRole('button', { name: 'Remove', exact: true }).click();
    const d = page.getByRole('dialog', { name: `Remove ${v1}?` });
    await d.waitFor();
    expect(await d.getByRole('radio', { name: `Only the tag ${v1}` }).isChecked()).toBe(true);
    expect(await d.getByRole('radio', { name: /^The whole image [0-9a-f]{12}, with all its 2 tags$/ }).isChecked()).toBe(false);
    expect(await d.innerText()).toContain(`still tagged ${latest}`);
    await d.getByRole('button', { name: 'Remove tag', exact: true }).click();
    await d.waitFor({ state: 'detached' });

    expect(await exists(v1)).toBe(false);
    expect(await exists(latest)).toBe(true);
    expect(await exists(id)).toBe(true);
    await expect.poll(title, { timeout: 10_000 }).toBe(latest);
    expect(page.url()).toContain(`/images/${encodeURIComponent(id)}/inspect`);
    expect(await page.getByText(/^Also tagged/).count()).toBe(0);
    expect(s.errors).toEqual([]);
  });

  it('a tag added with Tag or push on the page shows among "Also tagged" once the dialog closes', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Tag or push', exact: true }).click();
    const d = page.getByRole('dialog', { name: `Tag or push ${latest}` });
    await d.getByLabel('Target reference').fill(v1);
    await d.getByRole('button', { name: 'Tag', exact: true }).click();
    await d.getByRole('status').filter({ hasText: `Tagged ${v1}` }).waitFor();
    await d.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => page.getByText(/^Also tagged/).innerText(), { timeout: 10_000 }).toContain(v1);
    expect(await title()).toBe(latest);
    expect(s.errors).toEqual([]);
  });

  it('the list\'s row of one tag offers the same two choices', async () => {
    const { page } = s;
    await page.goto(`${s.berth.url}#/images`);
    await page.getByRole('searchbox', { name: 'Search images' }).fill(repo);
    const row = page.getByRole('row', { name: v1, exact: true });
    await row.waitFor({ timeout: 10_000 });
    await row.getByRole('button', { name: `Remove ${v1}` }).click();
    const d = page.getByRole('dialog', { name: `Remove ${v1}?` });
    expect(await d.getByRole('radio', { name: `Only the tag ${v1}` }).isChecked()).toBe(true);
    await d.getByRole('radio', { name: /^The whole image / }).check();
    expect(await d.getByRole('button', { name: 'Remove image and 2 tags' }).count()).toBe(1);
    await d.getByRole('button', { name: 'Cancel' }).click();
    await d.waitFor({ state: 'detached' });
    expect(await exists(v1)).toBe(true);
  });

  it('choosing the whole image removes it with every tag, and goes back to the list', async () => {
    const { page } = s;
    await openDetails(latest);
    await page.getByRole('button', { name: 'Remove', exact: true }).click();
    const d = page.getByRole('dialog', { name: `Remove ${latest}?` });
    await d.getByRole('radio', { name: /^The whole image / }).check();
    const text = await d.innerText();
    expect(text).toContain(`tag ${v1}`);
    expect(text).toContain(`tag ${latest}`);
    // The page does not know which layers other images share: no claim that the whole size is freed.
    expect(text).toMatch(/image [0-9a-f]{12} \([\d.]+ [KM]iB\)/);
    expect(text).not.toContain('frees about');
    await d.getByRole('button', { name: 'Remove image and 2 tags' }).click();
    await d.waitFor({ state: 'detached' });
    await expect.poll(() => page.url()).toMatch(/#\/images$/);
    expect(await exists(v1)).toBe(false);
    expect(await exists(latest)).toBe(false);
    expect(await exists(id)).toBe(false);
    expect(s.errors).toEqual([]);
  });
});
