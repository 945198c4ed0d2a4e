import { describe, expect, it } from 'vitest';
import { docker, removeContainers, testImage, uniqueName } from './support/docker-cli.js';
import { guardedDialog, hasFocus } from './support/guarded-dialog.js';
import { tableShown, useSession } from './support/session.js';

const prefix = 'berth-e2e-netdiscard';
const ctr = uniqueName(prefix);
const question = 'Discard this connection’s settings?';

/** The Connect dialog closes at once when untouched, and asks before Escape or Cancel throw away a choice or what was typed. */
describe('connect dialog: discard what was chosen or typed only when asked', () => {
  const app = useSession({
    hash: '#/networks',
    ready: tableShown('Networks'),
    setup: async () => {
      await docker('create', '--name', ctr, testImage, 'sleep', '600');
      // A network the container is not on: on an engine with only bridge, host and none, a created
      // container (configured for bridge) has nothing to connect to, and Connect is rightly disabled.
      await docker('network', 'create', `${prefix}-net`);
    },
    cleanup: async () => {
      await removeContainers(prefix);
      await docker('network', 'rm', `${prefix}-net`).catch(() => undefined);
    },
  });

  it('from a network: untouched closes at once; a chosen container asks on Escape and Cancel; Discard starts afresh', async () => {
    const { page } = app;
    // Not bridge: the created container is on it already, so the dialog offers it there disabled.
    const open = page.getByRole('table', { name: 'Networks' }).getByRole('button', { name: `Connect a container to ${prefix}-net` });
    const connect = guardedDialog(page, `Connect a container to ${prefix}-net`, question);
    const { dialog, ask } = connect;
    const container = dialog.getByLabel('Container', { exact: true });

    // Untouched: Escape and Cancel close at once.
    await open.click();
    await dialog.waitFor();
    await connect.closesAtOnce('Escape');
    await open.click();
    await connect.closesAtOnce('Cancel');

    // A container chosen and an alias typed: Escape asks, and Keep editing keeps both.
    await open.click();
    await container.selectOption({ label: `${ctr} (created)` });
    await dialog.getByLabel('Aliases').fill('api');
    await connect.asks('Escape');
    expect(await hasFocus(ask.getByRole('button', { name: 'Keep editing' }))).toBe(true);
    expect(await dialog.getByRole('button', { name: 'Connect', exact: true }).isVisible()).toBe(false);
    await connect.keepEditing();
    expect(await dialog.getByLabel('Aliases').inputValue()).toBe('api');
    expect(await container.locator('option:checked').innerText()).toBe(`${ctr} (created)`);

    // Cancel asks too; Discard closes, and the focus goes back to the button that opened it.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await connect.discard();
    expect(await hasFocus(open)).toBe(true);

    // The next opening is a fresh form again.
    await open.click();
    expect(await container.inputValue()).toBe('');
    await connect.closesAtOnce('Escape');
    expect(app.errors).toEqual([]);
  });

  it('from a container: an address typed asks before Escape closes, a choice of network alone does too', async () => {
    const { page, berth } = app;
    const id = await docker('inspect', '--format', '{{.Id}}', ctr);
    await page.goto(`${berth.url}#/containers/${id}`);
    await page.getByRole('tab', { name: 'Networks' }).click();
    const open = page.getByRole('button', { name: 'Connect to a network…' });
    const connect = guardedDialog(page, `Connect ${ctr} to a network`, question);
    const { dialog, ask } = connect;

    await open.click();
    await dialog.waitFor();
    await connect.closesAtOnce('Cancel');

    await open.click();
    await dialog.getByLabel('IPv4 address').fill('172.17.0.250');
    await connect.asks('Escape');
    // Escape on the question keeps editing.
    await page.keyboard.press('Escape');
    await expect.poll(() => ask.count()).toBe(0);
    expect(await dialog.getByLabel('IPv4 address').inputValue()).toBe('172.17.0.250');
    // Emptied again: nothing left to lose, so it closes at once.
    await dialog.getByLabel('IPv4 address').fill('');
    await connect.closesAtOnce('Escape');

    await open.click();
    await dialog.getByLabel('Network', { exact: true }).selectOption({ index: 1 });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await connect.discard();
    expect(app.errors).toEqual([]);
  });
});
