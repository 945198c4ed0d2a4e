import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningBerth } from './support/berth.js';
import { closeSession, openSession } from './support/session.js';
import { docker, removeContainers, testImage, uniqueName } from './support/docker-cli.js';

const prefix = 'berth-e2e-act';
/** A shell that exits on SIGTERM (busybox sh as PID 1 would otherwise ignore it until the stop timeout). */
const loop = ['sh', '-c', 'trap "exit 0" TERM; while :; do sleep 1; done'];

describe('container actions from the list', () => {
  let berth: RunningBerth;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    ({ berth, browser, page, errors } = await openSession());
  });

  afterAll(async () => {
    expect(await closeSession({ berth, browser })).toBe(0);
    await removeContainers(prefix);
  });

  const row = (name: string) => page.getByRole('row', { name, exact: true });
  const stateOf = async (name: string) => (await row(name).getByRole('cell').allInnerTexts())[3]?.trim();
  const filter = (text: string) => page.getByRole('searchbox', { name: 'Filter containers' }).fill(text);

  it('bulk-stops three selected containers, with progress and a result', async () => {
    const group = uniqueName(prefix);
    const names = [`${group}-a`, `${group}-b`, `${group}-c`];
    for (const n of names) await docker('run', '-d', '--name', n, testImage, ...loop);
    await filter(group);
    for (const n of names) await expect.poll(() => stateOf(n), { timeout: 10_000 }).toBe('running');

    for (const n of names) await page.getByRole('checkbox', { name: `Select ${n}` }).check();
    const toolbar = page.getByRole('toolbar', { name: 'Actions on selected containers' });
    expect(await toolbar.getByText('3 selected').count()).toBe(1);
    await toolbar.getByRole('button', { name: 'Stop', exact: true }).click();

    for (const n of names) await expect.poll(() => stateOf(n), { timeout: 20_000 }).toBe('exited');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Stopped 3 containers' }).count(), { timeout: 10_000 }).toBe(1);
    for (const n of names) expect(await docker('inspect', '-f', '{{.State.Status}}', n)).toBe('exited');
    expect(errors).toEqual([]);
  });

  it('shows a failing action’s reason, readable, on screen', async () => {
    const name = uniqueName(prefix);
    await docker('create', '--name', name, testImage, ...loop);
    await filter(name);
    await expect.poll(() => stateOf(name), { timeout: 10_000 }).toBe('created');
    await page.getByRole('checkbox', { name: `Select ${name}` }).check();
    await page.getByRole('toolbar', { name: 'Actions on selected containers' }).getByRole('button', { name: 'Pause', exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: `Could not pause ${name}` });
    await expect.poll(() => alert.count(), { timeout: 10_000 }).toBe(1);
    expect(await alert.innerText()).toContain(`Container ${name} is not running`);
    expect(await alert.innerText()).not.toMatch(/[{}]|HTTP code/);
    await page.getByRole('button', { name: 'Clear selection' }).click();
  });

  it('starts from a row button, stops with a keyboard shortcut, sorts by column and opens details by name', async () => {
    const name = uniqueName(prefix);
    await docker('create', '--name', name, testImage, ...loop);
    await filter(name);
    await expect.poll(() => stateOf(name), { timeout: 10_000 }).toBe('created');
    await row(name).getByRole('button', { name: `Start ${name}`, exact: true }).click();
    await expect.poll(() => stateOf(name), { timeout: 10_000 }).toBe('running');

    await row(name).focus();
    await page.keyboard.press('x');
    await expect.poll(() => stateOf(name), { timeout: 20_000 }).toBe('exited');

    const imageHeader = page.getByRole('columnheader', { name: 'Image' });
    expect(await imageHeader.getAttribute('aria-sort')).toBe('none');
    await imageHeader.getByRole('button').click();
    expect(await imageHeader.getAttribute('aria-sort')).toBe('ascending');
    await imageHeader.getByRole('button').click();
    expect(await imageHeader.getAttribute('aria-sort')).toBe('descending');

    await filter(`${name} state:exited`);
    expect(await row(name).count()).toBe(1);
    await filter(`${name} state:running`);
    expect(await row(name).count()).toBe(0);
    await filter(name);

    await row(name).getByRole('link', { name }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#\/containers\/[0-9a-f]{64}$/);
    expect(errors).toEqual([]);
  });
  it('acts from the details page header: stop, start, kill with a checked signal, remove and back to the list', async () => {
    const name = uniqueName(prefix);
    const id = await docker('run', '-d', '--name', name, testImage, ...loop);
    const status = () => docker('inspect', '-f', '{{.State.Status}}', name);
    await page.goto(`${berth.url}#/containers/${id}`);
    const actions = page.getByRole('group', { name: `Actions for ${name}` });
    await actions.waitFor({ timeout: 15_000 });
    await actions.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect.poll(status, { timeout: 20_000 }).toBe('exited');
    await actions.getByRole('button', { name: 'Start', exact: true }).click();
    await expect.poll(status, { timeout: 10_000 }).toBe('running');

    await actions.getByRole('button', { name: 'Kill…' }).click();
    const dialog = page.getByRole('dialog', { name: `Kill ${name}?` });
    await dialog.getByRole('combobox', { name: 'Signal' }).selectOption('other');
    await dialog.getByRole('textbox', { name: 'Signal name or number' }).fill('SIGFOO');
    expect(await dialog.getByRole('alert').innerText()).toContain('“SIGFOO” is not a known signal');
    await dialog.getByRole('textbox', { name: 'Signal name or number' }).fill('term');
    await dialog.getByRole('button', { name: 'Send SIGTERM' }).click();
    await expect.poll(status, { timeout: 10_000 }).toBe('exited');

    await actions.getByRole('button', { name: 'Remove…' }).click();
    await page.getByRole('dialog', { name: `Remove ${name}?` }).getByRole('button', { name: 'Remove', exact: true }).click();
    await expect.poll(() => page.evaluate(() => location.hash), { timeout: 10_000 }).toBe('#/containers');
    expect(await docker('ps', '-aq', '--filter', `name=^/${name}$`)).toBe('');
    expect(errors).toEqual([]);
  });
});
