import { describe, expect, it } from 'vitest';
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
});
