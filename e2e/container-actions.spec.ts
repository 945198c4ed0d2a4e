import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useAppSession } from './support/session.js';
import { docker, testImage, uniqueName } from './support/docker-cli.js';

const prefix = 'berth-e2e-act';
/** A shell that exits on SIGTERM (busybox sh as PID 1 would otherwise ignore it until the stop timeout). */
const loop = ['sh', '-c', 'trap "exit 0" TERM; while :; do sleep 1; done'];

describe('container actions from the list', () => {
  const app = useAppSession(prefix);
  const { row, stateOf } = app;
  const filter = (text: string) => app.page.getByRole('searchbox', { name: 'Filter containers' }).fill(text);

  it('bulk-stops three selected containers, with progress and a result', async () => {
    const group = uniqueName(prefix);
    const names = [`${group}-a`, `${group}-b`, `${group}-c`];
    for (const n of names) await docker('run', '-d', '--name', n, testImage, ...loop);
    await filter(group);
    for (const n of names) await expect.poll(() => stateOf(n), { timeout: 10_000 }).toBe('running');

    for (const n of names) await app.page.getByRole('checkbox', { name: `Select ${n}` }).check();
    const toolbar = app.page.getByRole('toolbar', { name: 'Actions on selected containers' });
    expect(await toolbar.getByText('3 selected', { exact: true }).count()).toBe(1);
    // The selection's merged logs is one of the toolbar's buttons, button-sized (it was once a full-width bar below it).
    const merged = toolbar.getByRole('button', { name: 'Merged logs of 3 selected' });
    const [mergedBox, toolbarBox] = [await merged.boundingBox(), await toolbar.boundingBox()];
    expect(mergedBox!.width).toBeLessThan(toolbarBox!.width / 3);
    await toolbar.getByRole('button', { name: 'Stop', exact: true }).click();

    for (const n of names) await expect.poll(() => stateOf(n), { timeout: 20_000 }).toBe('exited');
    await expect.poll(() => app.page.getByRole('status').filter({ hasText: 'Stopped 3 containers' }).count(), { timeout: 10_000 }).toBe(1);
    for (const n of names) expect(await docker('inspect', '-f', '{{.State.Status}}', n)).toBe('exited');

    // Removing the three: the dialog speaks of them in the plural.
    await toolbar.getByRole('button', { name: 'Remove…', exact: true }).click();
    const dialog = app.page.getByRole('dialog', { name: 'Remove 3 containers?' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('These containers will be removed:');
    expect(await dialog.innerText()).toContain('Data in the containers’ writable layers is gone; only their configuration is kept. They go to Recently removed');
    await dialog.getByRole('button', { name: 'Remove 3', exact: true }).click();
    await expect.poll(() => docker('ps', '-aq', '--filter', `name=${group}`), { timeout: 20_000 }).toBe('');
    expect(app.errors).toEqual([]);
  });

  it('shows a failing action’s reason, readable, on screen', async () => {
    // The engine refuses to start a container whose command does not exist.
    const name = uniqueName(prefix);
    await docker('create', '--name', name, testImage, '/no-such-command');
    await filter(name);
    await expect.poll(() => stateOf(name), { timeout: 10_000 }).toBe('created');
    await app.page.getByRole('checkbox', { name: `Select ${name}` }).check();
    await app.page.getByRole('toolbar', { name: 'Actions on selected containers' }).getByRole('button', { name: 'Start', exact: true }).click();
    const alert = app.page.getByRole('alert').filter({ hasText: `Could not start ${name}` });
    await expect.poll(() => alert.count(), { timeout: 10_000 }).toBe(1);
    expect(await alert.innerText()).toContain('/no-such-command');
    expect(await alert.innerText()).not.toMatch(/[{}]|HTTP code/);
    await app.page.getByRole('button', { name: 'Clear selection' }).click();
  });

  it('applies a bulk action only to the selected containers it suits, and says what it left out', async () => {
    const group = uniqueName(prefix);
    const [up, down] = [`${group}-up`, `${group}-down`];
    await docker('run', '-d', '--name', up, testImage, ...loop);
    await docker('create', '--name', down, testImage, ...loop);
    await filter(group);
    await expect.poll(() => stateOf(up), { timeout: 10_000 }).toBe('running');
    await expect.poll(() => stateOf(down), { timeout: 10_000 }).toBe('created');
    for (const n of [up, down]) await app.page.getByRole('checkbox', { name: `Select ${n}` }).check();
    const toolbar = app.page.getByRole('toolbar', { name: 'Actions on selected containers' });
    // Pause suits one of two; Unpause suits none; Restart suits both.
    expect(await toolbar.getByRole('button', { name: 'Pause 1 of 2', exact: true }).isEnabled()).toBe(true);
    expect(await toolbar.getByRole('button', { name: 'Unpause', exact: true }).isDisabled()).toBe(true);
    expect(await toolbar.getByRole('button', { name: 'Restart', exact: true }).isEnabled()).toBe(true);

    await toolbar.getByRole('button', { name: 'Pause 1 of 2', exact: true }).click();
    await expect.poll(() => app.page.getByRole('status').filter({ hasText: `Paused ${up}; skipped 1 that is not running` }).count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => stateOf(up), { timeout: 10_000 }).toBe('paused');
    expect(await app.page.getByRole('alert').filter({ hasText: 'Could not pause' }).count()).toBe(0);
    expect(await docker('inspect', '-f', '{{.State.Status}}', down)).toBe('created');

    // Kill from the keyboard on a selection where nothing is running: nothing is sent, and it says why.
    await app.page.getByRole('checkbox', { name: `Select ${up}` }).uncheck();
    await row(down).focus();
    await app.page.keyboard.press('k');
    await expect.poll(() => app.page.getByRole('status').filter({ hasText: `Nothing to kill: ${down} is not running` }).count(), { timeout: 10_000 }).toBe(1);
    expect(await app.page.getByRole('dialog').count()).toBe(0);
    await app.page.getByRole('button', { name: 'Clear selection' }).click();
    await docker('unpause', up);
  });

  it('after removing the focused row from the keyboard, the row that took its place has the focus', async () => {
    const group = uniqueName(prefix);
    const names = [`${group}-a`, `${group}-b`, `${group}-c`];
    for (const n of names) await docker('create', '--name', n, testImage, ...loop);
    await filter(group);
    for (const n of names) await expect.poll(() => stateOf(n), { timeout: 10_000 }).toBe('created');
    const shown = async () => (await app.page.getByRole('row').allInnerTexts()).flatMap((t) => names.filter((n) => t.includes(n)));
    const [, middle, after] = await shown();
    await row(middle!).focus();
    await app.page.keyboard.press('Delete');
    await app.page.getByRole('dialog', { name: `Remove ${middle}?` }).getByRole('button', { name: 'Remove', exact: true }).click();
    await expect.poll(() => row(middle!).count(), { timeout: 10_000 }).toBe(0);
    const focusedRowText = () => app.page.evaluate(() => document.activeElement?.closest('[role="row"]')?.textContent ?? document.activeElement?.tagName);
    await expect.poll(focusedRowText, { timeout: 5_000 }).toContain(after!);
    // And the keyboard goes on from there: the next Delete asks about that row.
    await app.page.keyboard.press('Delete');
    const d = app.page.getByRole('dialog', { name: `Remove ${after}?` });
    await d.waitFor({ timeout: 5_000 });
    await d.getByRole('button', { name: 'Cancel' }).click();
  });

  it('starts from a row button, stops with a keyboard shortcut, sorts by column and opens details by name', async () => {
    const name = uniqueName(prefix);
    await docker('create', '--name', name, testImage, ...loop);
    await filter(name);
    await expect.poll(() => stateOf(name), { timeout: 10_000 }).toBe('created');
    await row(name).getByRole('button', { name: `Start ${name}`, exact: true }).click();
    await expect.poll(() => stateOf(name), { timeout: 10_000 }).toBe('running');

    await row(name).focus();
    await app.page.keyboard.press('x');
    await expect.poll(() => stateOf(name), { timeout: 20_000 }).toBe('exited');

    // "?" shows the shortcuts beside the list, the focus staying on the row; typed in the filter it is
    // text; Escape hides them.
    const help = app.page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await app.page.keyboard.press('?');
    await help.waitFor();
    expect(await help.innerText()).toContain('Show or hide these shortcuts');
    expect(await row(name).evaluate((el) => el === document.activeElement)).toBe(true);
    await app.page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    await app.page.getByRole('searchbox', { name: 'Filter containers' }).press('?');
    expect(await help.count()).toBe(0);
    await filter(name);

    const imageHeader = app.page.getByRole('columnheader', { name: 'Image' });
    expect(await imageHeader.getAttribute('aria-sort')).toBe('none');
    await imageHeader.getByRole('button').click();
    expect(await imageHeader.getAttribute('aria-sort')).toBe('ascending');
    await imageHeader.getByRole('button').click();
    expect(await imageHeader.getAttribute('aria-sort')).toBe('descending');

    await filter(`${name} state:exited`);
    expect(await row(name).count()).toBe(1);
    await filter(`${name} state:running`);
    expect(await row(name).count()).toBe(0);
    // Nothing matches: the page says so, and Clear filter brings the rows back.
    await app.page.getByText(`No containers match “${name} state:running”`).waitFor();
    // A state that does not exist is named, with those that do.
    await filter(`${name} state:stoped`);
    await app.page.getByText('“stoped” is not a state: use running, paused, restarting, created, exited, removing, dead or stopped.').waitFor();
    await app.page.getByRole('button', { name: 'Clear filter' }).click();
    expect(await app.page.getByRole('searchbox', { name: 'Filter containers' }).inputValue()).toBe('');
    await row(name).waitFor();
    await filter(name);

    await row(name).getByRole('link', { name }).click();
    await expect.poll(() => app.page.evaluate(() => location.hash)).toMatch(/^#\/containers\/[0-9a-f]{64}$/);
    expect(app.errors).toEqual([]);
  });
  it('acts from the details app.page header: stop, start, kill with a checked signal, remove and back to the list', async () => {
    const name = uniqueName(prefix);
    const id = await docker('run', '-d', '--name', name, testImage, ...loop);
    const status = () => docker('inspect', '-f', '{{.State.Status}}', name);
    await app.page.goto(`${app.berth.url}#/containers/${id}`);
    const actions = app.page.getByRole('group', { name: `Actions for ${name}` });
    await actions.waitFor({ timeout: 15_000 });
    await actions.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect.poll(status, { timeout: 20_000 }).toBe('exited');
    await actions.getByRole('button', { name: 'Start', exact: true }).click();
    await expect.poll(status, { timeout: 10_000 }).toBe('running');

    await actions.getByRole('button', { name: 'Kill…' }).click();
    const dialog = app.page.getByRole('dialog', { name: `Kill ${name}?` });
    await dialog.getByRole('combobox', { name: 'Signal' }).selectOption('other');
    await dialog.getByRole('textbox', { name: 'Signal name or number' }).fill('SIGFOO');
    expect(await dialog.getByRole('alert').innerText()).toContain('“SIGFOO” is not a known signal');
    await dialog.getByRole('textbox', { name: 'Signal name or number' }).fill('term');
    await dialog.getByRole('button', { name: 'Send SIGTERM' }).click();
    await expect.poll(status, { timeout: 10_000 }).toBe('exited');

    await actions.getByRole('button', { name: 'Remove…' }).click();
    await app.page.getByRole('dialog', { name: `Remove ${name}?` }).getByRole('button', { name: 'Remove', exact: true }).click();
    await expect.poll(() => app.page.evaluate(() => location.hash), { timeout: 10_000 }).toBe('#/containers');
    expect(await docker('ps', '-aq', '--filter', `name=^/${name}$`)).toBe('');
    expect(app.errors).toEqual([]);
  });

  it('a dialog takes focus, keeps Tab and Shift+Tab inside, closes on Escape or the backdrop and gives focus back', async () => {
    const name = uniqueName(prefix);
    const id = await docker('run', '-d', '--name', name, testImage, ...loop);
    await app.page.goto(`${app.berth.url}#/containers/${id}`);
    const actions = app.page.getByRole('group', { name: `Actions for ${name}` });
    await actions.waitFor({ timeout: 15_000 });
    const opener = actions.getByRole('button', { name: 'Kill…' });
    const focused = (l: Locator) => l.evaluate((el) => el === document.activeElement);
    await opener.click();
    const dialog = app.page.getByRole('dialog', { name: `Kill ${name}?` });
    await dialog.waitFor();
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    const signal = dialog.getByRole('combobox', { name: 'Signal' });
    await expect.poll(() => focused(signal)).toBe(true);

    // Three stops (signal, Cancel, Send): Tab comes round to the start, Shift+Tab wraps to the end.
    for (let i = 0; i < 3; i++) {
      await app.page.keyboard.press('Tab');
      expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    }
    expect(await focused(signal)).toBe(true);
    await app.page.keyboard.press('Shift+Tab');
    expect(await focused(dialog.getByRole('button', { name: 'Send SIGKILL' }))).toBe(true);

    await app.page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await focused(opener)).toBe(true);
    // A click on the backdrop (outside the panel) closes it too; nothing was sent either time.
    await opener.click();
    await dialog.waitFor();
    await app.page.mouse.click(5, 5);
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await focused(opener)).toBe(true);
    expect(await docker('inspect', '-f', '{{.State.Status}}', name)).toBe('running');
    expect(app.errors).toEqual([]);
  });
});
