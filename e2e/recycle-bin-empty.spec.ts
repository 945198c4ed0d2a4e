import { describe, expect, it } from 'vitest';
import { useSession } from './support/session.js';
import { docker, removeContainers, testImage, uniqueName } from './support/docker-cli.js';

const prefix = 'berth-e2e-binempty';
const name = uniqueName(prefix);
const volume = uniqueName(`${prefix}-vol`);
const kept = uniqueName(`${prefix}-kept`);

describe('Recently removed: Empty asks first, names what goes, and deletes only that', () => {
  const app = useSession({
    hash: '#/containers',
    setup: async () => {
      await docker('create', '--name', name, testImage, 'true');
      await docker('create', '--name', kept, testImage, 'true');
      await docker('volume', 'create', volume);
    },
    cleanup: async () => {
      await removeContainers(prefix);
      await docker('volume', 'rm', '-f', volume).catch(() => undefined);
    },
  });

  it('keeps everything on Cancel, then deletes the container’s configuration and the volume’s copy, leaving the engine alone', async () => {
    const { page } = app;
    await page.getByRole('searchbox', { name: 'Filter containers' }).fill(name);
    await page.getByRole('button', { name: `Remove ${name}`, exact: true }).click();
    await page.getByRole('dialog', { name: `Remove ${name}?` }).getByRole('button', { name: 'Remove', exact: true }).click();
    await expect.poll(() => docker('ps', '-aq', '--filter', `name=^/${name}$`), { timeout: 15_000 }).toBe('');
    await page.evaluate((v) => (location.hash = `#/volumes/${v}`), volume);
    await page.getByRole('button', { name: 'Remove', exact: true }).click();
    const removeVolume = page.getByRole('alertdialog', { name: `Remove volume ${volume}?` });
    await expect.poll(() => removeVolume.innerText(), { timeout: 15_000 }).toContain('kept in Recently removed');
    await removeVolume.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect.poll(() => docker('volume', 'ls', '-q', '--filter', `name=^${volume}$`), { timeout: 15_000 }).toBe('');

    await page.evaluate(() => (location.hash = '#/containers/recently-removed'));
    await page.getByRole('listitem', { name, exact: true }).waitFor({ timeout: 15_000 });
    const empty = page.getByRole('button', { name: 'Empty Recently removed' });
    await empty.click();
    const dialog = page.getByRole('alertdialog', { name: 'Empty Recently removed?' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('The configuration of 1 container and the copy of 1 volume will be deleted for good and can no longer be restored.');
    expect((await dialog.getByRole('list', { name: 'To delete' }).innerText()).replace(/\s+/g, ' ')).toBe(`${name} container ${volume} volume copy`);
    // Cancel has the focus: Enter keeps everything.
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await page.getByRole('listitem', { name, exact: true }).count()).toBe(1);

    await empty.click();
    await dialog.getByRole('button', { name: 'Delete 2 items' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Deleted the configuration of 1 container and the copy of 1 volume for good' }).count(), { timeout: 15_000 }).toBe(1);
    await page.getByText('Nothing removed recently').waitFor({ timeout: 10_000 });
    await page.getByText('No volume removed recently.').waitFor();
    expect(await empty.isDisabled()).toBe(true);
    // Only the bin was emptied: the engine's other container is still there.
    expect(await docker('ps', '-aq', '--filter', `name=^/${kept}$`)).not.toBe('');
    expect(app.errors).toEqual([]);
  });
});
