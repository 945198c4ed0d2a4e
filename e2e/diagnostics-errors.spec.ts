import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { untarGz } from '../engine/testing/test-files.js';
import { docker, testImage, uniqueName } from './support/docker-cli.js';
import { openPalette } from './support/palette.js';
import { useAppSession } from './support/session.js';

const prefix = 'berth-e2e-diagerr';
const planted = 'Planted-Root-Pw-8842';

describe('the diagnostics bundle after an error a user saw', () => {
  const app = useAppSession(prefix);

  it('keeps the error in errors.json, without the secret a failed command carried', async () => {
    // A command that is an assignment (a shell line pasted as the command): the error quotes it.
    const name = uniqueName(prefix);
    await docker('create', '--name', name, testImage, `MYSQL_ROOT_PASSWORD=${planted}`);
    await app.row(name).waitFor({ timeout: 15_000 });

    // Started from the palette, where the user sees why it failed.
    const dialog = await openPalette(app.page);
    await app.page.keyboard.type(`${name} start`);
    await expect.poll(() => dialog.getByRole('option', { selected: true }).innerText()).toMatch(new RegExp(`Start\\s+${name}`));
    await app.page.keyboard.press('Enter');
    await expect.poll(() => dialog.getByRole('alert').innerText(), { timeout: 15_000 }).toMatch(/^Could not start .*was not found in the container/);
    await app.page.keyboard.press('Escape');

    await app.page.evaluate(() => (location.hash = '#/settings'));
    const button = app.page.getByRole('button', { name: 'Download diagnostics bundle' });
    await button.waitFor();
    const [download] = await Promise.all([app.page.waitForEvent('download'), button.click()]);
    const path = join(mkdtempSync(join(tmpdir(), 'berth-e2e-diagerr-')), 'bundle.tar.gz');
    await download.saveAs(path);
    const files = await untarGz(readFileSync(path));

    const recorded = (JSON.parse(files.get('errors.json')!) as { call: string; message: string }[]).find((e) => e.call === 'containers.start');
    // The error is still there to read, with the variable's name; only its value is gone.
    expect(recorded?.message).toContain('MYSQL_ROOT_PASSWORD=<redacted>');
    expect([...files.values()].join('\n')).not.toContain(planted);
    expect(app.errors).toEqual([]);
  });
});
