import { describe, expect, it } from 'vitest';
import { docker, testImage, uniqueName } from './support/docker-cli.js';
import { openPalette } from './support/palette.js';
import { useAppSession } from './support/session.js';

const prefix = 'berth-e2e-palette';
const loop = ['sh', '-c', 'trap "exit 0" TERM; while :; do sleep 1; done'];

describe('command palette', () => {
  const app = useAppSession(prefix);

  it('opens with Ctrl+K, finds a container by a fuzzy name and stops it, keyboard only', async () => {
    const name = uniqueName(prefix);
    await docker('run', '-d', '--name', name, testImage, ...loop);
    await expect.poll(() => app.stateOf(name), { timeout: 10_000 }).toBe('running');

    const dialog = await openPalette(app.page);
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

  it('runs an action once however often Enter is pressed while it is under way', async () => {
    const name = uniqueName(prefix);
    await docker('run', '-d', '--name', name, testImage, ...loop);
    await expect.poll(() => app.stateOf(name), { timeout: 10_000 }).toBe('running');
    const since = Math.floor(Date.now() / 1000) - 1;

    const dialog = await openPalette(app.page);
    await app.page.keyboard.type(`${name} restart`);
    await expect.poll(() => dialog.getByRole('option', { selected: true }).innerText()).toMatch(new RegExp(`Restart\\s+${name}`));
    await app.page.keyboard.press('Enter');
    await app.page.keyboard.press('Enter');
    await app.page.keyboard.press('Enter');
    await expect.poll(() => dialog.count(), { timeout: 20_000 }).toBe(0);
    // A second restart, had one been sent, would be under way or done by now.
    await new Promise((r) => setTimeout(r, 3000));
    const until = String(Math.ceil(Date.now() / 1000) + 1);
    const restarts = (await docker('events', '--since', String(since), '--until', until, '--filter', `container=${name}`, '--filter', 'event=restart', '--format', '{{.Action}}')).split('\n').filter(Boolean);
    expect(restarts).toEqual(['restart']);
    expect(app.errors).toEqual([]);
  });

  it('finds a container by the start of its id, and its Terminal by "shell"', async () => {
    const name = uniqueName(prefix);
    const id = (await docker('run', '-d', '--name', name, testImage, ...loop)).trim();
    await expect.poll(() => app.stateOf(name), { timeout: 10_000 }).toBe('running');
    const dialog = await openPalette(app.page);
    await app.page.keyboard.type(id.slice(0, 8));
    const selected = dialog.getByRole('option', { selected: true });
    await expect.poll(() => selected.innerText()).toMatch(new RegExp(`Open\\s+${name}\\s+Container`));
    await app.page.keyboard.press('Control+a');
    await app.page.keyboard.type(`${id.slice(0, 8)} shell`);
    await expect.poll(() => selected.innerText()).toMatch(new RegExp(`Terminal\\s+${name}\\s+Container`));
    await app.page.keyboard.press('Enter');
    await expect.poll(() => app.page.evaluate(() => location.hash)).toBe(`#/containers/${id}/terminal`);
    await docker('rm', '-f', name);
    expect(app.errors).toEqual([]);
  });

  it('removes a container from the palette only after the same confirmation as the list', async () => {
    const name = uniqueName(prefix);
    await docker('create', '--name', name, testImage, 'true');
    await app.page.evaluate(() => (location.hash = '#/containers'));
    await app.row(name).waitFor({ timeout: 15_000 });
    const dialog = await openPalette(app.page);
    await app.page.keyboard.type(`${name} delete`);
    const selected = dialog.getByRole('option', { selected: true });
    await expect.poll(() => selected.innerText()).toMatch(new RegExp(`Remove…\\s+${name}\\s+Container\\s+Delete`));
    await app.page.keyboard.press('Enter');
    const confirm = app.page.getByRole('dialog', { name: `Remove ${name}?` });
    await confirm.waitFor();
    expect(await dialog.count()).toBe(0);
    // Nothing is removed before the answer.
    expect(await docker('inspect', '-f', '{{.State.Status}}', name)).toBe('created');
    await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect.poll(() => docker('ps', '-aq', '--filter', `name=^${name}$`), { timeout: 15_000 }).toBe('');
    expect(app.errors).toEqual([]);
  });

  it('shows the outcome of Remove and Kill on the page it was run from, not only on Containers', async () => {
    const removed = uniqueName(prefix);
    const killed = uniqueName(prefix);
    await docker('create', '--name', removed, testImage, 'true');
    await docker('run', '-d', '--name', killed, testImage, ...loop);
    await app.page.evaluate(() => (location.hash = '#/volumes'));
    await app.page.getByRole('heading', { name: 'Volumes' }).first().waitFor();
    const dialog = app.page.getByRole('dialog', { name: 'Go to or run…' });

    // Success: removed from the Volumes page, the notice shows there.
    await openPalette(app.page);
    await app.page.keyboard.type(`${removed} delete`);
    await expect.poll(() => dialog.getByRole('option', { selected: true }).innerText(), { timeout: 10_000 }).toMatch(new RegExp(`Remove…\\s+${removed}\\s`));
    await app.page.keyboard.press('Enter');
    const confirm = app.page.getByRole('dialog', { name: `Remove ${removed}?` });
    await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
    const success = app.page.getByRole('status').filter({ hasText: `Removed ${removed}` });
    await expect.poll(() => success.count(), { timeout: 15_000 }).toBe(1);
    expect(await app.page.evaluate(() => location.hash)).toBe('#/volumes');
    expect(await success.isVisible()).toBe(true);

    // Failure: the container stops between the question and the answer; Kill then fails, and says so here.
    await openPalette(app.page);
    await app.page.keyboard.type(`${killed} kill`);
    await expect.poll(() => dialog.getByRole('option', { selected: true }).innerText(), { timeout: 10_000 }).toMatch(new RegExp(`Kill…\\s+${killed}\\s`));
    await app.page.keyboard.press('Enter');
    const ask = app.page.getByRole('dialog', { name: `Kill ${killed}?` });
    await ask.waitFor();
    await docker('stop', '-t', '0', killed);
    await ask.getByRole('button', { name: /^Send / }).click();
    const failure = app.page.getByRole('alert').filter({ hasText: `Could not kill ${killed}` });
    await expect.poll(() => failure.count(), { timeout: 15_000 }).toBe(1);
    expect(await failure.isVisible()).toBe(true);
    expect(await failure.innerText()).toMatch(/not running/i);
    await failure.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => failure.count()).toBe(0);
    expect(app.errors).toEqual([]);
  });

  it('moves with the arrows, goes to a page (Recently removed too) with Enter, and closes with Escape', async () => {
    const dialog = await openPalette(app.page);
    await app.page.keyboard.type('settin');
    await app.page.keyboard.press('ArrowDown');
    await app.page.keyboard.press('ArrowUp');
    expect(await dialog.getByRole('option', { selected: true }).innerText()).toMatch(/Go to\s+Settings\s+Page/);
    await app.page.keyboard.press('Enter');
    await expect.poll(() => app.page.evaluate(() => location.hash)).toBe('#/settings');

    // Recently removed, by a word of its name.
    await openPalette(app.page);
    await app.page.keyboard.type('removed');
    expect(await dialog.getByRole('option', { selected: true }).innerText()).toMatch(/Go to\s+Recently removed\s+Page/);
    await app.page.keyboard.press('Enter');
    await expect.poll(() => app.page.evaluate(() => location.hash)).toBe('#/recently-removed');

    await openPalette(app.page);
    await app.page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it('keeps the option the keys chose in view, and does not open over another dialog', async () => {
    // Enough entries that the list scrolls: each container has an Open command.
    const names = Array.from({ length: 24 }, () => uniqueName(prefix));
    for (const n of names) await docker('create', '--name', n, testImage, 'true');
    await app.page.evaluate(() => (location.hash = '#/containers'));
    await app.page.getByRole('button', { name: 'Run a container' }).waitFor();
    const dialog = await openPalette(app.page);
    // The pages and these 24 containers at least (the first 50 show: on a shared engine, not always the last one created).
    await expect.poll(() => dialog.getByRole('option').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(30);
    const list = dialog.getByRole('listbox');
    expect(await list.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
    for (let i = 0; i < 3; i++) await app.page.keyboard.press('PageDown');
    const chosen = dialog.getByRole('option', { selected: true });
    const inView = await chosen.evaluate((el) => {
      const o = el.getBoundingClientRect();
      const l = el.parentElement!.getBoundingClientRect();
      return o.top >= l.top - 1 && o.bottom <= l.bottom + 1;
    });
    expect(inView).toBe(true);
    await app.page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);

    // Over the Run dialog, Ctrl+K does nothing: a page change would happen behind it.
    await app.page.getByRole('button', { name: 'Run a container' }).click();
    const run = app.page.getByRole('dialog', { name: /Run a container/ });
    await run.waitFor();
    await app.page.keyboard.press('Control+k');
    await new Promise((r) => setTimeout(r, 300));
    expect(await dialog.count()).toBe(0);
    await app.page.keyboard.press('Escape');
    await expect.poll(() => run.count()).toBe(0);
    for (const n of names) await docker('rm', '-f', n);
  });

  it('keeps the command the keys chose when a new container ranks above it, so Enter stops the one chosen', async () => {
    const chosen = uniqueName(prefix);
    // A name the query matches whole: its commands rank above the chosen container's.
    const newcomer = chosen.slice(0, -2);
    await docker('run', '-d', '--name', chosen, testImage, ...loop);
    await expect.poll(() => app.stateOf(chosen), { timeout: 10_000 }).toBe('running');
    const dialog = await openPalette(app.page);
    await app.page.keyboard.type(newcomer);
    const selected = dialog.getByRole('option', { selected: true });
    await expect.poll(() => selected.innerText()).toMatch(new RegExp(`Open\\s+${chosen}\\s`));
    await app.page.keyboard.press('ArrowDown');
    await expect.poll(() => selected.innerText()).toMatch(new RegExp(`Stop\\s+${chosen}\\s`));

    // While the palette is open, another container starts (a compose up elsewhere): the list moves down.
    await docker('run', '-d', '--name', newcomer, testImage, ...loop);
    await expect.poll(() => dialog.getByRole('option').first().innerText(), { timeout: 10_000 }).toMatch(new RegExp(`${newcomer}\\s+Container`));
    expect(await selected.innerText()).toMatch(new RegExp(`Stop\\s+${chosen}\\s`));
    await app.page.keyboard.press('Enter');
    await expect.poll(() => docker('inspect', '-f', '{{.State.Status}}', chosen), { timeout: 20_000 }).toBe('exited');
    expect(await docker('inspect', '-f', '{{.State.Status}}', newcomer)).toBe('running');
    await expect.poll(() => dialog.count(), { timeout: 10_000 }).toBe(0);
    await docker('rm', '-f', chosen, newcomer);
  });

  it('lines up the kinds of every row, keyed or not, and shows a long name in full on hover', async () => {
    const long = `${uniqueName(prefix)}-${'very-long-name-'.repeat(6)}end`;
    await docker('create', '--name', long, testImage, 'true');
    await app.page.setViewportSize({ width: 900, height: 800 });
    const dialog = await openPalette(app.page);
    await app.page.keyboard.type(long);
    // Open (key Enter), Start (key s) and Logs (no key) of one container.
    await expect.poll(() => dialog.getByRole('option').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
    const rows = dialog.getByRole('option').filter({ hasText: 'Container' });
    const lefts = await rows.locator('.cp-option__kind').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().left)));
    expect(lefts.length).toBeGreaterThanOrEqual(3);
    expect(new Set(lefts).size).toBe(1);
    expect(await rows.first().locator('.cp-option__name').getAttribute('title')).toBe(long);
    await app.page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await docker('rm', '-f', long);
  });

  it('shows the names in a narrow browser window, not one letter and an ellipsis', async () => {
    // Browser mode has no minimum window size; the fixed action, kind and key columns left "C…" at 400 px.
    await app.page.setViewportSize({ width: 400, height: 800 });
    const dialog = await openPalette(app.page);
    const names = await dialog.locator('.cp-option__name').evaluateAll((els) => els.slice(0, 10).map((e) => ({ text: e.textContent, cut: e.scrollWidth > e.clientWidth, width: e.clientWidth })));
    // The pages' names ("Recently removed" the longest) show whole, and a long name keeps room to read.
    expect(names.filter((n) => n.cut)).toEqual([]);
    expect(Math.min(...names.map((n) => n.width))).toBeGreaterThanOrEqual(120);
    // The key column is hidden here, and so is the hint about it.
    expect(await dialog.getByRole('status').innerText()).toBe('↑ ↓ to choose, Enter to run, Esc to close.');
    await app.page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await app.page.setViewportSize({ width: 1400, height: 900 });
  });
});
