import { describe, expect, it } from 'vitest';
import { docker, testImage, uniqueName } from './support/docker-cli.js';
import { buildMultiLayerImage, removeImages } from './support/images-fixtures.js';
import { tableShown, useSession } from './support/session.js';

const name = uniqueName('berth-e2e-words');
// The engine lists an image's tags by full name: docker.io/NAME-zz/app before docker.io/library/NAME.
const first = `${name}:1`;
const second = `${name}-zz/app:1`;

/** What the images pages say: counts of what is shown, an imported layer in words, tags in order. */
describe('images pages: counts of what is shown, imported layers, tags in order', () => {
  let id = '';
  const app = useSession({
    hash: '#/images',
    ready: tableShown('Images'),
    setup: async () => {
      id = await buildMultiLayerImage(first, { steps: 1, kib: 4 });
      await docker('tag', first, second);
    },
    cleanup: () => removeImages(first, second, id),
  });

  const counts = () => app.page.locator('.counts').innerText();

  it('with a filter or a search on, the counts say how many of all the images are shown, and count only those', async () => {
    const all = await counts();
    const total = Number(/^(\d+) images?/.exec(all)?.[1]);
    expect(total).toBeGreaterThanOrEqual(2);
    await app.page.getByRole('combobox', { name: 'Show images' }).selectOption('unused');
    await app.page.getByRole('searchbox', { name: 'Search images' }).fill(name);
    await app.page.getByRole('row', { name: second, exact: true }).waitFor();
    await expect.poll(counts).toMatch(new RegExp(`^1 of ${total} images shown in 2 rows \\(one per tag\\)\\s+0 in use$`));
    // The test image is in no row any more: the search hides it.
    await app.page.getByRole('searchbox', { name: 'Search images' }).fill('');
    await app.page.getByRole('combobox', { name: 'Show images' }).selectOption('all');
    await expect.poll(counts).toBe(all);
  });

  it('the remove dialog lists the tags sorted, as the list sorts its rows', async () => {
    const search = app.page.getByRole('searchbox', { name: 'Search images' });
    await search.fill(name);
    await app.page.getByRole('row', { name: first, exact: true }).getByRole('button', { name: `Remove ${first}` }).click();
    const d = app.page.getByRole('dialog', { name: `Remove ${first}?` });
    await d.getByRole('radio', { name: /The whole image/ }).check();
    expect(await d.locator('.img-list li strong').allInnerTexts()).toEqual([first, second]);
    await d.getByRole('button', { name: 'Cancel' }).click();
    await d.waitFor({ state: 'detached' });
    await search.fill('');
  });

  it('History and Layers call an imported base layer a docker import, not the engine\'s "Imported from -"', async () => {
    const baseId = await docker('image', 'inspect', '--format', '{{.Id}}', testImage);
    await app.page.goto(`${app.berth.url}#/images/${encodeURIComponent(baseId)}/history`);
    const history = app.page.getByRole('table', { name: 'History' });
    await history.waitFor();
    const text = await history.innerText();
    expect(text).toContain('Imported (docker import)');
    expect(text).not.toContain('Imported from -');

    await app.page.goto(`${app.berth.url}#/images/${encodeURIComponent(baseId)}/layers`);
    const layer1 = app.page.getByRole('listbox', { name: 'Layers' }).getByRole('option', { name: /^Layer 1\b/ });
    await layer1.waitFor({ timeout: 60_000 });
    expect(await layer1.innerText()).toContain('Imported (docker import)');
    expect(app.errors).toEqual([]);
  });
});
