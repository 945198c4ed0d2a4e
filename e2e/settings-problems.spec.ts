import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, startBerth, type RunningBerth } from './support/berth.js';

describe('a settings file that could not be used, and an engine named on the command line', () => {
  const root = mkdtempSync(join(tmpdir(), 'berth-e2e-settings-problems-'));
  const dataDir = join(root, 'data');
  mkdirSync(dataDir);
  writeFileSync(join(dataDir, 'settings.json'), '{"theme": "dar');
  const dockerHost = process.env.DOCKER_HOST!;
  let berth: RunningBerth | undefined;
  afterAll(async () => {
    await berth?.stop();
  });

  it('tells of the reset on every page, links to Settings, and names --docker-host as what decides the engine', async () => {
    berth = await startBerth(['--no-embedded-engine', '--data-dir', dataDir, '--docker-host', dockerHost]);
    expect(readdirSync(dataDir).some((n) => n.startsWith('settings.broken-'))).toBe(true);
    const browser = await launchBrowser();
    try {
      const { page, errors } = await openApp(browser, berth, '#/containers');
      const banner = page.getByRole('alert').filter({ hasText: 'Berth’s settings file had a problem' });
      await banner.waitFor();
      await banner.getByText('not valid JSON').waitFor();

      // The link opens Settings, which shows its own notice instead of the banner.
      await banner.getByRole('link', { name: 'Open Settings' }).click();
      const engine = page.getByRole('region', { name: 'Engine' });
      await engine.waitFor();
      expect(await banner.count()).toBe(0);
      await page.getByText('The file was kept as').waitFor();
      // --docker-host: the engine is native, whatever the setting says, and a restart changes nothing.
      await expect.poll(() => engine.innerText()).toContain('In effect now: native.');
      await engine.getByText('--docker-host on the command line decides the engine; this setting applies when Berth starts without it.').waitFor();
      await engine.getByRole('combobox').selectOption('vm');
      await engine.getByText('✓ Saved').waitFor();
      expect(await engine.innerText()).not.toMatch(/restart Berth to switch/i);

      // The Engine page names the flag, not Berth's settings.
      await page.goto(`${berth.url}#/engine`);
      await expect.poll(() => page.getByRole('main').innerText(), { timeout: 10_000 }).toContain('--docker-host on the command line');
      expect(await page.getByRole('main').innerText()).not.toContain('Berth settings');

      // Dismissed once, gone from every page.
      await page.goto(`${berth.url}#/images`);
      await banner.waitFor();
      await banner.getByRole('button', { name: 'Dismiss' }).click();
      await expect.poll(() => banner.count()).toBe(0);
      await page.goto(`${berth.url}#/containers`);
      await page.getByRole('heading', { name: 'Containers' }).waitFor();
      expect(await banner.count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('names --engine as what decides the engine when the saved choice is another, and does not ask for a restart', async () => {
    await berth?.stop();
    const flagDir = join(root, 'flag-data');
    mkdirSync(flagDir);
    writeFileSync(join(flagDir, 'settings.json'), JSON.stringify({ engine: 'vm' }));
    berth = await startBerth(['--no-embedded-engine', '--data-dir', flagDir, '--engine', 'native']);
    const browser = await launchBrowser();
    try {
      const { page, errors } = await openApp(browser, berth, '#/settings');
      const engine = page.getByRole('region', { name: 'Engine' });
      await expect.poll(() => engine.innerText(), { timeout: 15_000 }).toContain('In effect now: native.');
      await engine.getByText('Berth was started with --engine native, which decides the engine; this setting applies when Berth starts without it.').waitFor();
      expect(await engine.innerText()).not.toMatch(/restart Berth to switch/i);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
