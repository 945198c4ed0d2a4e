import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { untarGz } from '../engine/testing/test-files.js';
import { launchBrowser, openApp, startBerth, type RunningBerth } from './support/berth.js';
import { docker, removeContainers, testImage, uniqueName } from './support/docker-cli.js';

const prefix = 'berth-e2e-stfields';
const authRegistry = process.env.BERTH_TEST_AUTH_REGISTRY ?? '127.0.0.1:5001';
const registryUser = process.env.BERTH_TEST_REGISTRY_USER ?? 'berth';
const registryPassword = process.env.BERTH_TEST_REGISTRY_PASSWORD ?? 'berth-secret';

describe('settings fields as a user types them, and a bundle after a real registry login', () => {
  const root = mkdtempSync(join(tmpdir(), 'berth-e2e-stfields-'));
  const dataDir = join(root, 'data');
  const dockerConfig = join(root, 'docker');
  mkdirSync(dockerConfig);
  let berth: RunningBerth;
  let browser: Browser;
  const settingsFile = () => join(dataDir, 'settings.json');
  /** The saved log buffer size; nothing saved yet: the file is written at the first change. */
  const savedLines = () => (existsSync(settingsFile()) ? (JSON.parse(readFileSync(settingsFile(), 'utf8')) as { logBufferLines: number }).logBufferLines : 'nothing saved');

  beforeAll(async () => {
    berth = await startBerth(['--no-embedded-engine', '--data-dir', dataDir], { DOCKER_CONFIG: dockerConfig });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await berth?.stop();
    await removeContainers(prefix);
  });

  it('says what is wrong with the log buffer size beside the field, for an empty, a too small and a too large value', async () => {
    const { page, errors } = await openApp(browser, berth, '#/settings');
    const logs = page.getByRole('region', { name: 'Logs' });
    await logs.waitFor();
    const field = logs.getByLabel('Lines a log view keeps in memory');
    const save = logs.getByRole('button', { name: 'Save' });
    const error = logs.getByRole('alert');
    await expect.poll(() => field.inputValue()).toBe('100000');

    // Empty is not 0: it used to say "must be at least 1000" to someone who had typed nothing.
    await field.fill('');
    await save.click();
    await expect.poll(() => error.innerText()).toBe('Enter a number of lines, from 1,000 to 1,000,000.');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`[id="${await field.getAttribute('aria-describedby')}"]`).innerText()).toBe('Enter a number of lines, from 1,000 to 1,000,000.');

    // Too large: the browser's own range check used to block the form and leave the last message standing.
    await field.fill('99999999');
    await save.click();
    await expect.poll(() => error.innerText()).toBe('Too many: a log view keeps at most 1,000,000 lines (1,000 to 1,000,000).');
    await field.fill('5');
    await field.press('Enter');
    await expect.poll(() => error.innerText()).toBe('Too few: a log view keeps at least 1,000 lines (1,000 to 1,000,000).');
    expect(savedLines()).toBe('nothing saved');

    await field.fill('2500');
    await save.click();
    await expect.poll(savedLines).toBe(2500);
    await expect.poll(() => error.count()).toBe(0);
    expect(await field.getAttribute('aria-invalid')).toBeNull();
    expect(errors).toEqual([]);
  });

  it('refuses to share a folder that does not exist, beside the field, and saves nothing', async () => {
    const { page, errors } = await openApp(browser, berth, '#/settings');
    const vm = page.getByRole('region', { name: 'Virtual machine' });
    await vm.waitFor();
    const before = existsSync(settingsFile()) ? readFileSync(settingsFile(), 'utf8') : 'nothing saved';
    const missing = join(root, 'no-such-folder');
    const field = vm.getByLabel('Folder to share (full path)');
    await field.fill(missing);
    await vm.getByRole('button', { name: 'Add folder' }).click();
    await vm.getByText(`${missing} does not exist on this computer: create the folder first, or check the path.`).first().waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await vm.getByRole('list', { name: 'Shared folders' }).getByText(missing).count()).toBe(0);
    expect(existsSync(settingsFile()) ? readFileSync(settingsFile(), 'utf8') : 'nothing saved').toBe(before);
    expect(errors).toEqual([]);
  });

  it('logs in to the registry on the Registries page, and the diagnostics bundle holds neither that password nor a container’s env value', async () => {
    const envSecret = `stfields-env-${Date.now().toString(36)}`;
    const name = uniqueName(prefix);
    await docker('run', '-d', '--name', name, '-e', `APP_SETTING=${envSecret}`, testImage, 'sleep', '300');
    const { page, errors } = await openApp(browser, berth, '#/registries');
    const login = page.getByRole('form', { name: 'Log in' });
    await login.getByLabel('Server').fill(authRegistry);
    await login.getByLabel('Username').fill(registryUser);
    await login.getByLabel('Password').fill(registryPassword);
    await login.getByRole('button', { name: 'Log in' }).click();
    await login.getByText(`Logged in to ${authRegistry} as ${registryUser}.`).waitFor({ timeout: 20_000 });
    // Really stored (where the Docker CLI keeps it), so the bundle had something to leak.
    expect(readFileSync(join(dockerConfig, 'config.json'), 'utf8')).toContain(Buffer.from(`${registryUser}:${registryPassword}`).toString('base64'));

    await page.evaluate(() => (location.hash = '#/settings'));
    const button = page.getByRole('button', { name: 'Download diagnostics bundle' });
    await button.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    const path = join(root, 'bundle.tar.gz');
    await download.saveAs(path);
    const files = await untarGz(readFileSync(path));
    const mine = JSON.parse(files.get('engine/containers.json')!).containers.find((c: { names: string[] }) => c.names.includes(`/${name}`));
    expect(mine.env).toContain('APP_SETTING=<redacted>');
    const all = [...files.values()].join('\n');
    for (const secret of [registryPassword, Buffer.from(`${registryUser}:${registryPassword}`).toString('base64'), envSecret, berth.token]) expect(all).not.toContain(secret);
    expect(errors).toEqual([]);
  });
});
