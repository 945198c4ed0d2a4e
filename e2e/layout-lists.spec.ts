import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, removeContainers, testImage } from './support/docker-cli.js';
import { closeSession, openSession, type AppSession } from './support/session.js';

const prefix = 'blay-';
const tail = Date.now().toString(36).slice(-4);
// 15 letters, bold: the Name column of a 1280 px window cut it after 12 (it had 117 px of text room).
const named = `${prefix}frontend-${tail.slice(-2)}`;
const exited = `${prefix}job-${tail}`;
// A volume of its own: the Volumes table's Browse link needs one (the engine may hold none).
const volume = `${prefix}vol-${tail}`;

/** The cell shows all its content: nothing cut off at its right edge. */
async function notClipped(cell: Locator): Promise<void> {
  const { scrollWidth, clientWidth, text } = await cell.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth, text: el.textContent }));
  expect(scrollWidth, `${text}: ${scrollWidth} px wide in ${clientWidth} px`).toBeLessThanOrEqual(clientWidth);
}

/**
 * The lists in a 1280 px window. Containers: Name and Status keep their text (Image, whose full name is on
 * the details page, gives way), and a container with several ports shows its "+N" inside the Ports cell.
 */
describe('lists in a 1280 px window: columns and link buttons', () => {
  let app: AppSession;

  beforeAll(async () => {
    await docker('run', '-d', '--name', named, '-p', '127.0.0.1::80', '-p', '127.0.0.1::443', '-p', '127.0.0.1::8443', testImage, 'sleep', '600');
    await docker('run', '--network', 'none', '--name', exited, testImage, 'sh', '-c', 'exit 3').catch(() => undefined);
    await docker('volume', 'create', volume);
    app = await openSession('#/containers');
    await app.page.setViewportSize({ width: 1280, height: 800 });
  });

  afterAll(async () => {
    expect(await closeSession(app)).toBe(0);
    await removeContainers(prefix);
    await docker('volume', 'rm', '-f', volume).catch(() => undefined);
  });

  it('shows a 15-letter name and an exited container’s status in full', async () => {
    const table = app.page.getByRole('table', { name: 'Containers' });
    const row = table.getByRole('row', { name: named, exact: true });
    await row.waitFor({ timeout: 15_000 });
    await notClipped(row.locator('.cell-name'));
    const status = table.getByRole('row', { name: exited, exact: true }).locator('.cell-status');
    await status.getByText(/^Exited \(3\)/).waitFor({ timeout: 15_000 });
    await notClipped(status);
    expect(app.errors).toEqual([]);
  });

  it('keeps a row’s “+2 more ports” inside the Ports cell, the first port giving way', async () => {
    const row = app.page.getByRole('table', { name: 'Containers' }).getByRole('row', { name: named, exact: true });
    const cell = row.locator('.cell-ports');
    const more = cell.locator('.port--more');
    await more.waitFor({ timeout: 15_000 });
    expect(await more.innerText()).toMatch(/^\+2/);
    await notClipped(cell);
    const c = (await cell.boundingBox())!;
    const m = (await more.boundingBox())!;
    expect(m.x + m.width).toBeLessThanOrEqual(c.x + c.width);
  });

  it('draws links that look like buttons (Recently removed, a volume’s Browse) without a link underline', async () => {
    const { page } = app;
    await page.evaluate(() => (location.hash = '#/volumes'));
    const links = [page.getByRole('main').getByRole('link', { name: 'Recently removed' }), page.getByRole('table', { name: 'Volumes' }).getByRole('link', { name: /^Browse / }).first()];
    for (const link of links) {
      await link.waitFor({ timeout: 15_000 });
      await link.hover();
      // Before, these two kept the page's link underline while the Containers page's "Recently removed" had none.
      expect(await link.evaluate((el) => getComputedStyle(el).textDecorationLine)).toBe('none');
    }
  });
});
