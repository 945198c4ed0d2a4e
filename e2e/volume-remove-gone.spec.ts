import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, uniqueName } from './support/docker-cli.js';
import { closeSession, openSession, type AppSession } from './support/session.js';

const name = uniqueName('berth-e2e-vgone');

describe('Remove volume: the volume removed from the CLI while the dialog is open', () => {
  let app: AppSession;

  beforeAll(async () => {
    await docker('volume', 'create', name);
    app = await openSession('#/volumes', (page) => page.getByRole('table', { name: 'Volumes' }).getByRole('row', { name, exact: true }).waitFor({ timeout: 20_000 }));
  });

  afterAll(async () => {
    expect(await closeSession(app)).toBe(0);
    await docker('volume', 'rm', name).catch(() => undefined);
  });

  it('says it is gone and offers nothing more to remove, rather than the engine’s “No such volume” beside a live Remove', async () => {
    const { page } = app;
    await page.getByRole('button', { name: `Remove ${name}`, exact: true }).click();
    const dialog = page.getByRole('alertdialog', { name: `Remove volume ${name}?` });
    await expect.poll(() => dialog.getByRole('status').allInnerTexts(), { timeout: 15_000 }).toEqual([expect.stringContaining('A copy of its content is kept')]);
    await docker('volume', 'rm', name);
    await expect
      .poll(() => dialog.getByRole('status').allInnerTexts(), { timeout: 15_000 })
      .toEqual([`Volume ${name} no longer exists: it was removed outside this dialog. There is nothing left to remove.`]);
    expect(await dialog.getByRole('alert').count()).toBe(0);
    expect(await dialog.getByRole('button', { name: /^Remove/ }).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(app.errors).toEqual([]);
  });
});
