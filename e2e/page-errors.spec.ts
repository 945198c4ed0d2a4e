import { describe, expect, it } from 'vitest';
import { docker, testImage } from './support/docker-cli.js';
import { useAppSession } from './support/session.js';

/** A page whose code cannot be loaded (the server was rebuilt since the window opened) says so, with Reload; the rest of the app stays. */
describe('page errors', () => {
  const app = useAppSession('berth-e2e-page-errors');

  it('a page chunk that cannot be fetched shows why and a Reload button, not a blank window', async () => {
    const { page } = app;
    // As after a rebuild: the chunk this window knows is gone from the server.
    await page.route(/\/assets\/images-page-[^/]+\.js$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.evaluate(() => (location.hash = '#/images'));
    const alert = page.getByRole('alert').filter({ hasText: 'Berth was updated since this window opened' });
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.getByRole('button', { name: 'Reload' }).isVisible()).toBe(true);
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(true);

    // Another page still works, and the error is gone there.
    await page.evaluate(() => (location.hash = '#/containers'));
    await page.getByRole('table', { name: 'Containers' }).waitFor();
    expect(await alert.count()).toBe(0);
  });

  it('a page chunk whose first fetch fails (a busy machine) loads on the retry', async () => {
    const { page } = app;
    let asked = 0;
    // Only the first request fails; the retry asks the same address again and gets it.
    await page.route(/\/assets\/volumes-page-[^/]+\.js$/, (route) => (++asked === 1 ? route.fulfill({ status: 503, body: 'busy' }) : route.continue()));
    await page.evaluate(() => (location.hash = '#/volumes'));
    await page.getByRole('table', { name: 'Volumes' }).waitFor({ timeout: 15_000 });
    expect(asked).toBeGreaterThan(1);
    expect(await page.getByText('Berth was updated since this window opened').count()).toBe(0);
  });

  // Chromium aborts requests to 127.0.0.1 with ERR_NETWORK_CHANGED when a container start adds a network
  // interface: a tab's chunk or a page's stylesheet can fail once, as a page's chunk can.
  it("a details tab's chunk whose first fetches fail loads on the retry", async () => {
    const { page } = app;
    let asked = 0;
    // Two failures: the page's modulepreload of the chunk (when Vite emits one) and the import itself.
    await page.route(/\/assets\/layers-tab-[^/]+\.js$/, (route) => (++asked <= 2 ? route.fulfill({ status: 503, body: 'busy' }) : route.continue()));
    const id = await docker('image', 'inspect', '-f', '{{.Id}}', testImage);
    await page.evaluate((hash) => (location.hash = hash), `#/images/${encodeURIComponent(id)}/layers`);
    await page.getByRole('listbox', { name: 'Layers' }).waitFor({ timeout: 30_000 });
    expect(asked).toBeGreaterThan(2);
    expect(await page.getByRole('alert').filter({ hasText: /updated since this window opened|could not be shown/ }).count()).toBe(0);
  });

  it("a page's stylesheet whose first fetch fails is fetched again, and the page has its styles", async () => {
    const { page } = app;
    let asked = 0;
    await page.route(/\/assets\/disk-usage-page-[^/]+\.css$/, (route) => (++asked === 1 ? route.fulfill({ status: 503, body: 'busy' }) : route.continue()));
    await page.evaluate(() => (location.hash = '#/disk-usage'));
    await page.getByRole('button', { name: 'Measure again' }).waitFor({ timeout: 30_000 });
    expect(await page.getByRole('alert').filter({ hasText: /updated since this window opened|could not be shown/ }).count()).toBe(0);
    expect(asked).toBe(2);
    // The sheet is in the document with its rules, once (the failed <link> was replaced, not kept).
    const sheets = await page.evaluate(() =>
      [...document.styleSheets].filter((s) => /disk-usage-page-[^/]+\.css$/.test(s.href ?? '')).map((s) => s.cssRules.length),
    );
    expect(sheets).toHaveLength(1);
    expect(sheets[0]).toBeGreaterThan(0);
  });
});
