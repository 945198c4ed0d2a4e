import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../engine/testing/test-files.js';
import { type RunningBerth } from './support/berth.js';
import { closeSession, openSession } from './support/session.js';
import { docker, removeContainers, testImage, uniqueName } from './support/docker-cli.js';

const prefix = 'berth-e2e-run';


describe('run a container from the dialog', () => {
  let berth: RunningBerth;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    ({ berth, browser, page, errors } = await openSession('#/containers', (page) => page.getByRole('button', { name: 'Run a container' }).waitFor()));
  });

  afterAll(async () => {
    expect(await closeSession({ berth, browser })).toBe(0);
    await removeContainers(prefix);
  });

  const dialog = () => page.getByRole('dialog', { name: 'Run a container' });

  async function openDialog(): Promise<Locator> {
    await page.evaluate(() => (window.location.hash = '#/containers'));
    await page.getByRole('button', { name: 'Run a container' }).click();
    const d = dialog();
    await d.waitFor();
    expect(await d.getAttribute('aria-modal')).toBe('true');
    return d;
  }

  /** After a test: a dialog it left open (it failed midway) must not block the next one. */
  async function closeLeftOpen() {
    if (await dialog().count()) await closeDialog(dialog());
  }

  /** Cancel, and Discard when the dialog asks first (it does once something was typed: run-dialog-discard.spec.ts). */
  async function closeDialog(d: Locator) {
    await d.getByRole('button', { name: 'Cancel' }).click();
    const discard = d.getByRole('group', { name: 'Discard this container’s settings?' }).getByRole('button', { name: 'Discard' });
    await expect.poll(async () => (await dialog().count()) === 0 || (await discard.count()) > 0).toBe(true);
    if (await discard.count()) await discard.click();
    await expect.poll(() => dialog().count()).toBe(0);
  }

  afterEach(closeLeftOpen);

  it('runs a container with a published port, opens its details, and serves through that port', async () => {
    const name = uniqueName(prefix);
    const port = await freePort('0.0.0.0');
    const d = await openDialog();
    await d.getByLabel('Image').fill(testImage);
    await d.getByLabel('Name').fill(name);
    await d.getByLabel('Command').fill('httpd -f -p 80 -h /www');
    await d.getByLabel('Environment').fill('GREETING=hi');
    await d.getByLabel('Labels').fill('made.by=berth-e2e');
    await d.getByRole('button', { name: 'Add port' }).click();
    await d.getByLabel('Host port, port 1').fill(String(port));
    await d.getByLabel('Container port, port 1').fill('80');
    await d.getByLabel('Memory').fill('64m');
    await d.getByRole('button', { name: 'Run', exact: true }).click();

    await expect.poll(() => dialog().count(), { timeout: 20_000 }).toBe(0);
    const id = await docker('inspect', '-f', '{{.Id}}', name);
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#/containers/${id}`);

    const body = await fetch(`http://127.0.0.1:${port}/`).then((r) => r.text());
    expect(body).toContain('hello from berth');
    const inspected = JSON.parse(await docker('inspect', name))[0];
    expect(inspected.Config.Env).toContain('GREETING=hi');
    expect(inspected.Config.Labels['made.by']).toBe('berth-e2e');
    expect(inspected.HostConfig.Memory).toBe(64 * 1024 * 1024);
    expect(errors).toEqual([]);
  });

  it('bad input: an unknown image, a taken port, an invalid name and an invalid memory limit each say what is wrong, on screen', async () => {
    // Every dialog below carries this label, so "nothing was created" is checked without racing other tests.
    const marker = uniqueName('bad-input');
    const fillImage = async (d: Locator, image: string) => {
      await d.getByLabel('Image').fill(image);
      await d.getByLabel('Labels').fill(`berth.e2e=${marker}`);
    };

    // An image that is not there.
    let d = await openDialog();
    await fillImage(d, 'berth-test/nosuch:1.0');
    await d.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => d.getByRole('alert').innerText(), { timeout: 10_000 }).toContain('Image berth-test/nosuch:1.0 is not present locally — pull it first');
    expect(await d.getByLabel('Image').getAttribute('aria-invalid')).toBe('true');
    // The reason code offers a pull; that dialog opens over this one, and Escape closes only it.
    const pull = d.getByRole('button', { name: 'Pull berth-test/nosuch:1.0…' });
    await pull.click();
    const pullDialog = page.getByRole('dialog', { name: 'Pull an image' });
    await pullDialog.waitFor();
    expect(await pullDialog.getByLabel('Image reference').inputValue()).toBe('berth-test/nosuch:1.0');
    await page.keyboard.press('Escape');
    await expect.poll(() => pullDialog.count()).toBe(0);
    expect(await dialog().count()).toBe(1);
    expect(await pull.evaluate((el) => el === document.activeElement)).toBe(true);
    await closeDialog(d);

    // A host port another container holds.
    const holder = uniqueName(prefix);
    const port = await freePort('0.0.0.0');
    await docker('run', '-d', '--name', holder, '-p', `${port}:80`, testImage, 'sleep', '300');
    d = await openDialog();
    await fillImage(d, testImage);
    await d.getByRole('button', { name: 'Add port' }).click();
    await d.getByLabel('Host port, port 1').fill(String(port));
    await d.getByLabel('Container port, port 1').fill('80');
    await d.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => d.getByRole('alert').innerText(), { timeout: 10_000 }).toContain(`Host port ${port} is already in use by container ${holder}`);
    await closeDialog(d);

    // An invalid name: said next to the field as soon as it is typed, and on Run.
    d = await openDialog();
    await fillImage(d, testImage);
    await d.getByLabel('Name').fill('bad name!');
    const nameError = 'Invalid container name "bad name!": cannot contain spaces or "!": use only letters, digits, "_", "." and "-"';
    await expect.poll(() => d.getByText(nameError).count()).toBeGreaterThan(0);
    await d.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => d.getByRole('alert').innerText()).toContain(nameError);
    await closeDialog(d);

    // An invalid memory limit.
    d = await openDialog();
    await fillImage(d, testImage);
    await d.getByLabel('Memory').fill('12x');
    await d.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => d.getByRole('alert').innerText()).toContain('Memory limit must be like 512m or 2g, at least 6m');
    expect(await d.getByLabel('Memory').getAttribute('aria-invalid')).toBe('true');
    // A limit above the engine's memory is allowed (as docker run -m allows it), but said to limit nothing.
    await d.getByLabel('Memory').fill('1000g');
    await expect.poll(() => d.getByText(/^More than the engine’s .+ of memory: this limit never applies/).count()).toBe(1);
    await closeDialog(d);

    // None of them created anything.
    expect(await docker('ps', '-aq', '--filter', `label=berth.e2e=${marker}`)).toBe('');
    expect(errors).toEqual([]);
  });

  it('refuses published ports with the host network before creating anything, and takes a port pasted as 80/tcp', async () => {
    const marker = uniqueName('host-ports');
    const d = await openDialog();
    await d.getByLabel('Image').fill(testImage);
    await d.getByLabel('Labels').fill(`berth.e2e=${marker}`);
    await d.getByRole('button', { name: 'Add port' }).click();
    await d.getByLabel('Host port, port 1').fill('47855');
    await d.getByLabel('Container port, port 1').fill('80/tcp');
    // As docker ps writes it: the number stays in the field, the suffix picks the protocol.
    expect(await d.getByLabel('Container port, port 1').inputValue()).toBe('80');
    expect(await d.getByLabel('Protocol, port 1').inputValue()).toBe('tcp');
    await d.getByLabel('Network').selectOption('host');
    await d.getByRole('button', { name: 'Run', exact: true }).click();
    const message = 'Published ports do not apply with the host network: the container uses this computer’s ports directly. Remove the ports or pick another network.';
    await expect.poll(() => d.getByRole('alert').innerText(), { timeout: 10_000 }).toContain(message);
    expect(await d.getByLabel('Network').getAttribute('aria-invalid')).toBe('true');
    expect(await dialog().count()).toBe(1);
    expect(await docker('ps', '-aq', '--filter', `label=berth.e2e=${marker}`)).toBe('');
    await closeDialog(d);
    expect(errors).toEqual([]);
  });

  it('mounts a tmpfs with a size, and refuses a bogus size on its row before anything is created', async () => {
    const name = uniqueName(prefix);
    const d = await openDialog();
    await d.getByLabel('Image').fill(testImage);
    await d.getByLabel('Name').fill(name);
    await d.getByLabel('Command').fill('sleep 300');
    await d.getByRole('button', { name: 'Add tmpfs' }).click();
    await d.getByLabel('Container path, tmpfs 1').fill('/scratch');
    await d.getByLabel('Size, tmpfs 1').fill('lots');
    await d.getByRole('button', { name: 'Run', exact: true }).click();
    const message = 'Tmpfs size must be like 64m or 1g, more than 0 (got "lots")';
    await expect.poll(() => d.getByRole('alert').innerText()).toContain(message);
    expect(await d.getByLabel('Size, tmpfs 1').getAttribute('aria-invalid')).toBe('true');
    expect(await docker('ps', '-aq', '--filter', `name=^${name}$`)).toBe('');

    await d.getByLabel('Size, tmpfs 1').fill('16m');
    await d.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => dialog().count(), { timeout: 20_000 }).toBe(0);
    const mounts = JSON.parse(await docker('inspect', '-f', '{{json .HostConfig.Mounts}}', name)) as unknown[];
    expect(mounts).toEqual([{ Type: 'tmpfs', Target: '/scratch', TmpfsOptions: { SizeBytes: 16 * 1024 * 1024 } }]);
    // The kernel's view: a 16 MiB tmpfs (df -k: 16384 1K-blocks).
    expect(await docker('exec', name, 'sh', '-c', 'df -k /scratch | tail -1')).toMatch(/^tmpfs\s+16384\s/);
    // The details page it landed on names it in the Inspect summary.
    await page.getByRole('tab', { name: 'Inspect' }).click();
    await expect.poll(() => page.getByRole('listitem').filter({ hasText: /^tmpfs → \/scratch$/ }).count(), { timeout: 10_000 }).toBe(1);
  });

  it('publishes container ports pasted as 80/tcp and 53/udp with their protocols', async () => {
    const name = uniqueName(prefix);
    const d = await openDialog();
    await d.getByLabel('Image').fill(testImage);
    await d.getByLabel('Name').fill(name);
    await d.getByLabel('Command').fill('sleep 300');
    await d.getByRole('button', { name: 'Add port' }).click();
    await d.getByLabel('Container port, port 1').fill('80/tcp');
    await d.getByRole('button', { name: 'Add port' }).click();
    await d.getByLabel('Host IP, port 2').fill('127.0.0.1');
    await d.getByLabel('Container port, port 2').fill('53/udp');
    expect(await d.getByLabel('Protocol, port 2').inputValue()).toBe('udp');
    await d.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => dialog().count(), { timeout: 20_000 }).toBe(0);
    const bindings = JSON.parse(await docker('inspect', '-f', '{{json .HostConfig.PortBindings}}', name)) as Record<string, { HostIp: string }[]>;
    expect(Object.keys(bindings).sort()).toEqual(['53/udp', '80/tcp']);
    expect(bindings['53/udp']![0]!.HostIp).toBe('127.0.0.1');
    expect(errors).toEqual([]);
  });

  it('shows the warnings the engine returns with a successful run on the page it lands on, until dismissed', async () => {
    const name = uniqueName(prefix);
    const warning = 'Published ports are discarded when using host network mode';
    // The engine gives no warning for any spec the dialog lets through: add one to the real run's answer.
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const p = await context.newPage();
    const runCalls = new Set<number>();
    await p.routeWebSocket(/\/api/, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((m) => {
        if (typeof m === 'string') {
          const msg = JSON.parse(m) as { t?: string; id?: number; name?: string };
          if (msg.t === 'call' && msg.name === 'containers.run' && typeof msg.id === 'number') runCalls.add(msg.id);
        }
        server.send(m);
      });
      server.onMessage((m) => {
        if (typeof m === 'string') {
          const msg = JSON.parse(m) as { t?: string; id?: number; ok?: boolean; value?: { warnings?: string[] } };
          if (msg.t === 'result' && msg.ok && msg.value && runCalls.has(msg.id!)) {
            msg.value.warnings = [warning];
            return ws.send(JSON.stringify(msg));
          }
        }
        ws.send(m);
      });
    });
    const pageErrors: string[] = [];
    p.on('pageerror', (e) => pageErrors.push(e.message));
    await p.goto(berth.url + '#/containers');
    await p.getByRole('button', { name: 'Run a container' }).click();
    const d = p.getByRole('dialog', { name: 'Run a container' });
    await d.getByLabel('Image').fill(testImage);
    await d.getByLabel('Name').fill(name);
    await d.getByLabel('Command').fill('sleep 300');
    await d.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => d.count(), { timeout: 20_000 }).toBe(0);
    expect(runCalls.size).toBe(1);
    const id = await docker('inspect', '-f', '{{.Id}}', name);
    await expect.poll(() => p.evaluate(() => window.location.hash)).toBe(`#/containers/${id}`);
    const notice = p.getByRole('alert').filter({ hasText: `Started ${name}, with a warning from the engine` });
    await expect.poll(() => notice.count(), { timeout: 10_000 }).toBe(1);
    expect(await notice.innerText()).toContain(warning);
    // A warning, not an error: the container runs.
    expect(await notice.getAttribute('class')).toContain('ca-notice--warning');
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    expect(await notice.count()).toBe(0);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('changes the memory limit of a running container from its Resources panel', async () => {
    const name = uniqueName(prefix);
    const id = await docker('run', '-d', '--name', name, '-m', '64m', testImage, 'sleep', '300');
    await page.evaluate((h) => (window.location.hash = h), `#/containers/${id}/resources`);
    const panel = page.getByRole('region', { name: 'Resources' });
    const memory = panel.getByLabel('Memory limit');
    await expect.poll(() => memory.inputValue(), { timeout: 15_000 }).toBe('64m');

    await memory.fill('3m');
    await expect.poll(() => panel.getByText('Memory limit must be like 512m or 2g, at least 6m').count()).toBeGreaterThan(0);
    // More than the engine has: allowed (as docker update allows it), but it would limit nothing; said as typed.
    await memory.fill('1000g');
    await expect.poll(() => panel.getByText(/^More than the engine’s .+ of memory: this limit never applies/).count()).toBe(1);
    await memory.fill('128m');
    expect(await panel.getByText(/^More than the engine’s/).count()).toBe(0);
    await panel.getByRole('button', { name: 'Apply limits' }).click();
    await expect.poll(() => panel.getByRole('status').allInnerTexts(), { timeout: 15_000 }).toContain('Limits updated.');
    expect(await docker('inspect', '-f', '{{.HostConfig.Memory}}', name)).toBe(String(128 * 1024 * 1024));
    expect(await docker('inspect', '-f', '{{.State.Running}}', name)).toBe('true');
    expect(errors).toEqual([]);
  });
});
