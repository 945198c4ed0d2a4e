import { createServer } from 'node:net';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningBerth } from './support/berth.js';
import { closeSession, openSession } from './support/session.js';
import { docker, removeContainers, testImage, uniqueName } from './support/docker-cli.js';

const prefix = 'berth-e2e-run';

/** A TCP port nothing listens on right now (the OS picks it). */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '0.0.0.0', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

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

  async function closeDialog(d: Locator) {
    await d.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog().count()).toBe(0);
  }

  it('runs a container with a published port, opens its details, and serves through that port', async () => {
    const name = uniqueName(prefix);
    const port = await freePort();
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
    const port = await freePort();
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
    const nameError = 'Invalid container name "bad name!": use at least 2 characters from a-z, A-Z, 0-9, _ . - starting with a letter or digit';
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
    await closeDialog(d);

    // None of them created anything.
    expect(await docker('ps', '-aq', '--filter', `label=berth.e2e=${marker}`)).toBe('');
    expect(errors).toEqual([]);
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
    await memory.fill('128m');
    await panel.getByRole('button', { name: 'Apply limits' }).click();
    await expect.poll(() => panel.getByRole('status').allInnerTexts(), { timeout: 15_000 }).toContain('Limits updated.');
    expect(await docker('inspect', '-f', '{{.HostConfig.Memory}}', name)).toBe(String(128 * 1024 * 1024));
    expect(await docker('inspect', '-f', '{{.State.Running}}', name)).toBe('true');
    expect(errors).toEqual([]);
  });
});
