import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, removeContainers } from './support/docker-cli.js';
import { buildMultiLayerImage, removeImages } from './support/images-fixtures.js';
import { closeSession, openSession, type AppSession } from './support/session.js';

const prefix = 'btlay-';
const tail = Date.now().toString(36).slice(-4);
// As long as "berth-test/busybox", with four tags (its "4 tags" badge shares the cell) and a container.
const repo = `btlay/webapp-${tail}`;
const tags = ['latest', 'v1', 'v2', 'v3'].map((t) => `${repo}:${t}`);
const user = `${prefix}web-${tail}`;

/** The element shows all its content: nothing cut off at its right edge. */
async function notClipped(el: Locator): Promise<void> {
  const { scrollWidth, clientWidth, text } = await el.evaluate((e) => ({ scrollWidth: e.scrollWidth, clientWidth: e.clientWidth, text: e.textContent }));
  expect(scrollWidth, `${text}: ${scrollWidth} px wide in ${clientWidth} px`).toBeLessThanOrEqual(clientWidth);
}

/** The cell's text up to `end` is drawn inside its content box (what follows may give way). */
async function startShown(cell: Locator, end: string): Promise<void> {
  const { right, edge } = await cell.evaluate((el, endText) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    range.setStart(el, 0);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = n.textContent!.indexOf(endText);
      if (i >= 0) {
        range.setEnd(n, i + endText.length);
        break;
      }
    }
    const box = el.getBoundingClientRect();
    return { right: range.getBoundingClientRect().right, edge: box.right - parseFloat(getComputedStyle(el).paddingRight) };
  }, end);
  expect(right, `"${end}" ends at ${right}, the cell's text room at ${edge}`).toBeLessThanOrEqual(edge + 0.5);
}

/** Vertical middle of a box. */
async function middle(el: Locator): Promise<number> {
  const b = (await el.boundingBox())!;
  return b.y + b.height / 2;
}

/**
 * A 1280 px window: the Images list keeps Repository (with its tags badge), Tag and Used by's count
 * whole (Image ID gives way), the Containers toolbar keeps its actions on the search field's line, and
 * Settings lines its labels up with their fields.
 */
describe('a 1280 px window: images columns, toolbars, settings rows', () => {
  let app: AppSession;

  beforeAll(async () => {
    await buildMultiLayerImage(tags[0]!, { steps: 1, kib: 4 });
    for (const t of tags.slice(1)) await docker('tag', tags[0]!, t);
    await docker('create', '--network', 'none', '--name', user, tags[0]!, 'true');
    app = await openSession('#/images', (page) => page.getByRole('table', { name: 'Images' }).waitFor());
    await app.page.setViewportSize({ width: 1280, height: 800 });
  });

  afterAll(async () => {
    expect(await closeSession(app)).toBe(0);
    await removeContainers(prefix);
    await removeImages(...tags);
  });

  it('Images: a repository with its “4 tags” badge, the tag “latest” and “1 container:” are not cut short', async () => {
    const { page } = app;
    await page.getByRole('searchbox', { name: 'Search images' }).fill(repo);
    const row = page.getByRole('row', { name: tags[0], exact: true });
    await row.getByText('4 tags').waitFor({ timeout: 15_000 });
    const cells = row.getByRole('cell');
    await notClipped(cells.nth(0).getByRole('link'));
    await notClipped(cells.nth(0));
    await notClipped(cells.nth(1));
    const usedBy = cells.filter({ hasText: /^1 container:/ });
    await usedBy.waitFor({ timeout: 15_000 });
    await startShown(usedBy, '1 container:');
    // Image ID gave way; the repository cell's tooltip names it.
    expect(await page.getByRole('columnheader', { name: 'Image ID' }).isVisible()).toBe(false);
    expect(await cells.nth(0).getAttribute('title')).toMatch(/Image ID [0-9a-f]{12}$/);
    expect(app.errors).toEqual([]);
  });

  it('Images at 1400 px (the table about 1134 px): Image ID is back, and the repository with its badge still whole', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 1400, height: 900 });
    try {
      const row = page.getByRole('row', { name: tags[0], exact: true });
      await page.getByRole('columnheader', { name: 'Image ID' }).waitFor({ timeout: 5_000 });
      const cells = row.getByRole('cell');
      expect(await cells.nth(2).innerText()).toMatch(/^[0-9a-f]{12}$/);
      await notClipped(cells.nth(0).getByRole('link'));
      await notClipped(cells.nth(0));
      await notClipped(cells.nth(1));
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it('Containers: the toolbar’s buttons share the search field’s line', async () => {
    const { page } = app;
    await page.evaluate(() => (location.hash = '#/containers'));
    const search = page.getByRole('searchbox', { name: 'Filter containers' });
    const run = page.getByRole('button', { name: 'Run a container' });
    await run.waitFor({ timeout: 15_000 });
    expect(Math.abs((await middle(run)) - (await middle(search)))).toBeLessThanOrEqual(2);
  });

  it('Settings: “Docker engine” shares its dropdown’s text baseline; radios sit at their label’s middle', async () => {
    const { page } = app;
    await page.evaluate(() => (location.hash = '#/settings'));
    const select = page.locator('.st-field', { hasText: 'Docker engine' }).locator('select');
    await select.waitFor({ timeout: 15_000 });
    const { label, reference } = await select.evaluate((el) => {
      const text = el.previousElementSibling as HTMLElement;
      const offset = (a: Element) => a.getBoundingClientRect().top - el.getBoundingClientRect().top;
      // Where the same text sits when baseline-aligned with a copy of the dropdown, out of the page's layout.
      const probe = document.createElement('div');
      probe.style.cssText = 'position:absolute;left:0;top:0;display:flex;align-items:baseline;visibility:hidden';
      const copy = el.cloneNode(true) as HTMLElement;
      const span = text.cloneNode(true) as HTMLElement;
      probe.append(span, copy);
      el.parentElement!.append(probe);
      const ref = span.getBoundingClientRect().top - copy.getBoundingClientRect().top;
      probe.remove();
      return { label: offset(text), reference: ref };
    });
    expect(Math.abs(label - reference), `label ${label} px below the dropdown's top, baseline at ${reference}`).toBeLessThanOrEqual(0.5);

    const radio = page.getByRole('radio', { name: 'Follow the system' });
    const { input, text } = await radio.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el.parentElement!);
      range.setStartAfter(el);
      const mid = (r: DOMRect) => r.top + r.height / 2;
      return { input: mid(el.getBoundingClientRect()), text: mid(range.getBoundingClientRect()) };
    });
    expect(Math.abs(input - text), `radio's middle at ${input}, its text's at ${text}`).toBeLessThanOrEqual(1.5);
    const legend = page.getByText('Theme', { exact: true });
    expect((await legend.boundingBox())!.x).toBeCloseTo((await radio.boundingBox())!.x, 0);
  });
});
