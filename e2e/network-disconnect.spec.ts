import { describe, expect, it } from 'vitest';
import { docker, removeContainers, testImage, uniqueName } from './support/docker-cli.js';
import { hasFocus } from './support/guarded-dialog.js';
import { useSession } from './support/session.js';

const prefix = 'berth-e2e-netdisc';
const net = uniqueName(prefix);
const web = uniqueName(`${prefix}-web`);
const lone = uniqueName(`${prefix}-lone`);
const edge = uniqueName(`${prefix}-edge`);
const side = uniqueName(`${prefix}-side`);

const onNetwork = async (container: string) => docker('inspect', '--format', '{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}', container);

/**
 * Disconnecting asks first, naming the container and the network; the Connect dialog shows up front
 * which containers cannot join (already on it, "none", host, another container's network) and why.
 */
describe('network disconnect asks first; connect says up front who cannot join', () => {
  const app = useSession({
    hash: `#/networks/${net}`,
    ready: (page) => page.getByRole('list', { name: `Containers on ${net}` }).waitFor({ timeout: 10_000 }),
    setup: async () => {
      await docker('network', 'create', '--subnet', '10.213.91.0/24', net);
      await docker('run', '-d', '--name', web, '--network', net, '--ip', '10.213.91.7', testImage, 'sleep', '600');
      await docker('run', '-d', '--name', lone, '--network', 'none', testImage, 'sleep', '600');
      await docker('create', '--name', edge, '--network', 'host', testImage, 'sleep', '600');
      await docker('run', '-d', '--name', side, '--network', `container:${web}`, testImage, 'sleep', '600');
    },
    cleanup: async () => {
      await removeContainers(prefix);
      await docker('network', 'rm', net).catch(() => undefined);
    },
  });

  it('from the network page: names both and what the container loses; Cancel keeps it, Disconnect does it', async () => {
    const { page } = app;
    const button = page.getByRole('button', { name: `Disconnect ${web} from ${net}` });
    await button.click();
    const d = page.getByRole('alertdialog', { name: `Disconnect ${web} from ${net}?` });
    await d.waitFor();
    expect(await d.innerText()).toContain(`${web} keeps running, but loses its address 10.213.91.7 on ${net}: it and the other containers on ${net} can no longer reach each other.`);
    expect(await d.innerText()).toContain('It is on no other network, so it loses all network access.');
    // The safe answer has the focus: Enter right away does not disconnect.
    expect(await hasFocus(d.getByRole('button', { name: 'Cancel' }))).toBe(true);
    await page.keyboard.press('Escape');
    await d.waitFor({ state: 'detached' });
    expect(await onNetwork(web)).toBe(net);

    await button.click();
    await d.getByRole('button', { name: 'Disconnect', exact: true }).click();
    await d.waitFor({ state: 'detached', timeout: 10_000 });
    await page.getByRole('list', { name: `Containers on ${net}` }).waitFor({ state: 'detached', timeout: 10_000 });
    expect(await onNetwork(web)).toBe('');
    expect(app.errors).toEqual([]);
  });

  it('the Connect dialog sets apart, disabled, the containers that cannot join, each with the reason', async () => {
    const { page } = app;
    await docker('network', 'connect', net, web);
    await page.getByRole('list', { name: `Containers on ${net}` }).waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Connect a container…' }).click();
    const d = page.getByRole('dialog', { name: `Connect a container to ${net}` });
    const select = d.getByLabel('Container', { exact: true });
    const barred = select.locator(`optgroup[label="Cannot join ${net}"] option`);
    // Only this test's containers: others on the engine may be barred too.
    await expect.poll(async () => (await barred.allInnerTexts()).filter((t) => t.startsWith(prefix))).toEqual([
      `${edge} (created) — uses the host's network`,
      `${lone} (running) — runs with networking turned off (the "none" network)`,
      `${side} (running) — uses another container's network`,
      `${web} (running) — is already connected to ${net}`,
    ]);
    expect(await barred.evaluateAll((os) => os.every((o) => (o as HTMLOptionElement).disabled))).toBe(true);
    await page.keyboard.press('Escape');
    await d.waitFor({ state: 'detached' });
    expect(app.errors).toEqual([]);
  });

  it('from a container: Connect is off with the reason for one on "none", which may leave "none" (asked first), then join', async () => {
    const { page, berth } = app;
    const id = await docker('inspect', '--format', '{{.Id}}', lone);
    await page.goto(`${berth.url}#/containers/${id}`);
    await page.getByRole('tab', { name: 'Networks' }).click();
    const connect = page.getByRole('button', { name: 'Connect to a network…' });
    await page.getByRole('table', { name: 'Container networks' }).getByRole('row', { name: 'none' }).waitFor({ timeout: 10_000 });
    expect(await connect.isDisabled()).toBe(true);
    expect(await page.locator('#net-cannot-join').innerText()).toBe(`${lone} runs with networking turned off (the "none" network), so it cannot join another network; disconnect it from "none" first`);

    await page.getByRole('button', { name: 'Disconnect from none' }).click();
    const d = page.getByRole('alertdialog', { name: `Disconnect ${lone} from none?` });
    expect(await d.innerText()).toContain('It is on no other network, so it loses all network access.');
    await d.getByRole('button', { name: 'Disconnect', exact: true }).click();
    await d.waitFor({ state: 'detached', timeout: 10_000 });
    await expect.poll(() => connect.isDisabled(), { timeout: 10_000 }).toBe(false);

    await connect.click();
    const c = page.getByRole('dialog', { name: `Connect ${lone} to a network` });
    await c.getByLabel('Network', { exact: true }).selectOption({ label: `${net} (bridge 10.213.91.0/24)` });
    await c.getByRole('button', { name: 'Connect', exact: true }).click();
    await c.waitFor({ state: 'detached', timeout: 10_000 });
    expect(await onNetwork(lone)).toBe(net);
    expect(app.errors).toEqual([]);
  });

  it('from a container on the host network: Connect and leaving host are off, with the reasons', async () => {
    const { page, berth } = app;
    const id = await docker('inspect', '--format', '{{.Id}}', edge);
    await page.goto(`${berth.url}#/containers/${id}`);
    await page.getByRole('tab', { name: 'Networks' }).click();
    const leave = page.getByRole('button', { name: 'Disconnect from host' });
    await leave.waitFor({ timeout: 10_000 });
    expect(await leave.isDisabled()).toBe(true);
    expect(await leave.getAttribute('title')).toBe(`${edge} uses the host's network, which it cannot leave while it exists; create it again on another network instead`);
    expect(await page.getByRole('button', { name: 'Connect to a network…' }).isDisabled()).toBe(true);
    expect(await page.locator('#net-cannot-join').innerText()).toBe(`${edge} uses the host's network, so it cannot join another network; create it again on a network instead`);
    expect(app.errors).toEqual([]);
  });

  it('the list says why nothing connects to "host" and "none"', async () => {
    const { page, berth } = app;
    await page.goto(`${berth.url}#/networks`);
    const table = page.getByRole('table', { name: 'Networks' });
    for (const name of ['host', 'none']) {
      const connect = table.getByRole('button', { name: `Connect a container to ${name}` });
      expect(await connect.isDisabled()).toBe(true);
      expect(await connect.getAttribute('title')).toBe(`A container is put on "${name}" only when it is created (docker run --network ${name}); it cannot be connected later`);
    }
    expect(app.errors).toEqual([]);
  });
});
