import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { docker, testImage, uniqueName } from './support/docker-cli.js';
import { fileRow, openFilesTab, useFilesSession } from './support/files-tab.js';

const prefix = 'h41-e2e-fedit';
const volume = uniqueName(`${prefix}-ro`);

/** What is at `path` in a container that may not run (`docker cp` out as a tar, its first header's type). */
async function kindIn(id: string, path: string): Promise<'dir' | 'file' | 'missing'> {
  const out = await docker('cp', `${id}:${path}`, '-').catch(() => undefined);
  if (out === undefined) return 'missing';
  return out.charAt(156) === '5' ? 'dir' : 'file';
}

describe('Files tab: new folder, delete, folder upload', () => {
  let stopped: string;
  let local: string;

  const app = useFilesSession({
    prefix,
    setup: async () => {
      // A folder on this computer to upload: site/{index.html, css/a.css, img/deep/x.txt}, and "plainfile" (a folder here, a file in the container).
      local = await mkdtemp(join(tmpdir(), 'h41-e2e-fedit-'));
      await mkdir(join(local, 'site/css'), { recursive: true });
      await mkdir(join(local, 'site/img/deep'), { recursive: true });
      await writeFile(join(local, 'site/index.html'), 'home\n');
      await writeFile(join(local, 'site/css/a.css'), 'a{}\n');
      await writeFile(join(local, 'site/img/deep/x.txt'), 'deep\n');
      await mkdir(join(local, 'plainfile'));
      await writeFile(join(local, 'plainfile/y.txt'), 'y\n');
      await docker('run', '--rm', '-v', `${volume}:/ro`, testImage, 'sh', '-c', 'echo kept > /ro/f');
      const id = await docker('run', '-d', '--name', uniqueName(prefix), '-v', `${volume}:/ro:ro`, testImage, 'sleep', '300');
      stopped = await docker('create', '--name', uniqueName(prefix), testImage, 'sh');
      return id;
    },
    cleanup: async () => {
      await docker('volume', 'rm', '-f', volume).catch(() => undefined);
      await rm(local, { recursive: true, force: true });
    },
  });
  const { row } = app;
  const goTo = async (p: Page, path: string) => {
    await p.getByLabel('Path').fill(path);
    await p.getByLabel('Path').press('Enter');
    await expect.poll(() => p.getByLabel('Path').inputValue()).toBe(path);
  };
  const folderError = (p: Page) => p.getByRole('form', { name: 'New folder' }).getByRole('alert');

  it('New folder refuses bad names with a clear message, then makes the folder in the current folder', async () => {
    await goTo(app.page, '/www');
    await expect.poll(() => row('index.html').count(), { timeout: 10_000 }).toBe(1);
    await app.page.getByRole('button', { name: 'New folder' }).click();
    const field = app.page.getByLabel('New folder in /www');
    const create = app.page.getByRole('button', { name: 'Create folder' });
    for (const [name, message] of [
      ['', 'Enter a name for the folder.'],
      ['/', 'A folder name cannot contain “/”: make one folder at a time.'],
      ['.', '“.” cannot be a folder name.'],
      ['..', '“..” cannot be a folder name.'],
      ['index.html', '/www/index.html already exists.'],
    ] as const) {
      await field.fill(name);
      await create.click();
      await expect.poll(() => folderError(app.page).innerText()).toBe(message);
    }
    expect(await docker('exec', app.id, 'ls', '/www')).toBe('index.html');

    await field.fill('made here');
    await field.press('Enter');
    await expect.poll(() => row('made here').count(), { timeout: 10_000 }).toBe(1);
    expect(await app.page.getByRole('form', { name: 'New folder' }).count()).toBe(0);
    expect(await docker('exec', app.id, 'stat', '-c', '%F', '/www/made here')).toBe('directory');
    await row('made here').click();
    await expect.poll(() => app.page.getByLabel('Path').inputValue()).toBe('/www/made here');
    await expect.poll(() => app.page.getByText('This folder is empty.').count(), { timeout: 10_000 }).toBe(1);
  });

  it('a name made meanwhile by someone else is refused by the back end, readably', async () => {
    await goTo(app.page, '/www');
    await expect.poll(() => row('index.html').count(), { timeout: 10_000 }).toBe(1);
    await docker('exec', app.id, 'mkdir', '/www/raced');
    await app.page.getByRole('button', { name: 'New folder' }).click();
    await app.page.getByLabel('New folder in /www').fill('raced');
    await app.page.getByRole('button', { name: 'Create folder' }).click();
    await expect.poll(() => folderError(app.page).innerText(), { timeout: 10_000 }).toBe('/www/raced already exists');
    await app.page.getByRole('button', { name: 'Cancel' }).click();
    expect(await app.page.getByRole('form', { name: 'New folder' }).count()).toBe(0);
  });

  it('New folder works in a stopped container', async () => {
    const { page: p2, errors: e2 } = await openFilesTab(app, stopped);
    await expect.poll(() => fileRow(p2, 'www').count(), { timeout: 10_000 }).toBe(1);
    await p2.getByRole('button', { name: 'New folder' }).click();
    await p2.getByLabel('New folder in /').fill('cold');
    await p2.getByRole('button', { name: 'Create folder' }).click();
    await expect.poll(() => fileRow(p2, 'cold').count(), { timeout: 10_000 }).toBe(1);
    expect(await kindIn(stopped, '/cold')).toBe('dir');
    expect(e2).toEqual([]);
    await p2.context().close();
  });

  const dialog = (p: Page) => p.getByRole('alertdialog');

  it('Delete asks first, then deletes a folder with everything in it (Cancel keeps it)', async () => {
    await goTo(app.page, '/www');
    await docker('exec', app.id, 'sh', '-c', 'mkdir -p "/www/made here/sub" && echo x > "/www/made here/sub/f"');
    await expect.poll(() => row('made here').count(), { timeout: 10_000 }).toBe(1);
    await app.page.getByRole('button', { name: 'Delete made here' }).click();
    expect(await dialog(app.page).innerText()).toContain(`/www/made here and everything in it are deleted from the container`);
    await dialog(app.page).getByRole('button', { name: 'Cancel' }).click();
    expect(await dialog(app.page).count()).toBe(0);
    expect(await docker('exec', app.id, 'cat', '/www/made here/sub/f')).toBe('x');

    await app.page.getByRole('button', { name: 'Delete made here' }).click();
    await dialog(app.page).getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => row('made here').count(), { timeout: 10_000 }).toBe(0);
    expect(await dialog(app.page).count()).toBe(0);
    expect(await docker('exec', app.id, 'sh', '-c', 'test -e "/www/made here" && echo there || echo gone')).toBe('gone');

    await app.page.getByRole('button', { name: 'Delete index.html' }).click();
    expect(await dialog(app.page).innerText()).toContain('/www/index.html is deleted from the container');
    await dialog(app.page).getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => row('index.html').count(), { timeout: 10_000 }).toBe(0);
    expect(await docker('exec', app.id, 'ls', '/www')).toBe('raced');
  });

  it('a failing rm (read-only mount) shows its reason in the dialog, and the file stays', async () => {
    await goTo(app.page, '/ro');
    await expect.poll(() => row('f').count(), { timeout: 10_000 }).toBe(1);
    await app.page.getByRole('button', { name: 'Delete f' }).click();
    await dialog(app.page).getByRole('button', { name: 'Delete' }).click();
    await expect
      .poll(() => dialog(app.page).getByRole('alert').innerText(), { timeout: 10_000 })
      .toBe("Could not delete /ro/f: rm: can't remove '/ro/f': Read-only file system");
    expect(await docker('exec', app.id, 'cat', '/ro/f')).toBe('kept');
    await dialog(app.page).getByRole('button', { name: 'Cancel' }).click();
    expect(await row('f').count()).toBe(1);
  });

  it('on a stopped container Delete is disabled and says to start the container', async () => {
    const { page: p2, errors: e2 } = await openFilesTab(app, stopped);
    await goTo(p2, '/www');
    await expect.poll(() => fileRow(p2, 'index.html').count(), { timeout: 10_000 }).toBe(1);
    const del = p2.getByRole('button', { name: 'Delete index.html' });
    expect(await del.getAttribute('aria-disabled')).toBe('true');
    expect(await del.getAttribute('title')).toBe('Start the container to delete files');
    expect(await p2.locator('.fbrowser__count').innerText()).toContain('Start the container to delete files');
    await del.click({ force: true });
    expect(await dialog(p2).count()).toBe(0);
    expect(await kindIn(stopped, '/www/index.html')).toBe('file');
    expect(e2).toEqual([]);
    await p2.context().close();
  });

  it('Upload folder sends the folder with its tree; again, it asks before uploading into the folder now there', async () => {
    await goTo(app.page, '/www');
    await expect.poll(() => row('raced').count(), { timeout: 10_000 }).toBe(1);
    await app.page.getByLabel('Upload folder').setInputFiles(join(local, 'site'));
    await expect.poll(() => row('site').count(), { timeout: 15_000 }).toBe(1);
    await expect
      .poll(() => docker('exec', app.id, 'sh', '-c', 'cd /www/site && find . | sort'), { timeout: 15_000 })
      .toBe(['.', './css', './css/a.css', './img', './img/deep', './img/deep/x.txt', './index.html'].join('\n'));
    expect(await docker('exec', app.id, 'cat', '/www/site/img/deep/x.txt', '/www/site/index.html')).toBe('deep\nhome');
    await expect.poll(() => app.page.getByRole('list', { name: 'Transfers' }).innerText()).toContain('Uploaded site/img/deep/x.txt');

    await docker('exec', app.id, 'sh', '-c', 'echo old > /www/site/index.html && echo mine > /www/site/keep.txt');
    await app.page.getByLabel('Upload folder').setInputFiles(join(local, 'site'));
    const ask = app.page.getByRole('group', { name: 'Upload into existing folders?' });
    await ask.waitFor({ timeout: 5_000 });
    expect(await ask.innerText()).toContain('The folder site already exists in /www. Upload into it? Files of the same name are replaced.');
    expect(await docker('exec', app.id, 'cat', '/www/site/index.html')).toBe('old');
    await ask.getByRole('button', { name: 'Upload into it' }).click();
    await expect.poll(() => docker('exec', app.id, 'cat', '/www/site/index.html'), { timeout: 10_000 }).toBe('home');
    expect(await docker('exec', app.id, 'cat', '/www/site/keep.txt')).toBe('mine');
  });

  it('a folder named like a file there is refused, and the file stays', async () => {
    await docker('exec', app.id, 'sh', '-c', 'echo plain > /www/plainfile');
    await app.page.getByRole('button', { name: 'Refresh files' }).click();
    await expect.poll(() => row('plainfile').count(), { timeout: 10_000 }).toBe(1);
    await app.page.getByLabel('Upload folder').setInputFiles(join(local, 'plainfile'));
    const refused = app.page.getByRole('alert', { name: 'Not uploaded' });
    await refused.waitFor({ timeout: 5_000 });
    expect(await refused.innerText()).toContain('/www/plainfile is a file; a folder cannot replace it. Rename the folder or remove the file first.');
    expect(await docker('exec', app.id, 'cat', '/www/plainfile')).toBe('plain');
    await refused.getByRole('button', { name: 'Dismiss' }).click();
  });

  it('dropped files still upload (the drop reads entries only when a folder is among them)', async () => {
    const dt = await app.page.evaluateHandle(() => {
      const t = new DataTransfer();
      t.items.add(new File(['dropped\n'], 'dropped.txt', { type: 'text/plain' }));
      return t;
    });
    await app.page.locator('.fbrowser__table').dispatchEvent('drop', { dataTransfer: dt });
    await expect.poll(() => row('dropped.txt').count(), { timeout: 10_000 }).toBe(1);
    expect(await docker('exec', app.id, 'cat', '/www/dropped.txt')).toBe('dropped');
  });

  it('an upload into a read-only mount names the mount; Clear finished removes every finished row', async () => {
    await goTo(app.page, '/ro');
    await expect.poll(() => row('f').count(), { timeout: 10_000 }).toBe(1);
    await app.page.getByLabel('Upload file').setInputFiles({ name: 'no.txt', mimeType: 'text/plain', buffer: Buffer.from('no\n') });
    const transfers = app.page.getByRole('list', { name: 'Transfers' });
    const failed = transfers.getByRole('listitem').filter({ hasText: 'Failed: no.txt' });
    await expect.poll(() => failed.count(), { timeout: 10_000 }).toBe(1);
    expect(await failed.getByRole('alert').innerText()).toBe(`/ro is a read-only mount (volume ${volume}): nothing can be written in it`);
    expect(await docker('exec', app.id, 'ls', '/ro')).toBe('f');

    expect(await transfers.getByRole('listitem').count()).toBeGreaterThan(1);
    const clear = app.page.getByRole('button', { name: /^Clear finished \(\d+\)$/ });
    await clear.click();
    await expect.poll(() => transfers.count()).toBe(0);
    expect(await clear.count()).toBe(0);
  });

  it('logs no app.page errors', () => {
    expect(app.errors).toEqual([]);
  });
});
