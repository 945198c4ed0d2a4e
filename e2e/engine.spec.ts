import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../engine/testing/test-files.js';
import { launchBrowser, openApp, startBerth, writeTokenFile } from './support/berth.js';
import { docker } from './support/docker-cli.js';

describe('engine page and browser-mode guard', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows what `docker version` and `docker info` show', async () => {
    const berth = await startBerth(['--no-embedded-engine']);
    try {
      const { page, errors } = await openApp(browser, berth, '#/engine');
      await page.getByRole('heading', { name: 'Engine' }).waitFor();
      const serverVersion = await docker('version', '--format', '{{.Server.Version}}');
      const storage = await docker('info', '--format', '{{.Driver}}');
      const main = page.getByRole('main');
      await expect.poll(() => main.innerText(), { timeout: 10_000 }).toContain(serverVersion);
      const text = await main.innerText();
      expect(text).toContain(storage);
      expect(text).toMatch(/containerd/i);
      expect(text).toMatch(/runc/i);
      expect(errors).toEqual([]);
    } finally {
      await berth.stop();
    }
  });

  it('says exactly why when no engine can be had, instead of a blank page or an endless spinner', async () => {
    const berth = await startBerth(['--no-embedded-engine', '--docker-host', 'unix:///tmp/berth-no-such-engine.sock']);
    try {
      const { page } = await openApp(browser, berth, '#/containers');
      const alert = page.getByRole('alert');
      await expect.poll(() => alert.first().innerText(), { timeout: 15_000 }).toMatch(/berth-no-such-engine\.sock|not reachable|cannot|no docker engine/i);
    } finally {
      await berth.stop();
    }
  });

  it('refuses a wrong token with 401 and accepts --token-file', async () => {
    const token = 'e2e-' + 'a'.repeat(40);
    const berth = await startBerth(['--no-embedded-engine', '--token-file', writeTokenFile(token)]);
    try {
      expect(berth.token).toBe(token);
      const page = await (await browser.newContext()).newPage();
      const bad = await page.goto(`${berth.origin}/?token=wrong`);
      expect(bad?.status()).toBe(401);
      const good = await page.goto(berth.url);
      expect(good?.status()).toBe(200);
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
    } finally {
      await berth.stop();
    }
  });

  it('says so when the server came back with a new token, and reconnects once the new address is opened', async () => {
    const port = await freePort();
    const start = (token: string) => startBerth(['--no-embedded-engine', '--port', String(port), '--token-file', writeTokenFile(token)]);
    const first = await start('e2e-' + 'b'.repeat(40));
    let second: Awaited<ReturnType<typeof startBerth>> | undefined;
    try {
      const { page } = await openApp(browser, first, '#/engine');
      await page.getByRole('heading', { name: 'Engine' }).waitFor();
      await first.stop();
      await page.getByRole('alert').filter({ hasText: 'Back end not reachable' }).waitFor({ timeout: 15_000 });
      second = await start('e2e-' + 'c'.repeat(40));
      const outOfDate = page.getByRole('alert').filter({ hasText: 'access token is out of date' });
      await outOfDate.waitFor({ timeout: 20_000 });
      expect(await outOfDate.textContent()).toContain('?token=');
      // The new address, opened in another tab, sets the cookie that this page's reconnects send too.
      const tab = await page.context().newPage();
      await tab.goto(second.url);
      await outOfDate.waitFor({ state: 'detached', timeout: 20_000 });
      await page.getByRole('heading', { name: 'Engine' }).waitFor();
    } finally {
      await first.stop();
      await second?.stop();
    }
  });
});
