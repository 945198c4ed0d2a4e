import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, startBerth, type RunningBerth } from './support/berth.js';
import { docker, testImage, uniqueName } from './support/docker-cli.js';

const fixture = resolve(__dirname, 'fixtures/build/two-stage');
const tag = `${uniqueName('berth-e2e-layers')}:1`;

describe('layers explorer', () => {
  let berth: RunningBerth;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let imageId: string;

  beforeAll(async () => {
    // The classic builder, as Berth uses it (the engine has no BuildKit session here).
    process.env.DOCKER_BUILDKIT = '0';
    await docker('build', '-q', '-t', tag, fixture);
    imageId = await docker('image', 'inspect', '-f', '{{.Id}}', tag);
    berth = await startBerth(['--no-embedded-engine']);
    browser = await launchBrowser();
    ({ page, errors } = await openApp(browser, berth, `#/images/${encodeURIComponent(imageId)}/layers`));
    await page.getByRole('listbox', { name: 'Layers' }).waitFor({ timeout: 60_000 });
  });

  afterAll(async () => {
    await browser?.close();
    expect(await berth?.stop()).toBe(0);
    await docker('rmi', '-f', tag).catch(() => undefined);
  });

  const layer = (n: number) => page.getByRole('option', { name: new RegExp(`^Layer ${n}\\b`) });
  const tree = (n: number) => page.getByRole('tree', { name: `Files of layer ${n}` });

  it('finds the file the second layer adds and the third deletes, and counts it as wasted space', async () => {
    const layers = page.getByRole('listbox', { name: 'Layers' });
    expect(await layers.getByRole('option').count()).toBe(5);
    expect(await layer(2).innerText()).toContain('RUN echo "berth fixture: written by layer 2, deleted by layer 3" > /junk.txt');
    expect(await layer(3).innerText()).toContain('RUN rm /junk.txt');
    // Layer 1 is the base image's: named as shared (all names in the tooltip, local names first on screen).
    expect(await layer(1).innerText()).toMatch(/shared with: /);
    expect((await layer(1).locator('.layers__shared').getAttribute('title'))?.split('\n')).toContain(testImage);

    await layer(2).click();
    const added = tree(2).getByRole('treeitem', { name: /^junk\.txt/ });
    await added.waitFor();
    expect(await added.innerText()).toMatch(/junk\.txt\s+added\s+54 B/);

    await layer(3).click();
    const deleted = tree(3).getByRole('treeitem', { name: /^junk\.txt/ });
    await deleted.waitFor();
    expect(await deleted.innerText()).toMatch(/junk\.txt\s+deleted\s+54 B/);
    expect(await tree(3).getByRole('treeitem').count()).toBe(1);

    const wasted = page.getByRole('region', { name: 'Wasted space' });
    expect(await wasted.innerText()).toContain('54 B');
    const row = wasted.getByRole('row', { name: /\/junk\.txt/ });
    expect(await row.innerText()).toMatch(/\/junk\.txt\s+54 B\s+layer 2\s+deleted in layer 3/);
    expect(errors).toEqual([]);
  });

  it('filters files, shows the whole file system without "Only changes", and folders expand', async () => {
    await layer(4).click();
    await page.getByRole('checkbox', { name: 'Only changes' }).uncheck();
    const t = tree(4);
    // The whole file system: base folders are there, collapsed; the junk file is gone.
    const bin = t.getByRole('treeitem', { name: /^bin\// });
    await bin.waitFor();
    expect(await bin.getAttribute('aria-expanded')).toBe('false');
    await bin.click();
    expect(await bin.getAttribute('aria-expanded')).toBe('true');
    expect(await t.getByRole('treeitem', { name: /^busybox/ }).count()).toBe(1);
    expect(await t.getByRole('treeitem', { name: /^junk\.txt/ }).count()).toBe(0);

    await page.getByRole('searchbox', { name: 'Filter files' }).fill('hello');
    await expect.poll(() => t.getByRole('treeitem').allInnerTexts()).toEqual([expect.stringMatching(/^▾\s*app\//), expect.stringMatching(/hello\.txt\s+added/)]);
    expect(errors).toEqual([]);
  });
});
