import { createServer } from 'node:net';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBerth } from './support/berth.js';
import { docker, removeContainers, testImage, uniqueName } from './support/docker-cli.js';
import { closeSession, openSession } from './support/session.js';

const prefix = 'berth-e2e-ranges';

/** Resolves true when `port` can be bound on all interfaces now. */
const bindable = (port: number) =>
  new Promise<boolean>((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '0.0.0.0', () => srv.close(() => resolve(true)));
  });

/** The first of `n` consecutive free TCP ports, from a random start in a range the engine leaves alone. */
async function freeRange(n: number): Promise<number> {
  for (let tries = 0; tries < 50; tries++) {
    const start = 20000 + Math.floor(Math.random() * 10000);
    let all = true;
    for (let i = 0; i < n && all; i++) all = await bindable(start + i);
    if (all) return start;
  }
  throw new Error(`no ${n} consecutive free ports`);
}

const bindingsOf = async (name: string) => JSON.parse(await docker('inspect', '-f', '{{json .HostConfig.PortBindings}}', name)) as Record<string, { HostIp: string; HostPort: string }[]>;

describe('run dialog: port ranges as docker run -p takes them', () => {
  let berth: RunningBerth;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    ({ berth, browser, page, errors } = await openSession('#/containers', (p) => p.getByRole('button', { name: 'Run a container' }).waitFor()));
  });

  afterAll(async () => {
    expect(await closeSession({ berth, browser })).toBe(0);
    await removeContainers(prefix);
  });

  const dialog = () => page.getByRole('dialog', { name: 'Run a container' });

  /** Cancel, and Discard when the dialog asks first. */
  async function closeDialog() {
    const d = dialog();
    await d.getByRole('button', { name: 'Cancel' }).click();
    const discard = d.getByRole('group', { name: 'Discard this container’s settings?' }).getByRole('button', { name: 'Discard' });
    await expect.poll(async () => (await d.count()) === 0 || (await discard.count()) > 0).toBe(true);
    if (await discard.count()) await discard.click();
    await expect.poll(() => d.count()).toBe(0);
  }

  // A dialog a failed test left open must not block the next one.
  afterEach(async () => {
    if (await dialog().count()) await closeDialog();
  });

  async function openDialog(name: string, command: string): Promise<Locator> {
    await page.evaluate(() => (window.location.hash = '#/containers'));
    await page.getByRole('button', { name: 'Run a container' }).click();
    const d = dialog();
    await d.waitFor();
    await d.getByLabel('Image').fill(testImage);
    await d.getByLabel('Name').fill(name);
    await d.getByLabel('Command').fill(command);
    await d.getByRole('button', { name: 'Add port' }).click();
    return d;
  }

  it('publishes each port of 127.0.0.1:A-B:80-81 typed whole into the host port field, and both serve', async () => {
    const name = uniqueName(prefix);
    const port = await freeRange(2);
    const d = await openDialog(name, 'sh -c "mkdir -p /w && echo ranged > /w/index.html && httpd -p 81 -h /w && httpd -f -p 80 -h /w"');
    const host = d.getByLabel('Host port, port 1');
    await host.fill(`127.0.0.1:${port}-${port + 1}:80-81`);
    await host.press('Tab');
    expect(await d.getByLabel('Host IP, port 1').inputValue()).toBe('127.0.0.1');
    expect(await host.inputValue()).toBe(`${port}-${port + 1}`);
    expect(await d.getByLabel('Container port, port 1').inputValue()).toBe('80-81');
    // The range is read whole in the field, not cut.
    expect(await host.evaluate((el: HTMLInputElement) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await d.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => dialog().count(), { timeout: 20_000 }).toBe(0);

    expect(await bindingsOf(name)).toEqual({
      '80/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }],
      '81/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port + 1) }],
    });
    for (const p of [port, port + 1]) {
      await expect.poll(() => fetch(`http://127.0.0.1:${p}/`).then((r) => r.text()).catch(() => ''), { timeout: 10_000 }).toBe('ranged\n');
    }
    expect(errors).toEqual([]);
  });

  it('publishes A-B:80-81/udp with the udp protocol', async () => {
    const name = uniqueName(prefix);
    const port = await freeRange(2);
    const d = await openDialog(name, 'sleep 300');
    await d.getByLabel('Container port, port 1').fill(`${port}-${port + 1}:80-81/udp`);
    await d.getByLabel('Container port, port 1').press('Tab');
    expect(await d.getByLabel('Protocol, port 1').inputValue()).toBe('udp');
    await d.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => dialog().count(), { timeout: 20_000 }).toBe(0);
    expect(await bindingsOf(name)).toEqual({
      '80/udp': [{ HostIp: '', HostPort: String(port) }],
      '81/udp': [{ HostIp: '', HostPort: String(port + 1) }],
    });
    const published = await docker('port', name);
    expect(published).toContain(`80/udp -> 0.0.0.0:${port}`);
    expect(published).toContain(`81/udp -> 0.0.0.0:${port + 1}`);
    expect(errors).toEqual([]);
  });

  it('refuses ranges of different lengths with a message that says so, and creates nothing', async () => {
    const name = uniqueName(prefix);
    const d = await openDialog(name, 'sleep 300');
    await d.getByLabel('Host port, port 1').fill('28080-28082');
    await d.getByLabel('Container port, port 1').fill('80-81');
    const message = 'Host port range 28080-28082 (3 ports) and container port range 80-81 (2 ports) must be the same length';
    await expect.poll(() => d.getByText(message).count()).toBeGreaterThan(0);
    await d.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => d.getByRole('alert').innerText()).toContain(message);
    expect(await d.getByLabel('Host port, port 1').getAttribute('aria-invalid')).toBe('true');
    await closeDialog();
    expect(await docker('ps', '-aq', '--filter', `name=^${name}$`)).toBe('');
    expect(errors).toEqual([]);
  });
});
