import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, testImage, uniqueName } from './support/docker-cli.js';
import { closeSession, openSession, type AppSession } from './support/session.js';

const name = uniqueName('berth-e2e-vrestore');
const taken = `${name}-taken`;

describe('Recently removed: restoring a volume whose name was taken since, with the keyboard alone', () => {
  let app: AppSession;

  beforeAll(async () => {
    await docker('run', '--rm', '--network', 'none', '-v', `${name}:/v`, testImage, 'sh', '-c', 'echo kept > /v/data.txt');
    await docker('volume', 'create', taken);
    app = await openSession('#/volumes', (page) => page.getByRole('table', { name: 'Volumes' }).getByRole('row', { name, exact: true }).waitFor({ timeout: 20_000 }));
  });

  afterAll(async () => {
    expect(await closeSession(app)).toBe(0);
    for (const v of [name, taken, `${name}-mine`]) await docker('volume', 'rm', v).catch(() => undefined);
  });

  it('moves the focus to the new name, keeps a typed name that is taken too, then restores under the typed one', async () => {
    const { page } = app;
    await page.getByRole('button', { name: `Remove ${name}`, exact: true }).click();
    await page.locator('[role=dialog], [role=alertdialog]').getByRole('button', { name: 'Remove', exact: true }).click();
    await page.getByRole('table', { name: 'Volumes' }).getByRole('row', { name, exact: true }).waitFor({ state: 'detached', timeout: 30_000 });
    await docker('volume', 'create', name);

    await page.evaluate(() => (location.hash = '#/containers/recently-removed'));
    const restore = page.getByRole('button', { name: `Restore volume ${name}`, exact: true });
    await restore.focus();
    await page.keyboard.press('Enter');
    const field = page.getByLabel('Restore as');
    await field.waitFor({ timeout: 30_000 });
    await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? '')).toMatch(/^rb-rename-/);
    expect(await field.inputValue()).toBe(`${name}-restored`);

    // A name taken too: said so, and what was typed stays to be corrected.
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(taken);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').allInnerTexts(), { timeout: 30_000 }).toEqual([`A volume named ${taken} already exists`]);
    expect(await field.inputValue()).toBe(taken);

    await field.fill(`${name}-mine`);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').allInnerTexts(), { timeout: 30_000 }).toContain(`Restored volume ${name}-mine with its data`);
    expect(await docker('run', '--rm', '--network', 'none', '-v', `${name}-mine:/v`, testImage, 'cat', '/v/data.txt')).toBe('kept');
    expect(app.errors).toEqual([]);
  });
});
