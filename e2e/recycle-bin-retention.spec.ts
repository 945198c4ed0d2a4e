import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openApp, startBerth, type RunningBerth } from './support/berth.js';
import { docker, removeContainers, testImage, uniqueName } from './support/docker-cli.js';

const prefix = 'berth-e2e-binret';
const HOUR = 3_600_000;

describe('recycle bin retention: a shorter window that would delete removed items asks first', () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'berth-e2e-binret-')), 'data');
  const binDir = join(dataDir, 'recycle-bin');
  const name = uniqueName(prefix);
  let berth: RunningBerth;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    await docker('create', '--name', name, testImage, 'true');
    berth = await startBerth(['--no-embedded-engine', '--data-dir', dataDir]);
    browser = await launchBrowser();
    ({ page, errors } = await openApp(browser, berth, '#/containers'));
  });
  afterAll(async () => {
    await browser?.close();
    await berth?.stop();
    await removeContainers(prefix);
  });

  /** The bin's record of the container, as kept on disk. */
  const recordFile = () => readdirSync(binDir).map((f) => join(binDir, f)).find((f) => f.endsWith('.json') && !f.endsWith('settings.json') && readFileSync(f, 'utf8').includes(name))!;

  it('names what goes, keeps everything on Cancel, and deletes only after the confirmation', async () => {
    await page.getByRole('searchbox', { name: 'Filter containers' }).fill(name);
    await page.getByRole('button', { name: `Remove ${name}` }).click();
    await page.getByRole('dialog', { name: `Remove ${name}?` }).getByRole('button', { name: 'Remove', exact: true }).click();
    await expect.poll(() => docker('ps', '-aq', '--filter', `name=^/${name}$`), { timeout: 15_000 }).toBe('');
    // Removed two hours ago, as far as the bin knows (the page reads the bin again when it opens).
    await expect.poll(() => !!recordFile()).toBe(true);
    const file = recordFile();
    const record = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...record, removedAt: Date.now() - 2 * HOUR }));

    await page.evaluate(() => (location.hash = '#/containers/recently-removed'));
    const item = page.getByRole('listitem', { name });
    await item.waitFor({ timeout: 15_000 });
    const keep = page.getByLabel('Keep for');
    await keep.selectOption({ label: '1 hour' });
    const ask = page.getByRole('alertdialog', { name: 'Keep removed items for 1 hour?' });
    await ask.waitFor();
    expect(await ask.getByRole('list', { name: 'Deleted now' }).innerText()).toBe(`${name} (container)`);
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => ask.count()).toBe(0);
    expect(await keep.inputValue()).toBe(String(7 * 24 * HOUR));
    expect(await item.count()).toBe(1);

    // A window that deletes nothing applies at once.
    await keep.selectOption({ label: '3 days' });
    await expect.poll(() => keep.inputValue()).toBe(String(3 * 24 * HOUR));
    expect(await ask.count()).toBe(0);

    await keep.selectOption({ label: '1 hour' });
    await ask.getByRole('button', { name: 'Delete 1 and keep for 1 hour' }).click();
    await expect.poll(() => keep.inputValue()).toBe(String(HOUR));
    await expect.poll(() => item.count(), { timeout: 10_000 }).toBe(0);
    expect(errors).toEqual([]);
  });
});
