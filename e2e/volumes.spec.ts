import { readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, startBerth, type RunningBerth } from './support/berth.js';
import { docker, removeContainers, testImage } from './support/docker-cli.js';

const prefix = `berth-e2e-vol-${Date.now().toString(36)}`;
const data = `${prefix}-data`;
const imported = `${prefix}-imported`;
const cloned = `${prefix}-clone`;
const used = `${prefix}-used`;
const user = `${prefix}-user`;

/** What a volume holds: its tree and file contents (compared between volumes). */
const contentOf = (name: string) => docker('run', '--rm', '-v', `${name}:/v`, testImage, 'sh', '-c', 'cd /v && find . | sort && cat $(find . -type f | sort)');

describe('Volumes: create, browse, download, export/import, clone, remove and restore', () => {
  let berth: RunningBerth;
  let browser: Browser;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'berth-e2e-vol-'));
    berth = await startBerth(['--no-embedded-engine']);
    browser = await launchBrowser();
    ({ page } = await openApp(browser, berth, '#/volumes'));
    await page.getByRole('table', { name: 'Volumes' }).waitFor({ timeout: 20_000 });
  });

  afterAll(async () => {
    await browser?.close();
    expect(await berth?.stop()).toBe(0);
    await removeContainers(prefix);
    const names = (await docker('volume', 'ls', '-q', '--filter', `name=${prefix}`)).split('\n').filter(Boolean);
    if (names.length) await docker('volume', 'rm', '-f', ...names).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });

  const volumes = () => page.getByRole('table', { name: 'Volumes' });
  const row = (name: string) => volumes().getByRole('row', { name, exact: true });
  const files = () => page.getByRole('table', { name: 'Files' });
  const fileRow = (name: string) => files().getByRole('row', { name, exact: true });
  const dialog = () => page.locator('[role=dialog], [role=alertdialog]');
  const alerts = () => dialog().getByRole('alert').allInnerTexts();

  it('checks the create form field by field, then creates a volume that appears live', async () => {
    await page.getByRole('button', { name: 'Create volume' }).click();
    await page.getByLabel('Name', { exact: true }).fill('-bad');
    await page.getByLabel('Driver options').fill('foo=bar');
    await page.getByLabel('Labels').fill('novalue');
    await dialog().getByRole('button', { name: 'Create' }).click();
    await expect.poll(alerts).toEqual([
      'The name must start with a letter or a digit',
      'The local driver accepts only type, device, o (not foo)',
      'Labels, line 1: "novalue" must be KEY=VALUE',
    ]);
    await page.getByLabel('Name', { exact: true }).fill('x');
    await page.getByLabel('Driver options').fill('');
    await page.getByLabel('Labels').fill('team=e2e\nteam=other');
    await dialog().getByRole('button', { name: 'Create' }).click();
    await expect.poll(alerts).toEqual(['The name must be at least 2 characters', 'Labels, line 2: "team" is given twice (first on line 1)']);
    await page.getByLabel('Name', { exact: true }).fill('old data/2');
    await dialog().getByRole('button', { name: 'Create' }).click();
    await expect.poll(alerts).toEqual(['The name cannot contain spaces or "/": use only letters, digits, "_", "." and "-"', 'Labels, line 2: "team" is given twice (first on line 1)']);
    await page.getByLabel('Name', { exact: true }).fill(data);
    await page.getByLabel('Labels').fill('team=e2e');
    // The engine's own refusal (tmpfs needs a device) is the dialog's error: one place and style for
    // every dialog, between the fields and the buttons, outside the part that scrolls.
    await page.getByLabel('Driver options').fill('type=tmpfs');
    await dialog().getByRole('button', { name: 'Create' }).click();
    await expect.poll(alerts, { timeout: 10_000 }).toEqual([expect.stringMatching(/device/)]);
    const failure = dialog().locator('.modal__error');
    expect(await failure.getAttribute('role')).toBe('alert');
    expect(await dialog().locator('.modal__body [role=alert]').count()).toBe(0);
    const footerTop = (await dialog().locator('.modal__footer').boundingBox())!.y;
    const box = (await failure.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(footerTop);
    await page.getByLabel('Driver options').fill('');
    await dialog().getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => row(data).count(), { timeout: 10_000 }).toBe(1);
    expect(await row(data).innerText()).toContain('team=e2e');
    expect(await docker('volume', 'inspect', data, '--format', '{{json .Labels}}')).toBe('{"team":"e2e"}');
    // In a 1400 px window the row's last action is inside the table, not cut off at its edge.
    const table = (await volumes().boundingBox())!;
    const remove = (await row(data).getByRole('button', { name: `Remove ${data}` }).boundingBox())!;
    expect(remove.x + remove.width).toBeLessThanOrEqual(table.x + table.width);
    // A search that matches nothing says so, with a way back.
    const search = page.getByRole('searchbox', { name: 'Search volumes' });
    await search.fill('no-such-volume-anywhere');
    await page.getByText('No volumes match “no-such-volume-anywhere”').waitFor();
    await page.getByRole('button', { name: 'Clear filter' }).click();
    expect(await search.inputValue()).toBe('');
    await row(data).waitFor();
  });

  it('browses what a container wrote, downloads a file, makes a folder, uploads and deletes', async () => {
    await docker('run', '--rm', '-v', `${data}:/v`, testImage, 'sh', '-c', 'mkdir -p /v/docs/sub && echo "hello volume" > /v/docs/hello.txt && echo deep > /v/docs/sub/deep.txt');
    await row(data).getByRole('link', { name: `Browse ${data}` }).click();
    await expect.poll(() => fileRow('docs').count(), { timeout: 15_000 }).toBe(1);
    await fileRow('docs').click();
    await expect.poll(() => fileRow('hello.txt').count(), { timeout: 15_000 }).toBe(1);
    expect(await fileRow('hello.txt').innerText()).toMatch(/13 B/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download hello.txt' }).click()]);
    expect(download.suggestedFilename()).toBe('hello.txt');
    expect(await readFile((await download.path())!, 'utf8')).toBe('hello volume\n');

    await page.getByRole('button', { name: 'New folder' }).click();
    await page.getByLabel('New folder in /docs').fill('a/b');
    await page.getByRole('button', { name: 'Create folder' }).click();
    await expect.poll(() => page.getByRole('alert').allInnerTexts()).toContain('A folder name cannot contain “/”: make one folder at a time.');
    await page.getByLabel('New folder in /docs').fill('made');
    await page.getByRole('button', { name: 'Create folder' }).click();
    await expect.poll(() => fileRow('made').count(), { timeout: 15_000 }).toBe(1);
    await page.getByLabel('Upload file').setInputFiles({ name: 'up.txt', mimeType: 'text/plain', buffer: Buffer.from('uploaded into a volume\n') });
    await expect.poll(() => fileRow('up.txt').count(), { timeout: 15_000 }).toBe(1);
    expect(await docker('run', '--rm', '-v', `${data}:/v`, testImage, 'cat', '/v/docs/up.txt')).toBe('uploaded into a volume');

    await page.getByRole('button', { name: 'Delete made' }).click();
    expect(await dialog().innerText()).toContain('/docs/made and everything in it are deleted');
    await dialog().getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => fileRow('made').count(), { timeout: 15_000 }).toBe(0);
    // No helper container is left, and none ever shows in the containers list.
    expect(await docker('ps', '-aq', '--filter', 'label=dev.berth.helper')).toBe('');
  });

  it('exports to a .tar.gz, imports it into a new volume with equal files, and checks the import form', async () => {
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), dialog().getByRole('button', { name: 'Export' }).click()]);
    expect(download.suggestedFilename()).toBe(`${data}.tar.gz`);
    const archive = join(dir, `${data}.tar.gz`);
    await writeFile(archive, await readFile((await download.path())!));
    expect((await readFile(archive)).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    await dialog().getByRole('button', { name: 'Close' }).click();

    await page.goto(`${berth.origin}/#/volumes`);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByLabel('Name of the new volume').fill('!');
    await dialog().getByRole('button', { name: 'Import' }).click();
    await expect.poll(alerts).toEqual(['The name cannot contain "!": use only letters, digits, "_", "." and "-"', 'Choose an archive (.tar, .tar.gz, .tar.bz2, .tar.xz) to import']);
    await page.getByLabel('Name of the new volume').fill(imported);
    await page.getByLabel('Archive (.tar, .tar.gz, .tar.bz2, .tar.xz)').setInputFiles(archive);
    await dialog().getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => dialog().getByRole('status').allInnerTexts(), { timeout: 30_000 }).toContain(`Imported ${data}.tar.gz into ${imported}.`);
    await dialog().getByRole('button', { name: 'Close' }).click();
    expect(await contentOf(imported)).toBe(await contentOf(data));
    await expect.poll(() => row(imported).count(), { timeout: 10_000 }).toBe(1);
  });

  it('clones a volume (and says so when the name is taken, showing only the latest error)', async () => {
    await row(data).getByRole('button', { name: `Clone ${data}` }).click();
    const target = page.getByLabel('Name of the new volume');
    await target.fill(imported);
    await dialog().getByRole('button', { name: 'Clone' }).click();
    await expect.poll(alerts, { timeout: 15_000 }).toEqual([`A volume named ${imported} already exists`]);
    // Editing the name clears the refusal; a new attempt shows its own error alone.
    await target.fill('-x');
    await expect.poll(alerts).toEqual([]);
    await dialog().getByRole('button', { name: 'Clone' }).click();
    await expect.poll(alerts).toEqual(['The name must start with a letter or a digit']);
    await target.fill(imported);
    await dialog().getByRole('button', { name: 'Clone' }).click();
    await expect.poll(alerts, { timeout: 15_000 }).toEqual([`A volume named ${imported} already exists`]);
    await target.fill(cloned);
    await dialog().getByRole('button', { name: 'Clone' }).click();
    await expect.poll(() => dialog().getByRole('status').allInnerTexts(), { timeout: 30_000 }).toEqual([expect.stringContaining(`Cloned into ${cloned}`)]);
    await dialog().getByRole('button', { name: 'Close' }).click();
    expect(await contentOf(cloned)).toBe(await contentOf(data));
    expect(await docker('volume', 'inspect', cloned, '--format', '{{json .Labels}}')).toBe('{"team":"e2e"}');
  });

  it('the remove dialog follows the volume’s users while it is open', async () => {
    await docker('volume', 'create', used);
    await docker('run', '-d', '--name', user, '-v', `${used}:/v`, testImage, 'sleep', '600');
    await expect.poll(() => row(used).innerText(), { timeout: 10_000 }).toContain(user);
    await row(used).getByRole('button', { name: `Remove ${used}` }).click();
    const remove = dialog().getByRole('button', { name: /^Remove/ });
    await expect.poll(alerts, { timeout: 15_000 }).toEqual([`${used} is used by ${user} (running). The engine removes a volume only when no container uses it: remove that container first.`]);
    expect(await remove.isDisabled()).toBe(true);

    // Removed from the CLI while the dialog is open: it says so, and Remove can go ahead.
    await docker('rm', '-f', user);
    await expect.poll(alerts, { timeout: 15_000 }).toEqual([]);
    await expect.poll(() => dialog().getByRole('status').allInnerTexts(), { timeout: 15_000 }).toEqual([expect.stringMatching(new RegExp(`^${used} holds `))]);
    expect(await remove.isDisabled()).toBe(false);

    // And a container that starts using it meanwhile blocks it again.
    await docker('run', '-d', '--name', user, '-v', `${used}:/v`, testImage, 'sleep', '600');
    await expect.poll(alerts, { timeout: 15_000 }).toEqual([expect.stringContaining(`${used} is used by ${user} (running)`)]);
    expect(await remove.isDisabled()).toBe(true);
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    await docker('rm', '-f', user);
  });

  it('removes a volume into Recently removed and restores it with its data', async () => {
    const before = await contentOf(data);
    await row(data).getByRole('button', { name: `Remove ${data}` }).click();
    await expect.poll(() => dialog().getByRole('status').allInnerTexts(), { timeout: 15_000 }).toEqual([expect.stringContaining('A copy of its content is kept in Recently removed')]);
    await dialog().getByRole('button', { name: 'Remove', exact: true }).click();
    await expect.poll(() => row(data).count(), { timeout: 20_000 }).toBe(0);
    await expect(docker('volume', 'inspect', data)).rejects.toThrow();

    await page.getByRole('main').getByRole('link', { name: 'Recently removed' }).click();
    const limit = page.getByLabel('Keep removed volumes up to (MiB)');
    await limit.fill('lots');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('alert').allInnerTexts()).toContain('The size limit must be a whole number of MiB (0 keeps no volume)');
    await page.getByRole('button', { name: `Restore volume ${data}` }).click();
    await expect.poll(() => page.getByRole('status').allInnerTexts(), { timeout: 30_000 }).toContain(`Restored volume ${data} with its data`);
    expect(await contentOf(data)).toBe(before);
    expect(await docker('volume', 'inspect', data, '--format', '{{json .Labels}}')).toBe('{"team":"e2e"}');
  });

  it('over the limit, removal says plainly that the volume cannot be restored; prune says whether copies are kept', async () => {
    await page.getByLabel('Keep removed volumes up to (MiB)').fill('0');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByText('With a limit of 0, no volume is kept: a volume removed through Berth is removed for good, after a warning.').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByText('when it holds at most 0 B').count()).toBe(0);
    await page.goto(`${berth.origin}/#/volumes`);
    await row(cloned).getByRole('button', { name: `Remove ${cloned}` }).click();
    await expect.poll(() => dialog().getByRole('status').allInnerTexts(), { timeout: 15_000 }).toEqual([expect.stringContaining('It cannot be restored once removed: its data is deleted for good.')]);
    await dialog().getByRole('button', { name: 'Remove for good' }).click();
    await expect.poll(() => row(cloned).count(), { timeout: 20_000 }).toBe(0);

    await page.getByRole('button', { name: 'Prune' }).click();
    await dialog().getByLabel('Every volume no container uses (named ones too)').check();
    await expect.poll(() => dialog().getByRole('status').allInnerTexts(), { timeout: 20_000 }).toEqual([expect.stringMatching(/cannot be restored|Nothing to prune/)]);
    await dialog().getByRole('checkbox').uncheck();
    await expect.poll(() => dialog().getByRole('status').allInnerTexts()).toEqual([expect.stringMatching(/They are not kept: they cannot be restored\.|Nothing to prune/)]);
    await dialog().getByRole('button', { name: 'Cancel' }).click();
  });
});
