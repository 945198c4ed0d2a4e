import { describe, expect, it } from 'vitest';
import { freePort } from '../engine/testing/test-files.js';
import { useAppSession } from './support/session.js';
import { docker, testImage, uniqueName } from './support/docker-cli.js';

const prefix = 'berth-e2e-bin';


async function fetchText(url: string): Promise<string | undefined> {
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return r.ok ? await r.text() : undefined;
  } catch {
    return undefined;
  }
}

describe('recycle bin: remove through Berth, restore in one click', () => {
  const app = useAppSession(prefix);
  const { row, stateOf } = app;

  it('removes a running container after confirmation and restores it with the same name and published port, running', async () => {
    const name = uniqueName(prefix);
    const port = await freePort();
    await docker('run', '-d', '--name', name, '-p', `127.0.0.1:${port}:80`, '--label', 'com.example.bin=yes', testImage, 'sh', '-c', 'mkdir -p /www && echo berth-bin-ok > /www/index.html && httpd -f -p 80 -h /www');
    await expect.poll(() => fetchText(`http://127.0.0.1:${port}/`), { timeout: 15_000 }).toContain('berth-bin-ok');

    await app.page.getByRole('searchbox', { name: 'Filter containers' }).fill(name);
    await expect.poll(() => stateOf(name), { timeout: 10_000 }).toBe('running');
    await row(name).getByRole('button', { name: `Remove ${name}` }).click();

    const dialog = app.page.getByRole('dialog', { name: `Remove ${name}?` });
    await dialog.waitFor();
    expect(await dialog.getByRole('list', { name: 'Containers to remove' }).innerText()).toContain(name);
    expect(await dialog.innerText()).toContain('This container will be removed:');
    expect(await dialog.innerText()).toContain('Data in the container’s writable layer is gone; only its configuration is kept. It goes to Recently removed');
    const confirm = dialog.getByRole('button', { name: 'Remove', exact: true });
    // Running: Remove needs Force.
    await expect.poll(() => confirm.isDisabled(), { timeout: 10_000 }).toBe(true);
    await dialog.getByRole('checkbox', { name: /Force/ }).check();
    await confirm.click();

    await expect.poll(() => row(name).count(), { timeout: 15_000 }).toBe(0);
    expect(await docker('ps', '-aq', '--filter', `name=^/${name}$`)).toBe('');
    const link = app.page.getByRole('main').getByRole('link', { name: /Recently removed/ });
    await expect.poll(async () => Number((await link.getByLabel(/entr/).innerText()).trim()), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    await link.click();

    const entry = app.page.getByRole('listitem', { name, exact: true });
    await entry.waitFor({ timeout: 10_000 });
    expect(await entry.innerText()).toContain(testImage);
    expect(await entry.innerText()).toContain(`127.0.0.1:${port}→80/tcp`);
    expect(await app.page.getByText('Data in the container’s writable layer is gone; only its configuration is kept.').count()).toBe(1);
    await entry.getByRole('button', { name: `Restore ${name}` }).click();
    await expect.poll(() => app.page.getByRole('status').filter({ hasText: `Restored ${name} and started it` }).count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => entry.count(), { timeout: 10_000 }).toBe(0);

    await app.page.getByRole('link', { name: 'Containers', exact: true }).first().click();
    await app.page.getByRole('searchbox', { name: 'Filter containers' }).fill(name);
    await expect.poll(() => stateOf(name), { timeout: 15_000 }).toBe('running');
    expect((await row(name).innerText()).replace(/\s+/g, ' ')).toContain(`127.0.0.1:${port}`);
    expect(await docker('inspect', '-f', '{{index .Config.Labels "com.example.bin"}}', name)).toBe('yes');
    // The writable layer is gone: /www was made at run time, so httpd has no page now, but the port is published again.
    expect(await docker('port', name, '80/tcp')).toBe(`127.0.0.1:${port}`);
    expect(app.errors).toEqual([]);
  });

  it('sets the retention window and deletes an entry for good after confirming', async () => {
    const name = uniqueName(prefix);
    await docker('create', '--name', name, testImage, 'true');
    await app.page.goto(`${app.berth.url}#/containers`);
    await app.page.getByRole('searchbox', { name: 'Filter containers' }).fill(name);
    await expect.poll(() => stateOf(name), { timeout: 10_000 }).toBe('created');
    await row(name).getByRole('button', { name: `Remove ${name}` }).click();
    await app.page.getByRole('dialog', { name: `Remove ${name}?` }).getByRole('button', { name: 'Remove', exact: true }).click();
    await expect.poll(() => row(name).count(), { timeout: 15_000 }).toBe(0);

    await app.page.goto(`${app.berth.url}#/containers/recently-removed`);
    const keep = app.page.getByRole('combobox', { name: 'Keep for' });
    await expect.poll(() => keep.isEnabled(), { timeout: 10_000 }).toBe(true);
    await keep.selectOption({ label: '1 day' });
    const entry = app.page.getByRole('listitem', { name, exact: true });
    await expect.poll(async () => (await entry.innerText()).includes('in 23 hours') || (await entry.innerText()).includes('in 24 hours'), { timeout: 10_000 }).toBe(true);

    await entry.getByRole('button', { name: `Delete ${name} permanently` }).click();
    await app.page.getByRole('dialog', { name: `Delete ${name} permanently?` }).getByRole('button', { name: 'Delete permanently' }).click();
    await expect.poll(() => entry.count(), { timeout: 10_000 }).toBe(0);
    expect(app.errors).toEqual([]);
  });
});
