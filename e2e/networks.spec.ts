import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, startBerth, type RunningBerth } from './support/berth.js';
import { docker, removeContainers, testImage, uniqueName } from './support/docker-cli.js';

const prefix = 'berth-e2e-net';
const net = uniqueName(prefix);
const other = `${net}-b`;
const late = `${net}-late`;
const ctr = uniqueName(prefix);
// Subnets nothing real on a host uses.
const subnet = '10.213.60.0/24';

async function removeNetworks(): Promise<void> {
  const ids = (await docker('network', 'ls', '-q', '--filter', `name=${prefix}`)).split('\n').filter(Boolean);
  if (ids.length) await docker('network', 'rm', ...ids).catch(() => undefined);
}

describe('networks page: create with checks, connect, map, disconnect, remove', () => {
  let berth: RunningBerth;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    await docker('run', '-d', '--name', ctr, '-p', '127.0.0.1::8080', testImage, 'sleep', '600');
    berth = await startBerth(['--no-embedded-engine']);
    browser = await launchBrowser();
    ({ page, errors } = await openApp(browser, berth, '#/networks'));
    await page.getByRole('table', { name: 'Networks' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    expect(await berth?.stop()).toBe(0);
    await removeContainers(prefix);
    await removeNetworks();
  });

  const row = (name: string) => page.getByRole('table', { name: 'Networks' }).getByRole('row', { name, exact: true });
  const createDialog = () => page.getByRole('dialog', { name: 'Create a network' });
  const errorOf = async (label: string) => {
    const d = createDialog();
    const id = await d.getByLabel(label, { exact: true }).getAttribute('id');
    return d.locator(`#${id}-error`).innerText();
  };

  it('lists the engine’s own networks as protected', async () => {
    expect(await row('bridge').innerText()).toContain('engine’s own');
    expect(await row('bridge').getByRole('button', { name: 'Remove bridge' }).isDisabled()).toBe(true);
    // A search that matches nothing says what was searched, with the way back.
    const search = page.getByRole('searchbox', { name: 'Search networks' });
    await search.fill('no-such-network-anywhere');
    await page.getByText('No networks match “no-such-network-anywhere”').waitFor();
    await page.getByRole('button', { name: 'Clear search' }).click();
    expect(await search.inputValue()).toBe('');
    await row('bridge').waitFor();
  });

  it('lays the create form out on a fresh load, before any other form dialog was opened', async () => {
    // The page was loaded at #/networks: the Run dialog's chunk (and its stylesheet) never came.
    await page.getByRole('button', { name: 'Create network…' }).click();
    const d = createDialog();
    const style = (selector: string, ...props: string[]) =>
      d.locator(selector).first().evaluate((el, names) => {
        const cs = getComputedStyle(el);
        return names.map((n) => cs.getPropertyValue(n));
      }, props);
    expect(await style('fieldset', 'display', 'border-top-style')).toEqual(['grid', 'none']);
    // Each label sits above its input, not beside it; the input is the form's, not the browser's.
    expect(await style('.run-field', 'display', 'flex-direction')).toEqual(['flex', 'column']);
    expect(await style('.run-field__label', 'font-weight')).toEqual(['600']);
    expect(await style('#net-name', 'height')).toEqual(['30px']);
    await d.getByRole('button', { name: 'Create' }).click();
    expect(await style('#net-name-error', 'font-size')).toEqual(['12px']);
    await d.getByRole('button', { name: 'Cancel' }).click();
    await d.waitFor({ state: 'detached' });
  });

  it('refuses bad input in the create form, each with its specific message, then creates the network', async () => {
    await page.getByRole('button', { name: 'Create network…' }).click();
    const d = createDialog();
    await d.getByRole('button', { name: 'Create' }).click();
    expect(await errorOf('Name')).toBe('A network name is required');
    await d.getByLabel('Name', { exact: true }).fill('-bad');
    expect(await errorOf('Name')).toBe('Network name "-bad" must start with a letter or digit');
    await d.getByLabel('Name', { exact: true }).fill(net);

    const subnetField = d.getByLabel('Subnet', { exact: true });
    await subnetField.fill('10.213.60.0');
    expect(await errorOf('Subnet')).toBe('The subnet needs a prefix length, e.g. 10.213.0.0/24 (got "10.213.60.0")');
    await subnetField.fill('10.213.60.5/24');
    expect(await errorOf('Subnet')).toBe('The subnet "10.213.60.5/24" has host bits set: did you mean 10.213.60.0/24?');
    await subnetField.fill('10.213.60.0/33');
    expect(await errorOf('Subnet')).toBe('The subnet has a bad prefix length "/33": it must be 0 to 32 for IPv4');
    await subnetField.fill(subnet);
    await d.getByLabel('Gateway', { exact: true }).fill('10.213.61.1');
    expect(await errorOf('Gateway')).toBe(`The gateway 10.213.61.1 is outside the subnet ${subnet}`);
    await d.getByLabel('Gateway', { exact: true }).fill('10.213.60.1');
    await d.getByLabel('IP range', { exact: true }).fill('10.213.61.0/25');
    expect(await errorOf('IP range')).toBe(`The IP range 10.213.61.0/25 is outside the subnet ${subnet}`);
    await d.getByLabel('IP range', { exact: true }).fill('10.213.60.128/25');
    await d.getByLabel('Labels', { exact: true }).fill('team=berth\nnovalue');
    expect(await errorOf('Labels')).toBe('Labels, line 2: "novalue" must be KEY=VALUE');
    await d.getByLabel('Labels', { exact: true }).fill('team=berth');
    await d.getByLabel('IPv6', { exact: true }).check();
    expect(await errorOf('IPv6 subnet')).toBe('IPv6 needs an IPv6 subnet, e.g. fd00:10:213::/64');
    await d.getByLabel('IPv6 subnet', { exact: true }).fill('10.213.62.0/24');
    expect(await errorOf('IPv6 subnet')).toBe('The IPv6 subnet "10.213.62.0/24" is IPv4: put it under Subnet');
    await d.getByLabel('IPv6', { exact: true }).uncheck();
    // Nothing was sent while the form had errors.
    expect(await docker('network', 'ls', '-q', '--filter', `name=${net}`)).toBe('');

    await d.getByRole('button', { name: 'Create' }).click();
    await d.waitFor({ state: 'detached' });
    await row(net).waitFor({ timeout: 10_000 });
    expect(await row(net).innerText()).toContain(`${subnet} via 10.213.60.1`);
    const ipam = JSON.parse(await docker('network', 'inspect', '--format', '{{json .IPAM.Config}}', net)) as unknown;
    expect(ipam).toEqual([{ Subnet: subnet, Gateway: '10.213.60.1', IPRange: '10.213.60.128/25' }]);
    expect(await docker('network', 'inspect', '--format', '{{.Labels.team}}', net)).toBe('berth');
  });

  it('names the network that owns an overlapping subnet, and a name in use', async () => {
    await page.getByRole('button', { name: 'Create network…' }).click();
    const d = createDialog();
    await d.getByLabel('Name', { exact: true }).fill(net);
    await d.getByLabel('Subnet', { exact: true }).fill('10.213.60.128/25');
    await d.getByRole('button', { name: 'Create' }).click();
    expect(await errorOf('Subnet')).toBe(`The subnet 10.213.60.128/25 overlaps ${subnet} of the network "${net}"`);
    expect(await errorOf('Name')).toBe(`A network named "${net}" already exists`);
    await d.getByLabel('Name', { exact: true }).fill(other);
    await d.getByLabel('Subnet', { exact: true }).fill('10.213.61.0/24');
    await d.getByRole('button', { name: 'Create' }).click();
    await d.waitFor({ state: 'detached' });
    await row(other).waitFor({ timeout: 10_000 });
  });

  it('connects a running container with an alias and a static address, shown live, on the map and in docker network inspect', async () => {
    await row(net).getByRole('button', { name: `Connect a container to ${net}` }).click();
    const d = page.getByRole('dialog', { name: `Connect a container to ${net}` });
    await d.getByLabel('Container', { exact: true }).selectOption({ label: `${ctr} (running)` });
    await d.getByLabel('Aliases').fill('-api');
    await d.getByLabel('IPv4 address').fill('10.213.61.9');
    await d.getByRole('button', { name: 'Connect' }).click();
    expect(await d.locator('#net-connect-aliases-error').innerText()).toBe('The alias "-api" is not a DNS name: use letters, digits, "_", "." and "-", starting and ending with a letter or digit');
    expect(await d.locator('#net-connect-ipv4-error').innerText()).toBe(`10.213.61.9 is outside the subnet of ${net} (${subnet})`);
    await d.getByLabel('IPv4 address').fill('10.213.60.1');
    expect(await d.locator('#net-connect-ipv4-error').innerText()).toBe(`10.213.60.1 is the gateway of ${net}`);
    await d.getByLabel('Aliases').fill('api');
    await d.getByLabel('IPv4 address').fill('10.213.60.9');
    await d.getByRole('button', { name: 'Connect' }).click();
    await d.waitFor({ state: 'detached' });

    await expect.poll(() => row(net).getByRole('list', { name: `Containers on ${net}` }).innerText(), { timeout: 10_000 }).toMatch(new RegExp(`${ctr}\\s*running 10\\.213\\.60\\.9 · aliases api`));
    expect(await docker('network', 'inspect', '--format', '{{range .Containers}}{{.Name}} {{.IPv4Address}}{{end}}', net)).toBe(`${ctr} 10.213.60.9/24`);

    await page.getByRole('link', { name: 'Map' }).click();
    const node = page.getByRole('group', { name: 'Network map' }).getByRole('link', { name: new RegExp(`^Container ${ctr} \\(running\\) on `) });
    await node.waitFor({ timeout: 10_000 });
    const label = (await node.getAttribute('aria-label')) ?? '';
    expect(label).toContain(`${net} (10.213.60.9)`);
    // The default bridge's subnet is the engine's choice (172.17.0.0/16 usually, 192.168.x when that is taken on the host).
    const bridgeIp = await docker('inspect', '--format', '{{.NetworkSettings.Networks.bridge.IPAddress}}', ctr);
    expect(bridgeIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(label).toContain(`bridge (${bridgeIp})`);
    expect(label).toMatch(/; ports 127\.0\.0\.1:\d+→8080\/tcp$/);
    expect(await page.getByRole('link', { name: `Network ${net}, 1 container` }).count()).toBe(1);
    await node.click();
    await page.waitForURL(/#\/containers\/[0-9a-f]{64}$/);
  });

  it('disconnects from the container’s details, connects again there, and disconnects from the network page', async () => {
    await page.getByRole('tab', { name: 'Networks' }).click();
    const table = page.getByRole('table', { name: 'Container networks' });
    await table.getByRole('row', { name: net }).waitFor();
    await table.getByRole('button', { name: `Disconnect from ${net}` }).click();
    await page.getByRole('alertdialog', { name: `Disconnect ${ctr} from ${net}?` }).getByRole('button', { name: 'Disconnect', exact: true }).click();
    await table.getByRole('row', { name: net }).waitFor({ state: 'detached', timeout: 10_000 });
    expect(await docker('network', 'inspect', '--format', '{{len .Containers}}', net)).toBe('0');

    await page.getByRole('button', { name: 'Connect to a network…' }).click();
    const d = page.getByRole('dialog', { name: `Connect ${ctr} to a network` });
    await d.getByLabel('Network', { exact: true }).selectOption({ label: `${other} (bridge 10.213.61.0/24)` });
    // Created with a subnet only: the engine keeps its own address, its broadcast address and the gateway it picked.
    const ipv4 = d.getByLabel('IPv4 address');
    const ipv4Error = () => d.locator('#net-connect-ipv4-error').innerText();
    await ipv4.fill('10.213.61.0');
    await d.getByRole('button', { name: 'Connect' }).click();
    expect(await ipv4Error()).toBe('10.213.61.0 is the network address of the subnet 10.213.61.0/24: the engine gives it to no container');
    await ipv4.fill('10.213.61.255');
    expect(await ipv4Error()).toBe('10.213.61.255 is the broadcast address of the subnet 10.213.61.0/24: the engine gives it to no container');
    await ipv4.fill('10.213.61.1');
    expect(await ipv4Error()).toMatch(new RegExp(`^10\\.213\\.61\\.1 is the gateway of ${other}( \\(the engine picked it\\))?$`));
    await ipv4.fill('');
    await d.getByRole('button', { name: 'Connect' }).click();
    await d.waitFor({ state: 'detached' });
    await table.getByRole('row', { name: other }).waitFor({ timeout: 10_000 });
    expect(await docker('network', 'inspect', '--format', '{{range .Containers}}{{.Name}}{{end}}', other)).toBe(ctr);

    await table.getByRole('link', { name: other }).click();
    await page.getByRole('heading', { name: other }).waitFor();
    await page.getByRole('button', { name: `Disconnect ${ctr} from ${other}` }).click();
    await page.getByRole('alertdialog', { name: `Disconnect ${ctr} from ${other}?` }).getByRole('button', { name: 'Disconnect', exact: true }).click();
    await page.getByRole('list', { name: `Containers on ${other}` }).waitFor({ state: 'detached', timeout: 10_000 });
    expect(await docker('network', 'inspect', '--format', '{{len .Containers}}', other)).toBe('0');
  });

  it('cuts a very long network name short, so the other columns and the actions stay on screen', async () => {
    const long = `${net}-${'x'.repeat(128)}`.slice(0, 128);
    await docker('network', 'create', long);
    await docker('network', 'connect', long, ctr);
    const inBounds = async (outer: Locator, inner: Locator) => {
      const o = (await outer.boundingBox())!;
      const i = (await inner.boundingBox())!;
      return i.x >= o.x && i.x + i.width <= o.x + o.width + 0.5;
    };
    const cutShort = (link: Locator) => link.evaluate((el) => el.scrollWidth > el.clientWidth);

    await page.goto(`${berth.url}#/networks`);
    await row(long).waitFor({ timeout: 10_000 });
    const table = page.getByRole('table', { name: 'Networks' });
    for (const name of [long, 'bridge']) {
      expect(await inBounds(table, row(name).getByRole('button', { name: `Remove ${name}` }))).toBe(true);
      expect(await inBounds(page.locator('.net-table-wrap'), row(name).getByRole('button', { name: `Remove ${name}` }))).toBe(true);
    }
    // The whole name is still the link's name, and shows in its title.
    const link = row(long).getByRole('link', { name: long, exact: true });
    expect(await link.getAttribute('title')).toBe(long);
    expect(await cutShort(link)).toBe(true);

    const id = await docker('inspect', '--format', '{{.Id}}', ctr);
    await page.goto(`${berth.url}#/containers/${id}`);
    await page.getByRole('tab', { name: 'Networks' }).click();
    const tab = page.getByRole('table', { name: 'Container networks' });
    const tabRow = tab.getByRole('row', { name: long, exact: true });
    await tabRow.waitFor({ timeout: 10_000 });
    expect(await tabRow.getByRole('link', { name: long, exact: true }).getAttribute('title')).toBe(long);
    expect(await inBounds(page.getByRole('main'), tabRow.getByRole('button', { name: `Disconnect from ${long}` }))).toBe(true);

    await docker('network', 'disconnect', long, ctr);
    await docker('network', 'rm', long);
  });

  it('the run dialog’s network picker follows networks created meanwhile', async () => {
    await page.goto(`${berth.url}#/containers`);
    await page.getByRole('button', { name: 'Run a container' }).click();
    const d = page.getByRole('dialog', { name: 'Run a container' });
    const picker = d.getByLabel('Network', { exact: true });
    expect(await picker.locator('option', { hasText: late }).count()).toBe(0);
    await docker('network', 'create', '--subnet', '10.213.63.0/24', late);
    await expect.poll(() => picker.locator('option', { hasText: late }).count(), { timeout: 10_000 }).toBe(1);
    await d.getByRole('button', { name: 'Cancel' }).click();
  });

  it('prune shows what would go first; remove names nothing running and removes', async () => {
    await page.goto(`${berth.url}#/networks`);
    await row(net).waitFor();
    await page.getByRole('button', { name: 'Prune…' }).click();
    const p = page.getByRole('dialog', { name: 'Prune networks' });
    const list = p.getByRole('list', { name: 'Networks to remove' });
    await list.waitFor({ timeout: 10_000 });
    expect(await list.innerText()).toContain(net);
    expect(await list.innerText()).not.toMatch(/^bridge\b/m);
    // Other suites' unused networks may exist on this engine: do not prune them.
    await p.getByRole('button', { name: 'Cancel' }).click();

    for (const name of [net, other, late]) {
      await row(name).getByRole('button', { name: `Remove ${name}` }).click();
      const d = page.getByRole('alertdialog', { name: `Remove network ${name}?` });
      await d.getByRole('button', { name: 'Remove' }).click();
      await row(name).waitFor({ state: 'detached', timeout: 10_000 });
    }
    expect(await docker('network', 'ls', '-q', '--filter', `name=${prefix}`)).toBe('');
    expect(errors).toEqual([]);
  });
});
