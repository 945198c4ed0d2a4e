import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { docker, testImage, uniqueName } from './support/docker-cli.js';
import { fileRow, openFilesTab, useFilesSession } from './support/files-tab.js';

const prefix = 'berth-e2e-files';

describe('Files tab: browse, download, upload, changes', () => {
  const app = useFilesSession({ prefix, setup: () => docker('run', '-d', '--name', uniqueName(prefix), testImage, 'sleep', '300') });
  const { row } = app;

  it('browses into /www and downloads index.html', async () => {
    await expect.poll(() => row('bin').count(), { timeout: 10_000 }).toBe(1);
    await row('www').click();
    await expect.poll(() => app.page.getByLabel('Path').inputValue(), { timeout: 10_000 }).toBe('/www');
    await expect.poll(() => row('index.html').count(), { timeout: 10_000 }).toBe(1);
    expect(await row('index.html').innerText()).toMatch(/17 B/);

    const [download] = await Promise.all([app.page.waitForEvent('download'), app.page.getByRole('button', { name: 'Download index.html' }).click()]);
    expect(download.suggestedFilename()).toBe('index.html');
    expect(await readFile((await download.path())!, 'utf8')).toBe('hello from berth\n');

    // ".." goes back up; the path input navigates too, with a readable error for a missing folder.
    await row('..').click();
    await expect.poll(() => app.page.getByLabel('Path').inputValue()).toBe('/');
    // A folder downloads as a .tar.
    const [tar] = await Promise.all([app.page.waitForEvent('download'), app.page.getByRole('button', { name: 'Download www' }).click()]);
    expect(tar.suggestedFilename()).toBe('www.tar');
    const tarBytes = await readFile((await tar.path())!);
    expect(tarBytes.subarray(257, 262).toString()).toBe('ustar');
    expect(tarBytes.includes(Buffer.from('hello from berth'))).toBe(true);
    await app.page.getByLabel('Path').fill('/does/not/exist');
    await app.page.getByLabel('Path').press('Enter');
    await expect.poll(() => app.page.getByRole('alert').allInnerTexts(), { timeout: 10_000 }).toEqual(
      expect.arrayContaining([expect.stringContaining('No such file or directory: /does/not/exist')]),
    );
    await app.page.getByLabel('Path').fill('/www');
    await app.page.getByLabel('Path').press('Enter');
    await expect.poll(() => row('index.html').count(), { timeout: 10_000 }).toBe(1);
  });

  it('a file’s path typed in the path bar offers the file in its folder, or to download it', async () => {
    const { page } = app;
    await page.getByLabel('Path').fill('/www/index.html');
    await page.getByLabel('Path').press('Enter');
    const note = page.getByRole('status').filter({ hasText: '/www/index.html is a file, not a folder.' });
    await note.waitFor({ timeout: 10_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), note.getByRole('button', { name: 'Download it' }).click()]);
    expect(download.suggestedFilename()).toBe('index.html');
    expect(await readFile((await download.path())!, 'utf8')).toBe('hello from berth\n');
    await note.getByRole('button', { name: 'Show it in its folder' }).click();
    await expect.poll(() => page.getByLabel('Path').inputValue(), { timeout: 10_000 }).toBe('/www');
    await expect.poll(() => row('index.html').count(), { timeout: 10_000 }).toBe(1);
    expect(await note.count()).toBe(0);
    // Filtered to the file's name; cleared for the tests after.
    expect(await page.getByRole('searchbox', { name: 'Filter files' }).inputValue()).toBe('index.html');
    await page.getByRole('searchbox', { name: 'Filter files' }).fill('');
  });

  it('the keyboard browses like a file manager: Enter opens, ↓/↑ move, Backspace and Alt+↑ go up, the focus follows', async () => {
    const { page } = app;
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName);
    const path = () => page.getByLabel('Path').inputValue();
    await page.getByLabel('Path').fill('/');
    await page.getByLabel('Path').press('Enter');
    await expect.poll(() => row('www').count(), { timeout: 10_000 }).toBe(1);
    await row('bin').focus();
    await page.keyboard.press('ArrowDown');
    expect(await focused()).not.toBe('bin');
    await page.keyboard.press('ArrowUp');
    expect(await focused()).toBe('bin');

    await row('www').focus();
    await page.keyboard.press('Enter');
    await expect.poll(path).toBe('/www');
    // The new listing's first row (".."), not the page, has the focus: the keys go on working.
    await expect.poll(focused).toBe('..');
    await page.keyboard.press('Backspace');
    await expect.poll(path).toBe('/');
    await expect.poll(focused).toBe('bin');

    await row('www').focus();
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('..');
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(path).toBe('/');
    // Back where the tests after this one start.
    await page.getByLabel('Path').fill('/www');
    await page.getByLabel('Path').press('Enter');
    await expect.poll(() => row('index.html').count(), { timeout: 10_000 }).toBe(1);
  });

  it('a folder the browser downloads says it was saved by the browser, never "0 B"', async () => {
    expect(await app.page.getByLabel('Path').inputValue()).toBe('/www');
    await docker('exec', app.id, 'sh', '-c', 'mkdir -p /www/site && echo hi > /www/site/a.txt');
    try {
      await app.page.getByRole('button', { name: 'Refresh files' }).click();
      await expect.poll(() => row('site').count(), { timeout: 10_000 }).toBe(1);
      const [tar] = await Promise.all([app.page.waitForEvent('download'), app.page.getByRole('button', { name: 'Download site' }).click()]);
      expect(tar.suggestedFilename()).toBe('site.tar');
      // The browser saved the tar (its size unknown to the page): the panel says so, not "0 B".
      const transfer = app.page.getByRole('list', { name: 'Transfers' }).getByRole('listitem').filter({ hasText: 'site.tar' });
      await expect.poll(() => transfer.innerText(), { timeout: 10_000 }).toMatch(/Downloaded site\.tar[\s\S]*saved by the browser/i);
      expect(await transfer.innerText()).not.toMatch(/\b0 B\b/);
    } finally {
      await docker('exec', app.id, 'rm', '-r', '/www/site');
      await app.page.getByRole('button', { name: 'Refresh files' }).click();
    }
  });

  it('uploads a file into the current folder and lists it', async () => {
    expect(await app.page.getByLabel('Path').inputValue()).toBe('/www');
    await app.page.getByLabel('Upload file').setInputFiles({ name: 'uploaded.txt', mimeType: 'text/plain', buffer: Buffer.from('uploaded by e2e\n') });
    await expect.poll(() => row('uploaded.txt').count(), { timeout: 15_000 }).toBe(1);
    expect(await row('uploaded.txt').innerText()).toMatch(/16 B/);
    expect(await docker('exec', app.id, 'cat', '/www/uploaded.txt')).toBe('uploaded by e2e');

    // The same name again: nothing is overwritten until the user says so.
    await app.page.getByLabel('Upload file').setInputFiles({ name: 'uploaded.txt', mimeType: 'text/plain', buffer: Buffer.from('second version\n') });
    const ask = app.page.getByRole('group', { name: 'Replace existing files?' });
    await ask.waitFor({ timeout: 5_000 });
    expect(await ask.innerText()).toContain('uploaded.txt already exists in /www');
    expect(await docker('exec', app.id, 'cat', '/www/uploaded.txt')).toBe('uploaded by e2e');
    // Another upload while the question waits (a name not taken) goes at once and leaves the question be.
    await app.page.getByLabel('Upload file').setInputFiles({ name: 'other.txt', mimeType: 'text/plain', buffer: Buffer.from('other\n') });
    await expect.poll(() => row('other.txt').count(), { timeout: 15_000 }).toBe(1);
    expect(await ask.innerText()).toContain('uploaded.txt already exists in /www');
    await ask.getByRole('button', { name: 'Replace' }).click();
    await expect.poll(() => docker('exec', app.id, 'cat', '/www/uploaded.txt'), { timeout: 10_000 }).toBe('second version');
    await expect.poll(() => row('uploaded.txt').innerText(), { timeout: 10_000 }).toMatch(/15 B/);
    expect(await ask.count()).toBe(0);
    await docker('exec', app.id, 'rm', '/www/other.txt');
    await app.page.getByRole('button', { name: 'Refresh files' }).click();
    await expect.poll(() => row('other.txt').count(), { timeout: 10_000 }).toBe(0);
  });

  it('never offers to replace a folder with a file of the same name: it refuses, and the folder stays whole', async () => {
    expect(await app.page.getByLabel('Path').inputValue()).toBe('/www');
    await docker('exec', app.id, 'sh', '-c', 'mkdir -p /www/many && for i in $(seq 1 50); do echo $i > /www/many/f$i; done');
    await app.page.getByRole('button', { name: 'Refresh files' }).click();
    await expect.poll(() => row('many').count(), { timeout: 10_000 }).toBe(1);
    await app.page.getByLabel('Upload file').setInputFiles({ name: 'many', mimeType: 'text/plain', buffer: Buffer.from('not a folder\n') });
    const refused = app.page.getByRole('alert', { name: 'Not uploaded' });
    await refused.waitFor({ timeout: 5_000 });
    expect(await refused.innerText()).toContain('/www/many is a folder; a file cannot replace it. Rename the file or remove the folder first.');
    expect(await app.page.getByRole('group', { name: 'Replace existing files?' }).count()).toBe(0);
    expect(await app.page.getByRole('button', { name: 'Replace', exact: true }).count()).toBe(0);
    expect(await docker('exec', app.id, 'sh', '-c', 'test -d /www/many && ls /www/many | wc -l')).toBe('50');
    // A later upload that goes fine leaves the refusal in view until it is dismissed.
    await app.page.getByLabel('Upload file').setInputFiles({ name: 'fine.txt', mimeType: 'text/plain', buffer: Buffer.from('fine\n') });
    await expect.poll(() => row('fine.txt').count(), { timeout: 15_000 }).toBe(1);
    expect(await refused.innerText()).toContain('/www/many is a folder');
    await docker('exec', app.id, 'rm', '/www/fine.txt');
    await refused.getByRole('button', { name: 'Dismiss' }).click();
    expect(await refused.count()).toBe(0);
    await docker('exec', app.id, 'rm', '-r', '/www/many');
    await app.page.getByRole('button', { name: 'Refresh files' }).click();
    await expect.poll(() => row('many').count(), { timeout: 10_000 }).toBe(0);
  });

  it('a long name ends in an ellipsis and its row’s buttons stay in view in a narrow window', async () => {
    const long = `${'a-very-long-file-name-'.repeat(6)}end.tar.gz`;
    await docker('exec', app.id, 'touch', `/www/${long}`);
    const before = app.page.viewportSize()!;
    try {
      await app.page.setViewportSize({ width: 900, height: before.height });
      await app.page.getByRole('button', { name: 'Refresh files' }).click();
      await expect.poll(() => row(long).count(), { timeout: 10_000 }).toBe(1);
      const remove = (await row(long).getByRole('button', { name: `Delete ${long}` }).boundingBox())!;
      expect(remove.x + remove.width).toBeLessThanOrEqual(900);
      const table = (await app.page.getByRole('table', { name: 'Files' }).boundingBox())!;
      expect(table.x + table.width).toBeLessThanOrEqual(900);
    } finally {
      await app.page.setViewportSize(before);
      await docker('exec', app.id, 'rm', `/www/${long}`);
      await app.page.getByRole('button', { name: 'Refresh files' }).click();
    }
  });

  it('uploads and downloads a 2 MiB random file byte for byte, over HTTP on the page\'s origin (not the WebSocket)', async () => {
    expect(await app.page.getByLabel('Path').inputValue()).toBe('/www');
    const bytes = randomBytes(2 * 1024 * 1024);
    const digest = createHash('sha256').update(bytes).digest('hex');
    const byteRequests: string[] = [];
    const onRequest = (r: { method(): string; url(): string }) => {
      if (new URL(r.url()).pathname.startsWith('/bytes/')) byteRequests.push(`${r.method()} ${new URL(r.url()).pathname}`);
    };
    app.page.on('request', onRequest);
    try {
      await app.page.getByLabel('Upload file').setInputFiles({ name: 'random.bin', mimeType: 'application/octet-stream', buffer: bytes });
      await expect.poll(() => row('random.bin').count(), { timeout: 15_000 }).toBe(1);
      expect(await row('random.bin').innerText()).toMatch(/2(\.0)? MiB/);
      expect((await docker('exec', app.id, 'sha256sum', '/www/random.bin')).split(/\s+/)[0]).toBe(digest);

      const [download] = await Promise.all([app.page.waitForEvent('download'), app.page.getByRole('button', { name: 'Download random.bin' }).click()]);
      expect(download.suggestedFilename()).toBe('random.bin');
      const got = await readFile((await download.path())!);
      expect(got.length).toBe(bytes.length);
      expect(createHash('sha256').update(got).digest('hex')).toBe(digest);
      // The browser downloaded it itself (a navigation, not a page request), from the same origin.
      expect(new URL(download.url()).origin).toBe(new URL(app.page.url()).origin);
      expect(new URL(download.url()).pathname).toBe('/bytes/containers.download');
      expect(byteRequests).toEqual(expect.arrayContaining(['PUT /bytes/containers.upload', 'HEAD /bytes/containers.download']));
    } finally {
      app.page.off('request', onRequest);
    }
  });

  it('a download that fails before its first byte shows the app\'s own error', async () => {
    await docker('exec', app.id, 'sh', '-c', 'echo soon gone > /www/gone.txt');
    await app.page.getByRole('button', { name: 'Refresh files' }).click();
    await expect.poll(() => row('gone.txt').count(), { timeout: 10_000 }).toBe(1);
    await docker('exec', app.id, 'rm', '/www/gone.txt');
    let downloads = 0;
    const onDownload = () => downloads++;
    app.page.on('download', onDownload);
    await app.page.getByRole('button', { name: 'Download gone.txt' }).click();
    const transfers = app.page.getByRole('list', { name: 'Transfers' });
    await expect.poll(() => transfers.innerText(), { timeout: 10_000 }).toMatch(/Failed: gone\.txt[\s\S]*gone\.txt/);
    expect(await transfers.getByRole('alert').last().innerText()).toMatch(/No such file|not found|does not exist/i);
    app.page.off('download', onDownload);
    expect(downloads).toBe(0);
  });

  it('shows the changes against the image, with an A badge for the uploaded file', async () => {
    await app.page.getByRole('button', { name: 'Changes', exact: true }).click();
    const changes = app.page.getByRole('table', { name: 'Changes' });
    await changes.waitFor({ timeout: 10_000 });
    const added = changes.getByRole('row', { name: '/www/uploaded.txt', exact: true });
    await expect.poll(() => added.count(), { timeout: 10_000 }).toBe(1);
    expect((await added.innerText()).trim()).toMatch(/^A/);
    // The kind filter narrows the list and shows counts.
    await app.page.getByRole('button', { name: /^Added/ }).click();
    expect(await changes.getByRole('row').count()).toBeGreaterThan(1);
    await app.page.getByLabel('Filter changes').fill('uploaded');
    await expect.poll(() => changes.getByRole('row').count()).toBe(2); // header + the one file
    expect(app.errors).toEqual([]);
  });

  it('browses a stopped container', async () => {
    const stopped = await docker('create', '--name', uniqueName(prefix), testImage, 'sh');
    const { page: p2, errors: e2 } = await openFilesTab(app, stopped);
    await expect.poll(() => fileRow(p2, 'www').count(), { timeout: 10_000 }).toBe(1);
    expect(e2).toEqual([]);
    await p2.context().close();
  });
});
