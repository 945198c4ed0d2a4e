import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, startBerth, type RunningBerth } from './support/berth.js';
import { docker, removeContainers, testImage, uniqueName } from './support/docker-cli.js';

const prefix = 'berth-e2e-narrow';
const running = uniqueName(prefix);
const volume = uniqueName(`${prefix}-vol`);

/** The table's scroll box scrolls no sideways, and `last` ends inside the table's box. */
async function fitsWithin(table: Locator, last: Locator): Promise<void> {
  await last.waitFor({ timeout: 15_000 });
  const { scrollWidth, clientWidth } = await table.evaluate((el) => {
    // The scroll box is the table itself or, for the grid tables, the element that scrolls.
    const box = [el, ...el.querySelectorAll('*')].find((e) => getComputedStyle(e).overflowX === 'auto') ?? el;
    return { scrollWidth: box.scrollWidth, clientWidth: box.clientWidth };
  });
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  const t = (await table.boundingBox())!;
  const b = (await last.boundingBox())!;
  expect(b.x + b.width).toBeLessThanOrEqual(t.x + t.width);
}

/**
 * A 1280 px window, as on many laptops: each list shows all its columns, and each row's last action
 * lies inside the table, with no sideways scrolling (the tables' minimum widths, renderer/src/features/
 * {containers,images,volumes}/*.css).
 */
describe('lists in a 1280 px window', () => {
  let berth: RunningBerth;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    // Five row actions (stop, restart, pause, kill, remove) and a published port: the widest row.
    await docker('run', '-d', '--name', running, '-p', '127.0.0.1::80', testImage, 'httpd', '-f', '-p', '80', '-h', '/www');
    await docker('volume', 'create', volume);
    berth = await startBerth(['--no-embedded-engine']);
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${berth.url}#/containers`);
  });

  afterAll(async () => {
    await browser?.close();
    expect(await berth?.stop()).toBe(0);
    await removeContainers(prefix);
    await docker('volume', 'rm', '-f', volume).catch(() => undefined);
  });


  it('Containers: a running container’s Remove and its published port are in view', async () => {
    const table = page.getByRole('table', { name: 'Containers' });
    const row = table.getByRole('row', { name: running, exact: true });
    await fitsWithin(table, row.getByRole('button', { name: `Remove ${running}` }));
    const port = row.getByRole('cell').filter({ hasText: /127\.0\.0\.1:\d+→80\/tcp/ });
    expect(await port.count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('Images: a row’s Remove is in view', async () => {
    await page.evaluate(() => (location.hash = '#/images'));
    const table = page.getByRole('table', { name: /images/i }).first();
    await fitsWithin(table, table.getByRole('button', { name: /^Remove/ }).first());
  });

  it('Volumes: a row’s Remove is in view', async () => {
    await page.evaluate(() => (location.hash = '#/volumes'));
    const table = page.getByRole('table', { name: 'Volumes' });
    await fitsWithin(table, table.getByRole('row', { name: volume, exact: true }).getByRole('button', { name: `Remove ${volume}` }));
    // Its Created cell holds the longest "minutes ago" whole (it cut "26 minutes …").
    const created = table.getByRole('row', { name: volume, exact: true }).getByRole('cell').nth(3);
    const fit = await created.evaluate((el) => {
      el.textContent = '59 minutes ago';
      return { scroll: el.scrollWidth, client: el.clientWidth };
    });
    expect(fit.scroll).toBeLessThanOrEqual(fit.client);
  });
});

/** Half of a 1920 px screen, or less: toolbars wrap, but their buttons stay in their groups. */
describe('a 900 px window', () => {
  let berth: RunningBerth;
  let browser: Browser;

  beforeAll(async () => {
    await docker('run', '-d', '--name', `${running}-sh`, testImage, 'sleep', '600');
    await docker('volume', 'create', `${volume}-900`);
    berth = await startBerth(['--no-embedded-engine']);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    expect(await berth?.stop()).toBe(0);
    await removeContainers(prefix);
    await docker('volume', 'rm', '-f', `${volume}-900`).catch(() => undefined);
  });

  it('the sidebar folds to its icons, its links keep their names, and the Containers list fits with each row’s actions', async () => {
    const context = await browser.newContext({ viewport: { width: 900, height: 700 } });
    try {
      const page = await context.newPage();
      await page.goto(`${berth.url}#/containers`);
      const nav = page.getByRole('navigation', { name: 'Main' });
      const images = nav.getByRole('link', { name: 'Images', exact: true });
      await images.waitFor({ timeout: 15_000 });
      // Folded: 64 px instead of 216, the page gets the rest. Before, the table scrolled sideways and cut names to 5 letters.
      expect((await nav.boundingBox())!.width).toBeLessThan(64);
      expect(await images.getAttribute('title')).toBe('Images');
      const table = page.getByRole('table', { name: 'Containers' });
      const row = table.getByRole('row', { name: `${running}-sh`, exact: true });
      await fitsWithin(table, row.getByRole('button', { name: `Remove ${running}-sh` }));
      expect(await table.getByRole('columnheader', { name: 'Created' }).isVisible()).toBe(false);
      await images.click();
      await page.getByRole('heading', { name: 'Images', level: 1 }).waitFor({ timeout: 15_000 });
      // Images: no Image ID and Unique / shared columns here (the details page has both), so the actions fit.
      const itable = page.getByRole('table', { name: /images/i }).first();
      await fitsWithin(itable, itable.getByRole('button', { name: /^Remove/ }).first());
      expect(await itable.getByRole('columnheader', { name: 'Image ID' }).isVisible()).toBe(false);
      expect(await itable.getByRole('columnheader', { name: 'Size', exact: true }).isVisible()).toBe(true);
      // Volumes: no Driver, Labels and Mountpoint columns here (the volume's page has them).
      await nav.getByRole('link', { name: 'Volumes', exact: true }).click();
      const vtable = page.getByRole('table', { name: 'Volumes' });
      await fitsWithin(vtable, vtable.getByRole('button', { name: /^Remove / }).first());
      expect(await vtable.getByRole('columnheader', { name: 'Mountpoint' }).isVisible()).toBe(false);
    } finally {
      await context.close();
    }
  });

  it('Terminal: Copy, Paste and Clear wrap together, on one line at the right', async () => {
    const context = await browser.newContext({ viewport: { width: 900, height: 700 } });
    try {
      const page = await context.newPage();
      await page.goto(`${berth.url}#/containers/${running}-sh/terminal`);
      const toolbar = page.getByRole('toolbar', { name: 'Terminal controls' });
      await toolbar.getByText(/^Connected/).waitFor({ timeout: 20_000 });
      const boxes = await Promise.all(['Copy', 'Paste', 'Clear'].map(async (name) => (await toolbar.getByRole('button', { name, exact: true }).boundingBox())!));
      // Before the group, Clear wrapped to a line of its own under Copy and Paste.
      expect(new Set(boxes.map((b) => Math.round(b.y))).size).toBe(1);
      const bar = (await toolbar.boundingBox())!;
      expect(boxes[2]!.x + boxes[2]!.width).toBeGreaterThan(bar.x + bar.width - 2);
    } finally {
      await context.close();
    }
  });
});
