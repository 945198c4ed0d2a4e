import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { untarGz } from '../engine/testing/test-files.js';
import { launchBrowser, openApp, startBerth, type RunningBerth } from './support/berth.js';
import { docker, removeContainers, testImage, uniqueName } from './support/docker-cli.js';

const prefix = 'berth-e2e-settings';
const registryPassword = 'planted-registry-pass-7731';
const envSecret = 'planted-env-value-5521';


describe('settings and the diagnostics bundle', () => {
  const root = mkdtempSync(join(tmpdir(), 'berth-e2e-settings-'));
  const dataDir = join(root, 'data');
  const dockerConfig = join(root, 'docker');
  mkdirSync(dockerConfig);
  writeFileSync(join(dockerConfig, 'config.json'), JSON.stringify({ auths: { 'registry.example:5000': { auth: Buffer.from(`berth:${registryPassword}`).toString('base64') } } }));
  const start = () => startBerth(['--no-embedded-engine', '--data-dir', dataDir], { DOCKER_CONFIG: dockerConfig });
  let berth: RunningBerth | undefined;
  afterAll(async () => {
    await berth?.stop();
    await removeContainers(prefix);
  });

  it('changes the theme at once, and keeps it across a restart of the server', async () => {
    berth = await start();
    const browser = await launchBrowser();
    try {
      const { page, errors } = await openApp(browser, berth, '#/settings');
      const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
      await page.getByRole('region', { name: 'Appearance' }).waitFor();
      expect(await theme()).toBe('light');
      await page.getByRole('radio', { name: 'Dark' }).check();
      await expect.poll(theme).toBe('dark');
      await expect.poll(() => JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')).theme).toBe('dark');
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
    expect(await berth.stop()).toBe(0);

    berth = await start();
    const again = await launchBrowser();
    try {
      // A fresh browser profile: no cached theme, so "dark" can only come from the server's settings.
      const { page } = await openApp(again, berth, '#/settings');
      await page.getByRole('region', { name: 'Appearance' }).waitFor();
      expect(await page.getByRole('radio', { name: 'Dark' }).isChecked()).toBe(true);
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    } finally {
      await again.close();
    }
  });

  it('downloads a diagnostics bundle with what is listed, and none of the planted secrets', async () => {
    const name = uniqueName(prefix);
    // Common words as env values too: they must not be blanked all over the bundle.
    await docker('run', '-d', '--name', name, '-e', `PLANTED=${envSecret}`, '-e', 'A=true', '-e', 'B=running', '-e', 'C=linux', '-e', `D=${dataDir}`, testImage, 'sleep', '300');
    const token = berth!.token;
    // Secrets that leaked into logs Berth collects: they must still not reach the bundle.
    appendFileSync(join(dataDir, 'logs', 'berth.log'), `leaked ${token} ${registryPassword} ${envSecret}\n`);
    mkdirSync(join(dataDir, 'vm', 'berth'), { recursive: true });
    writeFileSync(join(dataDir, 'vm', 'berth', 'console.log'), `[    0.1] booting\nconsole saw ${envSecret}\n`);

    const browser = await launchBrowser();
    try {
      const { page, errors } = await openApp(browser, berth!, '#/settings');
      const button = page.getByRole('button', { name: 'Download diagnostics bundle' });
      await button.waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
      expect(download.suggestedFilename()).toMatch(/^berth-diagnostics-.*\.tar\.gz$/);
      const path = join(root, 'bundle.tar.gz');
      await download.saveAs(path);
      const files = await untarGz(readFileSync(path));

      for (const f of ['README.txt', 'berth.json', 'engine/status.json', 'engine/version.json', 'engine/info.json', 'engine/containers.json', 'errors.json', 'logs/berth.log', 'logs/vm-berth-console.log']) {
        expect([...files.keys()]).toContain(f);
      }
      // Every JSON file parses, and ordinary values survive.
      for (const [n, text] of files) if (n.endsWith('.json')) expect(() => JSON.parse(text), n).not.toThrow();
      expect(JSON.parse(files.get('engine/status.json')!).state).toBe('running');
      const berthJson = JSON.parse(files.get('berth.json')!);
      expect(berthJson).toMatchObject({ platform: process.platform, dataDir, settings: { notifications: { transferFinished: true } } });
      expect(berthJson.berth.berthVersion).toMatch(/^\d+\.\d+\.\d+/);
      expect(berthJson.settings.theme).toBe('dark');
      expect(JSON.parse(files.get('engine/version.json')!).ApiVersion).toMatch(/^\d+\.\d+$/);
      expect(files.get('logs/berth.log')).toMatch(/leaked <redacted> <redacted> <redacted>/);
      expect(files.get('logs/vm-berth-console.log')).toContain('booting');
      const mine = JSON.parse(files.get('engine/containers.json')!).containers.find((c: { names: string[] }) => c.names.includes(`/${name}`));
      expect(mine.env).toEqual(expect.arrayContaining(['PLANTED=<redacted>', 'A=<redacted>', 'C=<redacted>']));
      expect(mine.state).toBe('running');

      const all = [...files.values()].join('\n');
      for (const secret of [token, registryPassword, envSecret]) expect(all).not.toContain(secret);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('refuses an empty volume size limit beside the field, takes any log buffer size in range, and shows “Saved”', async () => {
    const saved = () => JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'));
    const browser = await launchBrowser();
    try {
      const { page, errors } = await openApp(browser, berth!, '#/settings');
      const bin = page.getByRole('region', { name: 'Recently removed' });
      await bin.waitFor();
      const before = saved().recycleBin.volumeLimitBytes;
      const limit = bin.getByLabel('Keep a removed volume’s data up to (MiB, 0: never)');
      await limit.fill('');
      await bin.getByRole('button', { name: 'Save', exact: true }).click();
      await bin.getByText('The size limit must be a whole number of MiB (0 keeps no volume)').waitFor();
      expect(await limit.getAttribute('aria-invalid')).toBe('true');
      expect(saved().recycleBin.volumeLimitBytes).toBe(before);
      expect(before).toBeGreaterThan(0);
      await limit.fill('300');
      await bin.getByRole('button', { name: 'Save', exact: true }).click();
      await expect.poll(() => saved().recycleBin.volumeLimitBytes).toBe(300 * 1024 * 1024);
      await bin.getByText('✓ Saved').waitFor();
      expect(await bin.getByText('The size limit must be').count()).toBe(0);

      // 1,500 is in range: the browser must not block it with a step of 1,000.
      const logs = page.getByRole('region', { name: 'Logs' });
      expect(await logs.getByText('✓ Saved').count()).toBe(0);
      await logs.getByLabel('Lines a log view keeps in memory').fill('1500');
      await logs.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => saved().logBufferLines).toBe(1500);
      await logs.getByText('✓ Saved').waitFor();
      await page.getByRole('status').filter({ hasText: 'Log buffer size saved.' }).waitFor({ state: 'attached' });
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('saves the VM settings: refuses more CPUs than the computer has, adds and removes a shared folder, publishes ports on all interfaces', async () => {
    const saved = () => JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')).vm;
    const shared = join(root, 'shared folder');
    mkdirSync(shared);
    const browser = await launchBrowser();
    try {
      const { page, errors } = await openApp(browser, berth!, '#/settings');
      const vm = page.getByRole('region', { name: 'Virtual machine' });
      await vm.waitFor();
      // The native engine runs here, not Berth's VM.
      await vm.getByText('These settings apply when Berth uses its VM').waitFor();
      expect(await vm.getByRole('button', { name: 'Restart the VM' }).count()).toBe(0);
      await vm.getByText(`This computer has ${cpus().length} CPU${cpus().length === 1 ? '' : 's'}.`, { exact: true }).waitFor();
      const before = saved();
      expect(before).toMatchObject({ cpus: 2, memoryMiB: 2048, diskGiB: 64, portsAllInterfaces: false, shares: [{ hostPath: homedir() }] });

      // More CPUs than this computer has: the back end's message beside the field, nothing saved.
      const cpuField = vm.getByLabel('CPUs');
      await cpuField.fill(String(cpus().length + 1));
      await vm.getByRole('button', { name: 'Save resources' }).click();
      const message = `This computer has ${cpus().length} CPU${cpus().length === 1 ? '' : 's'}; the VM cannot have ${cpus().length + 1}.`;
      await vm.getByText(message).waitFor();
      expect(await cpuField.getAttribute('aria-invalid')).toBe('true');
      const describedBy = (await cpuField.getAttribute('aria-describedby'))!.split(' ');
      expect(await page.locator(`[id="${describedBy[1]}"]`).textContent()).toBe(message);
      expect(saved()).toEqual(before);

      // A share that cannot be: its error inline, under the field.
      const pathField = vm.getByLabel('Folder to share (full path)');
      await pathField.fill('relative/folder');
      await vm.getByRole('button', { name: 'Add folder' }).click();
      await vm.getByText('"relative/folder" is not an absolute path; choose a folder with its full path.').waitFor();
      expect(await pathField.getAttribute('aria-invalid')).toBe('true');
      expect(saved().shares).toEqual(before.shares);

      // Add a folder, read-only; it is saved and survives a reload.
      await pathField.fill(`${shared}/`);
      await vm.getByRole('checkbox', { name: 'Read-only' }).check();
      await vm.getByRole('button', { name: 'Add folder' }).click();
      const shares = vm.getByRole('list', { name: 'Shared folders' });
      await shares.getByRole('listitem').filter({ hasText: shared }).getByText('Read-only').waitFor();
      expect(await pathField.inputValue()).toBe('');
      expect(saved().shares).toEqual([{ hostPath: homedir() }, { hostPath: shared, readOnly: true }]);
      await page.reload();
      await shares.getByRole('listitem').filter({ hasText: shared }).waitFor();

      // Remove it: asked first, then gone (on screen and in the file).
      await vm.getByRole('button', { name: `Remove ${shared}` }).click();
      const dialog = page.getByRole('alertdialog', { name: `Stop sharing ${shared}?` });
      await dialog.getByText('will see an empty folder there after the next start of the VM').waitFor();
      // Cancel has the focus, as in every destructive question: Enter keeps the share.
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
      await page.keyboard.press('Enter');
      await expect.poll(() => dialog.count()).toBe(0);
      expect(saved().shares).toEqual([{ hostPath: homedir() }, { hostPath: shared, readOnly: true }]);
      await vm.getByRole('button', { name: `Remove ${shared}` }).click();
      await dialog.getByRole('button', { name: 'Remove' }).click();
      await expect.poll(() => shares.getByRole('listitem').filter({ hasText: shared }).count()).toBe(0);
      expect(saved().shares).toEqual([{ hostPath: homedir() }]);

      // Ports on every interface: saved, and still checked after a reload.
      const ports = vm.getByRole('checkbox', { name: 'Publish container ports on all network interfaces' });
      await vm.getByText('Forwarded ports listen on 127.0.0.1 and ::1 only.').waitFor();
      await ports.check();
      await expect.poll(() => saved().portsAllInterfaces).toBe(true);
      await vm.getByText('Forwarded ports listen on every network interface (0.0.0.0 and ::)', { exact: false }).waitFor();
      await page.reload();
      await vm.waitFor();
      expect(await ports.isChecked()).toBe(true);
      expect(saved()).toMatchObject({ cpus: 2, portsAllInterfaces: true });
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
