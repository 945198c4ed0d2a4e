import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSession, openSession, type AppSession } from './support/session.js';
import { uniqueName } from './support/docker-cli.js';
import { removeImages } from './support/images-fixtures.js';

const name = uniqueName('berth-e2e-explore');
// Given in this order; the engine lists an image's tags sorted, so "-a" comes first there.
const first = `berth-e2e/${name}-z:1`;
const second = `berth-e2e/${name}-a:1`;

describe('build: "Explore its layers" opens the page of the tag just built', () => {
  let s: AppSession;

  beforeAll(async () => {
    s = await openSession('#/images', (page) => page.getByRole('table', { name: 'Images' }).waitFor());
  });

  afterAll(async () => {
    expect(await closeSession(s)).toBe(0);
    await removeImages(first, second);
  });

  it('the link lands on the Layers tab, titled by the first tag typed', async () => {
    const { page } = s;
    await page.getByRole('main').getByRole('button', { name: 'Build', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Build an image' });
    await dialog.getByLabel('Context folder').fill(resolve(__dirname, 'fixtures/build/two-stage'));
    await dialog.getByLabel('Tags').fill(`${first} ${second}`);
    await dialog.getByRole('button', { name: 'Build', exact: true }).click();
    await expect.poll(() => dialog.getByRole('status').innerText(), { timeout: 60_000 }).toMatch(/^Built [0-9a-f]{12} tagged /);
    await dialog.getByRole('link', { name: 'Explore its layers' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: 'Layers', selected: true }).waitFor({ timeout: 10_000 });
    await expect.poll(() => page.locator('.img-details__title').innerText(), { timeout: 10_000 }).toBe(first);
    expect(await page.getByText(/^Also tagged/).innerText()).toContain(second);
    expect(s.errors).toEqual([]);
  });
});
