import { describe, expect, it } from 'vitest';
import { docker, testImage, uniqueName } from './support/docker-cli.js';
import { useAppSession } from './support/session.js';

const prefix = 'berth-e2e-palette';
const loop = ['sh', '-c', 'trap "exit 0" TERM; while :; do sleep 1; done'];

describe('command palette', () => {
  const app = useAppSession(prefix);

  it('opens with Ctrl+K, finds a container by a fuzzy name and stops it, keyboard only', async () => {
    const name = uniqueName(prefix);
    await docker('run', '-d', '--name', name, testImage, ...loop);
    await expect.poll(() => app.stateOf(name), { timeout: 10_000 }).toBe('running');

    await app.page.keyboard.press('Control+k');
    const dialog = app.page.getByRole('dialog', { name: 'Go to or run…' });
    await dialog.waitFor();
    const input = dialog.getByRole('combobox');
    expect(await input.evaluate((el) => el === document.activeElement)).toBe(true);
    // Letters of the name out of their runs, then the action: fuzzy, two words.
    await app.page.keyboard.type(`${name.slice(0, 6)}${name.slice(-4)} stp`);
    const first = dialog.getByRole('option').first();
    await expect.poll(() => first.innerText()).toMatch(new RegExp(`Stop\\s+${name}\\s+Container\\s+x`));
    expect(await first.getAttribute('aria-selected')).toBe('true');
    await app.page.keyboard.press('Enter');

    await expect.poll(() => docker('inspect', '-f', '{{.State.Status}}', name), { timeout: 20_000 }).toBe('exited');
    await expect.poll(() => dialog.count(), { timeout: 10_000 }).toBe(0);
    expect(app.errors).toEqual([]);
  });

  it('moves with the arrows, goes to a page with Enter, and closes with Escape', async () => {
    await app.page.keyboard.press('Control+k');
    const dialog = app.page.getByRole('dialog', { name: 'Go to or run…' });
    await dialog.waitFor();
    await app.page.keyboard.type('settin');
    await app.page.keyboard.press('ArrowDown');
    await app.page.keyboard.press('ArrowUp');
    expect(await dialog.getByRole('option', { selected: true }).innerText()).toMatch(/Go to\s+Settings\s+Page/);
    await app.page.keyboard.press('Enter');
    await expect.poll(() => app.page.evaluate(() => location.hash)).toBe('#/settings');

    await app.page.keyboard.press('Control+k');
    await dialog.waitFor();
    await app.page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  });
});
