import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, testImage, uniqueName } from './support/docker-cli.js';
import { closeSession, openSession, type AppSession } from './support/session.js';

const deep = uniqueName('berth-e2e-vsafe-deep');
const other = uniqueName('berth-e2e-vsafe-other');

/** What volume `name` holds: each path, and each file's content. */
const contentOf = (name: string) => docker('run', '--rm', '--network', 'none', '-v', `${name}:/v`, testImage, 'sh', '-c', 'cd /v && find . | sort && cat $(find . -type f | sort)');

describe('Volume Files: going from one volume to another, and uploads that meet a name already there', () => {
  let app: AppSession;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'berth-e2e-vsafe-'));
    await docker('run', '--rm', '--network', 'none', '-v', `${deep}:/v`, testImage, 'sh', '-c', 'mkdir -p /v/keep/inner && echo kept > /v/keep/inner/f.txt && echo old > /v/note.txt');
    await docker('run', '--rm', '--network', 'none', '-v', `${other}:/v`, testImage, 'sh', '-c', 'echo mine > /v/only-here.txt');
    app = await openSession(`#/volumes/${deep}`, (page) => page.getByRole('table', { name: 'Files' }).getByRole('row', { name: 'keep', exact: true }).waitFor({ timeout: 20_000 }));
  });

  afterAll(async () => {
    expect(await closeSession(app)).toBe(0);
    await docker('volume', 'rm', deep, other).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });

  const files = () => app.page.getByRole('table', { name: 'Files' });
  const fileRow = (name: string) => files().getByRole('row', { name, exact: true });

  it('shows the other volume from its root, with its own files, not the folder or a dialog left open on the first', async () => {
    const { page } = app;
    await fileRow('keep').dblclick();
    await fileRow('inner').waitFor();
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByRole('dialog', { name: `Export volume ${deep}` }).waitFor();
    // As the command palette or the browser's Back does: only the address changes.
    await page.evaluate((name) => (location.hash = `#/volumes/${name}`), other);
    await page.getByRole('heading', { name: other }).waitFor();
    await fileRow('only-here.txt').waitFor({ timeout: 15_000 });
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await fileRow('inner').count()).toBe(0);
    await page.evaluate((name) => (location.hash = `#/volumes/${name}`), deep);
    await fileRow('keep').waitFor({ timeout: 15_000 });
  });

  it('never replaces a folder with an uploaded file of its name, and asks before replacing a file', async () => {
    const { page } = app;
    const before = await contentOf(deep);
    await writeFile(join(dir, 'keep'), 'a file named like the folder\n');
    await page.getByLabel('Upload file').setInputFiles(join(dir, 'keep'));
    await expect.poll(() => page.getByRole('alert').allInnerTexts()).toEqual([expect.stringContaining('/keep is a folder; a file cannot replace it')]);
    expect(await contentOf(deep)).toBe(before);

    await writeFile(join(dir, 'note.txt'), 'new\n');
    await page.getByLabel('Upload file').setInputFiles(join(dir, 'note.txt'));
    const question = page.getByRole('group', { name: 'Replace existing files?' });
    await question.waitFor();
    expect(await question.innerText()).toContain('note.txt already exists in /');
    await question.getByRole('button', { name: 'Keep the existing file' }).click();
    await page.waitForTimeout(500);
    expect(await contentOf(deep)).toBe(before);

    await page.getByLabel('Upload file').setInputFiles(join(dir, 'note.txt'));
    await question.getByRole('button', { name: 'Replace' }).click();
    await expect.poll(() => contentOf(deep), { timeout: 15_000 }).toBe(before.replace('old', 'new'));
    expect(app.errors).toEqual([]);
  });
});
