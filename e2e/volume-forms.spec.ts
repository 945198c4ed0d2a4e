import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, testImage, uniqueName } from './support/docker-cli.js';
import { closeSession, openSession, type AppSession } from './support/session.js';

const prefix = 'berth-e2e-volforms';
const vol = uniqueName(prefix);

async function removeVolumes(): Promise<void> {
  const names = (await docker('volume', 'ls', '-q', '--filter', `name=${prefix}`)).split('\n').filter(Boolean);
  if (names.length) await docker('volume', 'rm', '-f', ...names).catch(() => undefined);
}

describe('volume pages on a fresh load, and the volume forms’ messages', () => {
  let app: AppSession;

  beforeAll(async () => {
    await docker('run', '--rm', '--network', 'none', '-v', `${vol}:/v`, testImage, 'sh', '-c', 'mkdir -p /v/docs && echo hi > /v/docs/hello.txt');
    // Loaded straight at the volume: the container Files tab (whose chunk held the file browser's styles) never came.
    app = await openSession(`#/volumes/${vol}`, (page) => page.getByRole('table', { name: 'Files' }).waitFor());
  });

  afterAll(async () => {
    expect(await closeSession(app)).toBe(0);
    await removeVolumes();
  });

  it('lays the volume’s file browser out: the path as a row of crumbs, the files in a framed table', async () => {
    const { page } = app;
    await page.getByRole('row', { name: /docs/ }).waitFor();
    const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' }).locator('ol');
    expect(await crumbs.evaluate((el) => [getComputedStyle(el).display, getComputedStyle(el).listStyleType])).toEqual(['flex', 'none']);
    const frame = page.locator('.fbrowser__table');
    expect(await frame.evaluate((el) => getComputedStyle(el).borderTopStyle)).toBe('solid');
    // The actions sit on the path's row, not stacked under it.
    const bar = await page.locator('.fbrowser__bar').evaluate((el) => getComputedStyle(el).display);
    expect(bar).toBe('flex');
    expect(app.errors).toEqual([]);
  });

  it('says what is wrong in a sentence, not a field name glued to a clause', async () => {
    const { page, berth } = app;
    await page.goto(`${berth.url}#/volumes`);
    await page.getByRole('button', { name: 'Create volume', exact: true }).click();
    const d = page.getByRole('dialog', { name: 'Create a volume' });
    await d.getByLabel('Driver', { exact: true }).fill('');
    await d.getByLabel('Driver options').fill('foo=bar');
    await d.getByRole('button', { name: 'Create' }).click();
    expect(await d.locator('#vol-driver-error').innerText()).toBe('A driver is required (local is the engine’s own)');
    await d.getByLabel('Driver', { exact: true }).fill('local');
    await d.getByRole('button', { name: 'Create' }).click();
    expect(await d.locator('#vol-options-error').innerText()).toBe('The local driver accepts only type, device, o (not foo)');
    // A driver the engine lacks: refused at once (the engine alone looks for 15 s), in the dialog's error, naming the drivers there are.
    await d.getByLabel('Driver options').fill('');
    await d.getByLabel('Name', { exact: true }).fill(`${vol}-nodriver`);
    await d.getByLabel('Driver', { exact: true }).fill('berth-no-such-driver');
    const started = Date.now();
    await d.getByRole('button', { name: 'Create' }).click();
    const failure = d.locator('.modal__error');
    await failure.waitFor({ timeout: 5000 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await failure.innerText()).toMatch(/^This engine has no volume driver named "berth-no-such-driver"\. Its volume drivers: (.+, )?local(, .+)?\. Install the driver’s plugin first/);
    // An option the engine's local driver needs: says which, and what it is for.
    await d.getByLabel('Driver', { exact: true }).fill('local');
    await d.getByLabel('Driver options').fill('type=nfs');
    await d.getByRole('button', { name: 'Create' }).click();
    await expect
      .poll(() => failure.innerText().catch(() => ''), { timeout: 5000 })
      .toBe('Driver option missing: with type=nfs, the local driver also needs device (what to mount: the host folder for type=none, ":/exported/path" for nfs, "tmpfs" for tmpfs)');
    await d.getByLabel('Driver options').fill('');
    await d.getByLabel('Driver', { exact: true }).fill('local');
    await d.getByLabel('Name', { exact: true }).fill('-dash');
    await d.getByRole('button', { name: 'Create' }).click();
    expect(await d.locator('#vol-name-error').innerText()).toBe('The name must start with a letter or a digit');
    await page.keyboard.press('Escape');
    await d.getByRole('group', { name: 'Discard this volume’s settings?' }).getByRole('button', { name: 'Discard' }).click();
    await expect.poll(() => d.count()).toBe(0);

    // The clone dialog: the name offered, untouched, closes at once.
    await page.getByRole('button', { name: `Clone ${vol}` }).click();
    const clone = page.getByRole('dialog', { name: `Clone volume ${vol}` });
    await page.keyboard.press('Escape');
    await expect.poll(() => clone.count()).toBe(0);
    // Its name, left empty.
    await page.getByRole('button', { name: `Clone ${vol}` }).click();
    await clone.getByRole('textbox').fill('');
    await clone.getByRole('button', { name: 'Clone' }).click();
    expect(await clone.innerText()).toContain('A volume name is required');
    expect(await clone.innerText()).not.toContain('The name a volume');
    // A name typed is asked about before it is dropped, as in Create and Import.
    await clone.getByRole('textbox').fill('my-clone');
    const askClone = clone.getByRole('group', { name: 'Discard this clone?' });
    await clone.getByRole('button', { name: 'Cancel' }).click();
    await askClone.getByRole('button', { name: 'Keep editing' }).click();
    expect(await clone.getByRole('textbox').inputValue()).toBe('my-clone');
    await page.keyboard.press('Escape');
    await askClone.getByRole('button', { name: 'Discard' }).click();
    await expect.poll(() => clone.count()).toBe(0);
    expect(app.errors).toEqual([]);
  }, 60_000);

  it('import: the archive’s name (as Export names it) becomes the new volume’s name; a chosen file is asked about before it is dropped', async () => {
    const { page, berth } = app;
    await page.goto(`${berth.url}#/volumes`);
    const dir = mkdtempSync(join(tmpdir(), 'berth-e2e-volforms-'));
    try {
      const archive = join(dir, `${vol}-copy.tar.gz`);
      writeFileSync(archive, 'not read: the import is never sent');
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      const d = page.getByRole('dialog', { name: 'Import a volume' });
      const name = d.getByLabel('Name of the new volume');
      // Untouched: Escape closes at once.
      await page.keyboard.press('Escape');
      await expect.poll(() => d.count()).toBe(0);
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await d.getByLabel('Archive (.tar, .tar.gz, .tar.bz2, .tar.xz)').setInputFiles(archive);
      expect(await name.inputValue()).toBe(`${vol}-copy`);
      // A name typed first is kept.
      await name.fill('mine');
      await d.getByLabel('Archive (.tar, .tar.gz, .tar.bz2, .tar.xz)').setInputFiles(archive);
      expect(await name.inputValue()).toBe('mine');
      const ask = d.getByRole('group', { name: 'Discard this import?' });
      await d.getByRole('button', { name: 'Cancel' }).click();
      await ask.getByRole('button', { name: 'Keep editing' }).click();
      expect(await name.inputValue()).toBe('mine');
      await page.keyboard.press('Escape');
      await ask.getByRole('button', { name: 'Discard' }).click();
      await expect.poll(() => d.count()).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(app.errors).toEqual([]);
  });
});
