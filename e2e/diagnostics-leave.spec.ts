import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdirSync, mkdtempSync, openSync, writeSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openApp, startBerth, type RunningBerth } from './support/berth.js';

describe('the diagnostics bundle when the user leaves Settings while it is built', () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'berth-e2e-diagleave-')), 'data');
  // The bundle reads every VM console log under the data dir: one that is a FIFO holds the bundle at
  // that step until the test writes to it, so "while it is built" is a state the test controls.
  const gate = join(dataDir, 'vm', 'gate', 'console.log');
  let berth: RunningBerth;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    berth = await startBerth(['--no-embedded-engine', '--data-dir', dataDir]);
    mkdirSync(join(dataDir, 'vm', 'gate'), { recursive: true });
    execFileSync('mkfifo', [gate]);
    browser = await launchBrowser();
    ({ page, errors } = await openApp(browser, berth, '#/settings'));
  });
  afterAll(async () => {
    // A bundle still held (a failed test) is let go, so Berth stops cleanly.
    try {
      const fd = openSync(gate, constants.O_WRONLY | constants.O_NONBLOCK);
      writeSync(fd, 'x\n');
      closeSync(fd);
    } catch {
      // Nobody reading: nothing held.
    }
    await browser?.close();
    expect(await berth?.stop()).toBe(0);
  });

  const go = (label: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label, exact: true }).click();

  it('goes on: coming back shows it still being built, the file is saved, a notice says so wherever the user is, and Settings shows it after', async () => {
    const button = page.getByRole('button', { name: 'Download diagnostics bundle' });
    await button.click({ timeout: 15_000 });
    await page.getByRole('status').filter({ hasText: 'Building the bundle…' }).waitFor();

    await go('Containers');
    await page.getByRole('table', { name: 'Containers' }).waitFor({ timeout: 15_000 });
    // Back while it is built: the page says so, and a second click cannot start a second bundle.
    await go('Settings');
    await page.getByRole('status').filter({ hasText: 'Building the bundle…' }).waitFor({ timeout: 10_000 });
    expect(await button.isDisabled()).toBe(true);

    await go('Containers');
    await page.getByRole('table', { name: 'Containers' }).waitFor({ timeout: 15_000 });
    const download = page.waitForEvent('download', { timeout: 30_000 });
    // Opening the FIFO for writing is what lets the bundle's read go on: it may read nothing and close
    // before the write lands, which then fails with EPIPE (the bundle has moved on all the same).
    await writeFile(gate, '[    0.1] booting\n').catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
    });
    expect((await download).suggestedFilename()).toMatch(/^berth-diagnostics-.*\.tar\.gz$/);
    const fileName = (await download).suggestedFilename();
    // Told where the user is: the Containers page.
    await page.getByRole('status').filter({ hasText: `Diagnostics bundle saved: ${fileName}` }).waitFor({ timeout: 10_000 });

    await go('Settings');
    await page.getByRole('status').filter({ hasText: new RegExp(`^Saved ${fileName.replace(/\./g, '\\.')} \\(\\d+ KB\\)\\.$`) }).waitFor({ timeout: 10_000 });
    expect(await button.isEnabled()).toBe(true);
    expect(errors).toEqual([]);
  });
});
