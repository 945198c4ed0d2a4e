import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openApp, startBerth, type RunningBerth } from './support/berth.js';
import { docker, removeContainers, testImage, uniqueName } from './support/docker-cli.js';

const prefix = 'berth-e2e-rbpage';

describe('Recently removed: a page of its own, found from the Volumes page too, with an entry limit set in Settings', () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'berth-e2e-rbpage-')), 'data');
  const binDir = join(dataDir, 'recycle-bin');
  const volume = uniqueName(prefix);
  const names = [1, 2, 3].map(() => uniqueName(prefix));
  let berth: RunningBerth;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    await docker('volume', 'create', volume);
    for (const n of names) await docker('create', '--name', n, testImage, 'true');
    berth = await startBerth(['--no-embedded-engine', '--data-dir', dataDir]);
    browser = await launchBrowser();
    ({ page, errors } = await openApp(browser, berth, '#/volumes'));
    await page.setViewportSize({ width: 1200, height: 640 });
  });
  afterAll(async () => {
    await browser?.close();
    expect(await berth?.stop()).toBe(0);
    await removeContainers(prefix);
    await docker('volume', 'rm', '-f', volume).catch(() => undefined);
  });

  const sidebarLink = () => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Recently removed' });
  const volumeItem = () => page.getByRole('listitem', { name: `volume ${volume}` });

  it('a removed volume is found from the Volumes page, on a page that does not say nothing was removed', async () => {
    const row = page.getByRole('table', { name: 'Volumes' }).getByRole('row', { name: volume, exact: true });
    await row.getByRole('button', { name: `Remove ${volume}` }).click({ timeout: 15_000 });
    const dialog = page.getByRole('alertdialog', { name: `Remove volume ${volume}?` });
    await expect.poll(() => dialog.innerText(), { timeout: 15_000 }).toContain('kept in Recently removed');
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect.poll(() => docker('volume', 'ls', '-q', '--filter', `name=^${volume}$`), { timeout: 15_000 }).toBe('');

    await page.getByRole('main').getByRole('link', { name: 'Recently removed' }).click();
    await volumeItem().waitFor({ timeout: 15_000 });
    expect(await page.evaluate(() => location.hash)).toBe('#/recently-removed?show=volumes');
    // Its own place in the sidebar, marked as the page shown, and its own title (not "Containers").
    expect(await sidebarLink().getAttribute('aria-current')).toBe('page');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Recently removed');
    // Only a volume was removed: the page does not say that nothing was.
    expect(await page.getByText('Nothing removed recently').count()).toBe(0);
    expect(await page.getByText('No container removed recently.').count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('from the Volumes page the volumes are in view, below any number of containers', async () => {
    await page.evaluate(() => (location.hash = '#/containers'));
    for (const n of names) {
      await page.getByRole('searchbox', { name: 'Filter containers' }).fill(n);
      await page.getByRole('button', { name: `Remove ${n}`, exact: true }).click({ timeout: 15_000 });
      await page.getByRole('dialog', { name: `Remove ${n}?` }).getByRole('button', { name: 'Remove', exact: true }).click();
      await expect.poll(() => docker('ps', '-aq', '--filter', `name=^/${n}$`), { timeout: 15_000 }).toBe('');
    }
    await page.evaluate(() => (location.hash = '#/volumes'));
    await page.getByRole('main').getByRole('link', { name: 'Recently removed' }).click();
    await volumeItem().waitFor({ timeout: 15_000 });
    await page.getByRole('listitem', { name: names[0], exact: true }).waitFor();
    const inView = () => volumeItem().evaluate((el) => el.getBoundingClientRect().top >= 0 && el.getBoundingClientRect().bottom <= window.innerHeight);
    await expect.poll(inView).toBe(true);
  });

  it('the old address under Containers still lands on it, and shows the new one', async () => {
    await page.evaluate(() => (location.hash = '#/containers'));
    await page.getByRole('table', { name: 'Containers' }).waitFor();
    await page.evaluate(() => (location.hash = '#/containers/recently-removed'));
    await volumeItem().waitFor({ timeout: 15_000 });
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/recently-removed');
    expect(await sidebarLink().getAttribute('aria-current')).toBe('page');
    expect(errors).toEqual([]);
  });

  it('the entry limit is a setting: checked, asked about when it drops entries, applied at once, and shown in the capacity note', async () => {
    // 4 entries so far; 7 more copies of a container's record make 11 (the oldest of them planted first).
    const record = readdirSync(binDir).find((f) => f.endsWith('.json') && readFileSync(join(binDir, f), 'utf8').includes(names[0]!))!;
    const base = JSON.parse(readFileSync(join(binDir, record), 'utf8')) as { id: string; removedAt: number; spec: { name: string } };
    for (let i = 1; i <= 7; i++) {
      const id = `planted-${i}`;
      writeFileSync(join(binDir, `${id}.json`), JSON.stringify({ ...base, id, removedAt: base.removedAt - i * 60_000, spec: { ...base.spec, name: `${prefix}-planted-${i}` } }));
    }

    await page.evaluate(() => (location.hash = '#/settings'));
    const field = page.getByLabel('Keep at most (entries, containers and volumes together)');
    await expect.poll(() => field.inputValue(), { timeout: 15_000 }).toBe('200');
    await field.fill('5');
    await page.getByRole('button', { name: 'Save entry limit' }).click();
    await expect.poll(() => page.getByRole('alert').allInnerTexts()).toContain('Too few: Recently removed keeps at least 10 entries (from 10 to 1,000).');

    // 10 of 11: the oldest (planted-7) would go, so it asks first and names it.
    await field.fill('10');
    await page.getByRole('button', { name: 'Save entry limit' }).click();
    const ask = page.getByRole('alertdialog', { name: 'Keep at most 10 entries?' });
    await ask.waitFor();
    expect(await ask.getByRole('list', { name: 'Deleted now' }).innerText()).toBe(`${prefix}-planted-7 (container)`);
    await ask.getByRole('button', { name: 'Delete 1 and keep at most 10' }).click();
    await expect.poll(() => JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')).recycleBin.maxEntries, { timeout: 10_000 }).toBe(10);
    // Applied by the back end at once: the oldest entry's file is gone.
    await expect.poll(() => existsSync(join(binDir, 'planted-7.json')), { timeout: 10_000 }).toBe(false);

    await sidebarLink().click();
    const note = page.getByRole('status', { name: 'Capacity' });
    await expect.poll(() => note.innerText(), { timeout: 15_000 }).toMatch(/^Recently removed is full \(10 entries\): the next removal drops the oldest entry for good, the configuration of container berth-e2e-rbpage-planted-6\./);
    await note.getByRole('link', { name: 'Change the limit in Settings' }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/settings');
    expect(errors).toEqual([]);
  });
});
