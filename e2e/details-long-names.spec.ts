import { randomBytes } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker } from './support/docker-cli.js';
import { closeSession, openSession, type AppSession } from './support/session.js';

const prefix = 'berth-e2e-longname';
// What an anonymous volume is called (64 hex digits), and the longest names the engine takes.
const anonymous = randomBytes(32).toString('hex');
const longVolume = `${prefix}-${'v'.repeat(255)}`.slice(0, 255);
const longNetwork = `${prefix}-${'n'.repeat(128)}`.slice(0, 128);

/** The element's box lies inside the outer one's (with half a pixel of rounding), and it is one line high. */
async function insideOnOneLine(outer: Locator, inner: Locator): Promise<string | true> {
  const o = (await outer.boundingBox())!;
  const i = (await inner.boundingBox())!;
  // The text's line boxes: one top for one line.
  const lines = await inner.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  });
  if (i.x < o.x - 0.5 || i.x + i.width > o.x + o.width + 0.5) return `${await inner.innerText()} is out of view (x ${i.x}–${i.x + i.width}, page ${o.x}–${o.x + o.width})`;
  if (lines > 1) return `${await inner.innerText()} wraps onto ${lines} lines`;
  return true;
}

const checkActions = async (page: Page, names: string[]) => {
  const main = page.getByRole('main');
  for (const name of names) expect(await insideOnOneLine(main, page.getByRole('button', { name, exact: true }))).toBe(true);
  // Nothing runs off the page sideways.
  expect(await main.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
};

/** A details page keeps its actions on screen, however long the name it shows. */
describe('details pages with long names, in a 1280 px window', () => {
  let app: AppSession;

  beforeAll(async () => {
    for (const v of [anonymous, longVolume]) await docker('volume', 'create', v);
    await docker('network', 'create', longNetwork);
    app = await openSession('#/volumes', (page) => page.getByRole('table', { name: 'Volumes' }).waitFor());
    await app.page.setViewportSize({ width: 1280, height: 800 });
  });

  afterAll(async () => {
    expect(await closeSession(app)).toBe(0);
    await docker('volume', 'rm', anonymous, longVolume).catch(() => undefined);
    await docker('network', 'rm', longNetwork).catch(() => undefined);
  });

  for (const [what, name] of [
    ['an anonymous volume', anonymous],
    ['a volume with a 255-character name', longVolume],
  ] as const) {
    it(`${what}: every action stays on screen, on one line`, async () => {
      const { page, berth } = app;
      await page.goto(`${berth.url}#/volumes/${name}`);
      await page.getByRole('heading', { name }).waitFor({ timeout: 10_000 });
      await checkActions(page, ['Export', 'Import into', 'Clone', 'Empty', 'Remove']);
      expect(app.errors).toEqual([]);
    });
  }

  it('a network with a 128-character name: Connect and Remove stay on screen, on one line', async () => {
    const { page, berth } = app;
    await page.goto(`${berth.url}#/networks/${longNetwork}`);
    await page.getByRole('heading', { name: longNetwork }).waitFor({ timeout: 10_000 });
    await checkActions(page, ['Connect a container…', 'Remove…']);
    expect(app.errors).toEqual([]);
  });

  it('the prune dialogs wrap a long name inside the list, which scrolls only up and down', async () => {
    const { page, berth } = app;
    const fits = (list: Locator) => list.evaluate((el) => el.scrollWidth - el.clientWidth);

    await page.goto(`${berth.url}#/networks`);
    await page.getByRole('button', { name: 'Prune…' }).click();
    const networks = page.getByRole('list', { name: 'Networks to remove' });
    await networks.getByText(longNetwork).waitFor({ timeout: 10_000 });
    expect(await fits(networks)).toBeLessThanOrEqual(1);
    await page.getByRole('button', { name: 'Cancel' }).click();

    await page.goto(`${berth.url}#/volumes`);
    await page.getByRole('button', { name: 'Prune', exact: true }).click();
    await page.getByLabel('Every volume no container uses (named ones too)').check();
    const volumes = page.getByRole('list', { name: 'Volumes to remove' });
    await volumes.getByText(longVolume).waitFor({ timeout: 10_000 });
    expect(await fits(volumes)).toBeLessThanOrEqual(1);
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(app.errors).toEqual([]);
  });
});
