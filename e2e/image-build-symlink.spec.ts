import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSession, openSession, type AppSession } from './support/session.js';
import { docker, testImage, uniqueName } from './support/docker-cli.js';
import { removeImages } from './support/images-fixtures.js';

const tag = `${uniqueName('berth-e2e-buildlink')}:1`;
// Longer than the link's own target path, so a header sized from the link could not pass for it.
const note = 'built from the file the link points to, not from the link itself';

/** A Dockerfile outside the context that is a symlink (a shared Dockerfile linked into a project, say) builds from the file it points to. */
describe('build: a Dockerfile outside the context that is a symlink', () => {
  let s: AppSession;
  let dir = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'berth-e2e-buildlink-'));
    mkdirSync(join(dir, 'ctx'));
    mkdirSync(join(dir, 'shared'));
    mkdirSync(join(dir, 'other'));
    writeFileSync(join(dir, 'ctx/app.txt'), 'hello\n');
    writeFileSync(join(dir, 'shared/Dockerfile.dev'), `FROM ${testImage}\nCOPY app.txt /app.txt\nLABEL berth.note="${note}"\n`);
    symlinkSync(join(dir, 'shared/Dockerfile.dev'), join(dir, 'other/Dockerfile'));
    s = await openSession('#/images', (page) => page.getByRole('table', { name: 'Images' }).waitFor());
  });

  afterAll(async () => {
    expect(await closeSession(s)).toBe(0);
    await removeImages(tag);
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds from the linked file', async () => {
    const { page } = s;
    await page.getByRole('main').getByRole('button', { name: 'Build', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Build an image' });
    await dialog.getByLabel('Context folder').fill(join(dir, 'ctx'));
    await dialog.getByLabel('Dockerfile', { exact: true }).fill(join(dir, 'other/Dockerfile'));
    await dialog.getByLabel('Tags').fill(tag);
    await dialog.getByRole('button', { name: 'Build', exact: true }).click();
    await expect.poll(() => dialog.getByRole('status').innerText(), { timeout: 60_000 }).toMatch(/^Built [0-9a-f]{12} tagged /);
    expect(await docker('image', 'inspect', '--format', '{{index .Config.Labels "berth.note"}}', tag)).toBe(note);
    expect(s.errors).toEqual([]);
  });
});
