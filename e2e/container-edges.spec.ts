import type { Locator } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../engine/testing/test-files.js';
import { docker, testImage, uniqueName } from './support/docker-cli.js';
import { useAppSession } from './support/session.js';

const prefix = 'berth-e2e-edges';

/** Cases a Docker Desktop user runs into: a `-p` value pasted, a signal typed, a container removed from the CLI meanwhile. */
describe('containers: edge cases from the keyboard and the CLI', () => {
  const s = useAppSession(prefix);

  // A test that failed midway may leave a dialog open: start the next one on a fresh page.
  afterEach(async () => {
    if (await s.page.getByRole('dialog').count()) {
      await s.page.goto(`${s.berth.url}#/containers`);
      await s.page.getByRole('table', { name: 'Containers' }).waitFor();
    }
  });

  async function openRunDialog(): Promise<Locator> {
    await s.page.getByRole('button', { name: 'Run a container' }).click();
    const d = s.page.getByRole('dialog', { name: 'Run a container' });
    await d.waitFor();
    return d;
  }

  it('a whole docker run -p value pasted or typed into a port field fills the row, and runs as such', async () => {
    const { page, errors } = s;
    const name = uniqueName(prefix);
    const port = await freePort('127.0.0.1');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: s.berth.origin });
    const d = await openRunDialog();
    await d.getByLabel('Image').fill(testImage);
    await d.getByLabel('Name').fill(name);
    await d.getByLabel('Command').fill('sleep 600');
    await d.getByRole('button', { name: 'Add port' }).click();
    await page.evaluate((text) => navigator.clipboard.writeText(text), `127.0.0.1:${port}:5353/udp`);
    await d.getByLabel('Host port, port 1').focus();
    await page.keyboard.press('Control+V');
    await expect.poll(() => d.getByLabel('Host port, port 1').inputValue()).toBe(String(port));
    expect(await d.getByLabel('Host IP, port 1').inputValue()).toBe('127.0.0.1');
    expect(await d.getByLabel('Container port, port 1').inputValue()).toBe('5353');
    expect(await d.getByLabel('Protocol, port 1').inputValue()).toBe('udp');
    expect(await d.locator('[aria-invalid="true"]').count()).toBe(0);

    // Typed by hand: split once the field is left, not while typing ("8080:8" is not cut short).
    await d.getByRole('button', { name: 'Add port' }).click();
    const typed = d.getByLabel('Host port, port 2');
    await typed.pressSequentially(`${port}:80`);
    expect(await typed.inputValue()).toBe(`${port}:80`);
    await typed.press('Tab');
    await expect.poll(() => typed.inputValue()).toBe(String(port));
    expect(await d.getByLabel('Container port, port 2').inputValue()).toBe('80');
    expect(await d.getByLabel('Protocol, port 2').inputValue()).toBe('tcp');

    await d.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => d.count(), { timeout: 20_000 }).toBe(0);
    const bindings = JSON.parse(await docker('inspect', '-f', '{{json .HostConfig.PortBindings}}', name));
    expect(bindings['5353/udp']).toEqual([{ HostIp: '127.0.0.1', HostPort: String(port) }]);
    expect(bindings['80/tcp']).toEqual([{ HostIp: '', HostPort: String(port) }]);
    expect(errors).toEqual([]);
  });

  it('Kill: a signal typed in the field is sent with Enter', async () => {
    const { page, errors } = s;
    const name = uniqueName(prefix);
    await docker('run', '-d', '--name', name, testImage, 'sh', '-c', 'trap "exit 7" TERM; while true; do sleep 1; done');
    await page.evaluate((n) => (window.location.hash = `#/containers/${n}`), name);
    await page.getByRole('button', { name: 'Kill…' }).click();
    const d = page.getByRole('dialog', { name: `Kill ${name}?` });
    await d.getByRole('combobox', { name: 'Signal' }).selectOption('other');
    const field = d.getByRole('textbox', { name: 'Signal name or number' });
    await field.fill('15');
    await field.press('Enter');
    await expect.poll(() => d.count()).toBe(0);
    await expect.poll(() => docker('inspect', '-f', '{{.State.Status}} {{.State.ExitCode}}', name), { timeout: 15_000 }).toBe('exited 7');
    expect(errors).toEqual([]);
  });

  it('the Remove dialog follows the CLI: one stopped meanwhile no longer needs Force, one removed says so and is no failure', async () => {
    const { page, errors } = s;
    const kept = uniqueName(prefix);
    const gone = uniqueName(prefix);
    for (const n of [kept, gone]) await docker('run', '-d', '--name', n, testImage, 'sleep', '600');
    await page.evaluate(() => (window.location.hash = '#/containers'));
    for (const n of [kept, gone]) {
      await s.row(n).waitFor();
      await page.getByRole('checkbox', { name: `Select ${n}`, exact: true }).check();
    }
    await page.getByRole('toolbar', { name: 'Actions on selected containers' }).getByRole('button', { name: 'Remove…' }).click();
    const d = page.getByRole('dialog', { name: 'Remove 2 containers?' });
    const item = (n: string) => d.getByRole('list', { name: 'Containers to remove' }).getByRole('listitem').filter({ hasText: n });
    await expect.poll(() => item(kept).innerText()).toContain('running — needs Force');
    expect(await d.getByRole('button', { name: 'Remove 2' }).isDisabled()).toBe(true);
    await docker('stop', '-t', '0', kept);
    await docker('rm', '-f', gone);
    await expect.poll(() => item(gone).innerText(), { timeout: 10_000 }).toContain('already removed');
    await expect.poll(() => item(kept).innerText(), { timeout: 10_000 }).not.toContain('needs Force');
    await d.getByRole('button', { name: 'Remove 2' }).click();
    await expect.poll(() => s.row(kept).count()).toBe(0);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'skipped 1 that is already removed' }).count()).toBe(1);
    expect(await page.getByRole('main').getByRole('alert').count()).toBe(0);
    expect(await docker('ps', '-aq', '--filter', `name=^${kept}$`)).toBe('');
    expect(errors).toEqual([]);
  });

  it('terminal: a command that cannot be read says only that, not also the last command’s problem', async () => {
    const { page, errors } = s;
    const name = uniqueName(prefix);
    await docker('run', '-d', '--name', name, testImage, 'sleep', '600');
    await page.evaluate((n) => (window.location.hash = `#/containers/${n}/terminal`), name);
    const panel = page.getByRole('tabpanel', { name: 'Terminal' });
    await expect.poll(() => panel.getByRole('status').filter({ hasText: 'Connected: sh' }).count(), { timeout: 20_000 }).toBe(1);
    await panel.getByRole('button', { name: 'Disconnect' }).click();
    await panel.getByRole('combobox', { name: 'Shell' }).selectOption('custom');
    const command = panel.getByRole('textbox', { name: 'Custom command' });
    await command.fill('no-such-program');
    await panel.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => panel.getByRole('alert').filter({ hasText: 'no-such-program' }).count(), { timeout: 15_000 }).toBe(1);
    await command.fill('ls "unterminated');
    await panel.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => panel.getByRole('alert').allInnerTexts()).toEqual(['The command has an unterminated double quote']);
    expect(errors).toEqual([]);
  });

  it('logs: the line limit field shows the limit that applies, also when a too-small value is typed twice', async () => {
    const { page, errors } = s;
    const name = uniqueName(prefix);
    await docker('run', '-d', '--name', name, testImage, 'sh', '-c', 'echo one; sleep 600');
    await page.evaluate((n) => (window.location.hash = `#/containers/${n}`), name);
    const panel = page.getByRole('tabpanel', { name: 'Logs' });
    const field = panel.getByRole('textbox', { name: 'Line limit' });
    const kept = () => panel.getByText(/lines? kept \(limit [\d,]+\)/).innerText();
    await panel.getByText('one', { exact: true }).waitFor({ timeout: 15_000 });
    for (const typed of ['10', '50']) {
      await field.fill(typed);
      await field.press('Enter');
      await expect.poll(kept).toBe('1 line kept (limit 1,000)');
      expect(await field.inputValue()).toBe('1,000');
    }
    await field.fill('5000000');
    await field.press('Enter');
    await expect.poll(kept).toBe('1 line kept (limit 1,000,000)');
    expect(await field.inputValue()).toBe('1,000,000');
    // Typed with separators, read back as the number.
    await field.fill('2,500');
    await field.press('Enter');
    await expect.poll(kept).toBe('1 line kept (limit 2,500)');
    expect(await field.inputValue()).toBe('2,500');
    expect(errors).toEqual([]);
  });

  it('resources: emptying a set limit says it cannot be removed, not that the limits are already these', async () => {
    const { page, errors } = s;
    const name = uniqueName(prefix);
    await docker('run', '-d', '--name', name, '--cpus', '1', '--memory', '64m', testImage, 'sleep', '600');
    await page.evaluate((n) => (window.location.hash = `#/containers/${n}/resources`), name);
    const panel = page.getByRole('region', { name: 'Resources' });
    await expect.poll(() => panel.getByLabel('Memory limit').inputValue(), { timeout: 15_000 }).not.toBe('');
    await panel.getByLabel('CPUs').fill('');
    await panel.getByLabel('Memory limit').fill('');
    await panel.getByRole('button', { name: 'Apply limits' }).click();
    await expect
      .poll(() => panel.getByRole('status').innerText())
      .toBe('A limit cannot be removed from an existing container: the CPU limit (1) and the memory limit (64 MiB) stay. Set a higher one instead.');
    expect(await docker('inspect', '-f', '{{.HostConfig.NanoCpus}} {{.HostConfig.Memory}}', name)).toBe(`1000000000 ${64 * 1024 * 1024}`);
    expect(errors).toEqual([]);
  });

  it('details of a container run with Auto-remove: once it exits, says the engine deleted it, not to look in Recently removed', async () => {
    const { page, errors } = s;
    const name = uniqueName(prefix);
    await docker('run', '-d', '--rm', '--name', name, testImage, 'sh', '-c', 'echo bye; sleep 3');
    await page.evaluate((n) => (window.location.hash = `#/containers/${n}`), name);
    await page.getByRole('heading', { name, level: 2 }).waitFor();
    const alert = page.getByRole('main').getByRole('alert');
    await expect.poll(() => alert.count(), { timeout: 20_000 }).toBe(1);
    expect(await alert.innerText()).toContain('It was run with Auto-remove, so the engine deleted it when it exited.');
    expect(await alert.getByRole('link', { name: 'Recently removed' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
