import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, startBerth, type RunningBerth } from './support/berth.js';

/** A Docker config at a long path, as /home/<someone>/.docker/config.json is: one long word to lay out. */
describe('registries page: the Logged in table fits its card at 1000 px', () => {
  let berth: RunningBerth;
  let browser: Browser;
  let page: Page;
  let root: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'berth-e2e-reglayout-'));
    const configDir = join(root, 'home', 'someone-with-a-long-user-name', '.docker');
    mkdirSync(configDir, { recursive: true });
    writeFileSync(join(configDir, 'config.json'), JSON.stringify({ auths: { '127.0.0.1:5000': { auth: Buffer.from('berth:x').toString('base64') } } }));
    berth = await startBerth(['--no-embedded-engine'], { DOCKER_CONFIG: configDir });
    browser = await launchBrowser();
    ({ page } = await openApp(browser, berth, '#/registries'));
    await page.setViewportSize({ width: 1000, height: 800 });
    await page.getByRole('table', { name: 'Known registries' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    expect(await berth?.stop()).toBe(0);
    rmSync(root, { recursive: true, force: true });
  });

  it('the path wraps inside the card and Log out stays within it', async () => {
    const card = page.locator('section', { has: page.getByRole('heading', { name: 'Logged in' }) });
    const box = (await card.boundingBox())!;
    const button = (await page.getByRole('button', { name: 'Log out of 127.0.0.1:5000' }).boundingBox())!;
    expect(button.x + button.width).toBeLessThanOrEqual(box.x + box.width);
    expect(await card.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  });
});
