import { describe, expect, it } from 'vitest';
import { freePort } from '../engine/testing/test-files.js';
import { useAppSession } from './support/session.js';
import { docker, testImage, uniqueName } from './support/docker-cli.js';

const prefix = 'berth-e2e-rbpart';

describe('recycle bin: a restore that recreates the container but cannot start it', () => {
  const app = useAppSession(prefix);
  const { row, stateOf } = app;

  it('says it was restored, created but not started and why, in a warning; the entry goes and the container stays', async () => {
    const name = uniqueName(prefix);
    const holder = uniqueName(prefix);
    const port = await freePort();
    await docker('run', '-d', '--name', name, '-p', `127.0.0.1:${port}:80`, testImage, 'sleep', '300');

    await app.page.getByRole('searchbox', { name: 'Filter containers' }).fill(name);
    await expect.poll(() => stateOf(name), { timeout: 10_000 }).toBe('running');
    await row(name).getByRole('button', { name: `Remove ${name}` }).click();
    const dialog = app.page.getByRole('dialog', { name: `Remove ${name}?` });
    await dialog.waitFor();
    await dialog.getByRole('checkbox', { name: /Force/ }).check();
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect.poll(() => row(name).count(), { timeout: 15_000 }).toBe(0);

    // Another container takes its port meanwhile: the restored one cannot start.
    await docker('run', '-d', '--name', holder, '-p', `127.0.0.1:${port}:80`, testImage, 'sleep', '300');

    await app.page.goto(`${app.berth.url}#/containers/recently-removed`);
    const entry = app.page.getByRole('listitem', { name, exact: true });
    await entry.waitFor({ timeout: 10_000 });
    await entry.getByRole('button', { name: `Restore ${name}` }).click();

    const notice = app.page.locator('.ca-notice');
    await expect.poll(() => notice.count(), { timeout: 20_000 }).toBe(1);
    expect(await notice.innerText()).toBe(`Restored ${name} (created, not started: Port ${port} is already in use by container ${holder})`);
    expect(await notice.getAttribute('class')).toContain('ca-notice--warning');
    expect(await notice.getAttribute('role')).toBe('alert');
    expect(await app.page.getByText(/Could not restore/).count()).toBe(0);
    await expect.poll(() => entry.count(), { timeout: 10_000 }).toBe(0);

    expect(await docker('ps', '-aq', '--filter', `name=^/${name}$`)).not.toBe('');
    expect(await docker('inspect', '-f', '{{.State.Status}}', name)).toBe('created');
    await app.page.getByRole('link', { name: 'Containers', exact: true }).first().click();
    await app.page.getByRole('searchbox', { name: 'Filter containers' }).fill(name);
    await expect.poll(() => stateOf(name), { timeout: 15_000 }).toBe('created');
    expect(app.errors).toEqual([]);
  });
});
