import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, removeContainers, testImage } from './support/docker-cli.js';
import { closeSession, openSession, type AppSession } from './support/session.js';

const prefix = 'bstc-';
const tail = Date.now().toString(36).slice(-4);
// 15 letters, bold, as in layout-lists.spec.ts: a 1280 px window must show it whole.
const running = `${prefix}frontend-${tail.slice(-2)}`;
const paused = `${prefix}paused-${tail}`;
const exited = `${prefix}job-${tail}`;
const created = `${prefix}new-${tail}`;

/** The element shows all its content: nothing cut off at its right edge. */
async function notClipped(el: Locator): Promise<void> {
  const { scrollWidth, clientWidth, text } = await el.evaluate((e) => ({ scrollWidth: e.scrollWidth, clientWidth: e.clientWidth, text: e.textContent }));
  expect(scrollWidth, `${text}: ${scrollWidth} px wide in ${clientWidth} px`).toBeLessThanOrEqual(clientWidth);
}

/**
 * The Containers list has one Status column: the state as a dot named by its word, the engine's status,
 * and a running container's CPU sparkline. Before, a State column took the 92 px that a 1280 px window
 * needed for the sparkline, which that window hid.
 */
describe('containers list: the Status column holds the state, the status and the CPU sparkline', () => {
  let app: AppSession;
  const table = () => app.page.getByRole('table', { name: 'Containers' });
  const row = (name: string) => table().getByRole('row', { name, exact: true });

  beforeAll(async () => {
    await docker('run', '-d', '--network', 'none', '--name', running, testImage, 'sleep', '600');
    await docker('run', '-d', '--network', 'none', '--name', paused, testImage, 'sleep', '600');
    await docker('pause', paused);
    await docker('run', '--network', 'none', '--name', exited, testImage, 'sh', '-c', 'exit 3').catch(() => undefined);
    await docker('create', '--network', 'none', '--name', created, testImage, 'true');
    app = await openSession('#/containers');
    await app.page.setViewportSize({ width: 1280, height: 800 });
    await app.page.getByRole('searchbox', { name: 'Filter containers' }).fill(prefix);
  });

  afterAll(async () => {
    expect(await closeSession(app)).toBe(0);
    await docker('unpause', paused).catch(() => undefined);
    await removeContainers(prefix);
  });

  it('at 1280 px shows a running container’s CPU sparkline, its 15-letter name and its status whole', async () => {
    const r = row(running);
    const spark = r.getByRole('img', { name: /^CPU/ });
    await spark.waitFor({ timeout: 15_000 });
    expect(await spark.isVisible()).toBe(true);
    // Inside the table's visible width: nothing scrolls sideways.
    const box = (await spark.boundingBox())!;
    const edge = await table().evaluate((el) => ({ right: el.getBoundingClientRect().right, scrolls: el.scrollWidth > el.clientWidth }));
    expect(edge.scrolls).toBe(false);
    expect(box.x + box.width).toBeLessThanOrEqual(edge.right);
    await notClipped(r.locator('.cell-name'));
    const status = r.locator('.cell-status__text');
    await expect.poll(() => status.innerText(), { timeout: 15_000 }).toMatch(/^Up \d+ seconds?$/);
    await notClipped(status);
    // The Image column gives way first: it shows the image's last part and tag (busybox:latest, not
    // "berth-t…"), with the full reference in its title.
    const image = r.locator('.cell-image');
    expect(await image.innerText()).toBe(testImage.slice(testImage.lastIndexOf('/') + 1));
    expect(await image.getAttribute('title')).toBe(testImage);
    expect(app.errors).toEqual([]);
  });

  it('names each row’s state in its Status cell, beside the engine’s words for it', async () => {
    const expected: [string, string, RegExp][] = [
      [running, 'running', /^Up /],
      [paused, 'paused', /\(Paused\)$/],
      [exited, 'exited', /^Exited \(3\)/],
      [created, 'created', /^Created$/],
    ];
    for (const [name, state, text] of expected) {
      const cell = row(name).getByRole('cell').filter({ has: app.page.locator('.cell-status__text') });
      await cell.getByRole('img', { name: state, exact: true }).waitFor({ timeout: 15_000 });
      expect(await cell.locator('.cell-status__text').innerText()).toMatch(text);
      await notClipped(cell);
    }
    // A stopped container has no sparkline.
    expect(await row(exited).getByRole('img', { name: /^CPU/ }).count()).toBe(0);
  });

  it('sorts by state from the Status header: running first, then paused, created, exited; again reverses', async () => {
    const header = app.page.getByRole('columnheader', { name: 'Status' });
    const order = () => table().getByRole('row').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label')).filter((n): n is string => !!n));
    expect(await header.getAttribute('aria-sort')).toBe('none');
    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(order, { timeout: 5_000 }).toEqual([running, paused, created, exited]);
    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(order, { timeout: 5_000 }).toEqual([exited, created, paused, running]);
  });

  it('in a 900 px window the sparkline gives way and the state dot stays', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 900, height: 800 });
    try {
      await expect.poll(() => row(running).getByRole('img', { name: /^CPU/ }).isVisible(), { timeout: 5_000 }).toBe(false);
      expect(await row(running).getByRole('img', { name: 'running', exact: true }).isVisible()).toBe(true);
      expect(await table().evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(false);
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it('turns the dot of a container its health check finds unhealthy red, and its tooltip says so', async () => {
    const sick = `${prefix}sick-${tail}`;
    await docker('run', '-d', '--network', 'none', '--name', sick, '--health-cmd', 'false', '--health-interval', '1s', '--health-retries', '1', testImage, 'sleep', '600');
    const titles = () => row(sick).locator('.cell-status .state-dot').evaluateAll((dots) => dots.map((d) => d.getAttribute('title')));
    await expect.poll(titles, { timeout: 20_000 }).toEqual(['running, unhealthy']);
    const dot = (name: string) => row(name).getByRole('img', { name: 'running', exact: true });
    const colour = (el: Element) => getComputedStyle(el).backgroundColor;
    const red = await app.page.evaluate(() => {
      const probe = document.createElement('span');
      probe.style.background = 'var(--red)';
      document.body.append(probe);
      const c = getComputedStyle(probe).backgroundColor;
      probe.remove();
      return c;
    });
    expect(await dot(sick).evaluate(colour)).toBe(red);
    expect(await dot(running).evaluate(colour)).not.toBe(red);
    expect(await row(sick).locator('.cell-status__text').innerText()).toMatch(/\(unhealthy\)$/);
  });
});
