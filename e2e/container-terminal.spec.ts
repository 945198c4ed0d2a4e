import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, startBerth, type RunningBerth } from './support/berth.js';
import { docker, removeContainers, testImage, uniqueName } from './support/docker-cli.js';

const prefix = 'berth-e2e-h3d-term';

/** The xterm buffer's lines (trailing spaces trimmed), read through the `__xterm` hook on the element labelled "Terminal". */
function bufferLines(page: Page): Promise<string[]> {
  return page.getByRole('region', { name: 'Terminal', exact: true }).evaluate((el) => {
    const term = (el as unknown as { __xterm: { buffer: { active: { length: number; getLine(i: number): { translateToString(trim: boolean): string } | undefined } } } }).__xterm;
    const b = term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < b.length; i++) lines.push(b.getLine(i)?.translateToString(true) ?? '');
    return lines;
  });
}

describe('container terminal (exec with a TTY in xterm.js)', () => {
  let berth: RunningBerth;
  let browser: Browser;
  let running: string;

  beforeAll(async () => {
    running = uniqueName(prefix);
    await docker('run', '-d', '--name', running, testImage, 'sleep', '600');
    berth = await startBerth(['--no-embedded-engine']);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    expect(await berth?.stop()).toBe(0);
    await removeContainers(prefix);
  });

  it('opens a shell, runs echo hello-from-shell and reads it back from the xterm buffer; copy and paste work', async () => {
    const { page, errors } = await openApp(browser, berth, `#/containers/${running}/terminal`);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: berth.origin });
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Connected: sh' }).count(), { timeout: 20_000 }).toBe(1);
    const terminal = page.getByRole('region', { name: 'Terminal', exact: true });
    await terminal.click();
    await page.keyboard.type('echo hello-from-shell\n');
    // The output line itself, not just the typed command.
    await expect.poll(() => bufferLines(page), { timeout: 10_000 }).toContain('hello-from-shell');

    // Paste (Ctrl+Shift+V) sends the clipboard to the shell.
    await page.evaluate(() => navigator.clipboard.writeText('echo pasted-$((3*3))\n'));
    await terminal.click();
    await page.keyboard.press('Control+Shift+V');
    await expect.poll(() => bufferLines(page), { timeout: 10_000 }).toContain('pasted-9');

    // Copy (Ctrl+Shift+C) puts the selection on the clipboard.
    await terminal.evaluate((el) => (el as unknown as { __xterm: { selectAll(): void } }).__xterm.selectAll());
    await page.keyboard.press('Control+Shift+C');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), { timeout: 5_000 }).toContain('hello-from-shell');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps the shell and its scrollback across a switch to another tab and back', async () => {
    const { page, errors } = await openApp(browser, berth, `#/containers/${running}/terminal`);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Connected: sh' }).count(), { timeout: 20_000 }).toBe(1);
    const terminal = page.getByRole('region', { name: 'Terminal', exact: true });
    await terminal.click();
    await page.keyboard.type('KEEP=kept-$((6*7)); echo before-switch\n');
    await expect.poll(() => bufferLines(page), { timeout: 10_000 }).toContain('before-switch');
    await page.getByRole('tab', { name: 'Stats' }).click();
    await expect.poll(() => terminal.isVisible()).toBe(false);
    await page.getByRole('tab', { name: 'Terminal' }).click();
    await terminal.click();
    // Same shell: the variable set before the switch is still there, and so is the scrollback.
    await page.keyboard.type('echo $KEEP\n');
    await expect.poll(() => bufferLines(page), { timeout: 10_000 }).toContain('kept-42');
    expect(await bufferLines(page)).toContain('before-switch');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('follows the panel size: the TTY gets the new columns after a resize', async () => {
    const { page, errors } = await openApp(browser, berth, `#/containers/${running}/terminal`);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Connected: sh' }).count(), { timeout: 20_000 }).toBe(1);
    const terminal = page.getByRole('region', { name: 'Terminal', exact: true });
    const colsOf = () => terminal.evaluate((el) => (el as unknown as { __xterm: { cols: number } }).__xterm.cols);
    const before = await colsOf();
    await page.setViewportSize({ width: 1000, height: 800 });
    await expect.poll(colsOf, { timeout: 5_000 }).toBeLessThan(before);
    await terminal.click();
    // Allow the debounced resize to reach the engine, then ask the TTY its size. The columns are read
    // again each time: under load the fit can settle in two steps, and the TTY follows the last one.
    await expect
      .poll(
        async () => {
          const cols = await colsOf();
          await page.keyboard.type('stty size\n');
          await page.waitForTimeout(300);
          return (await bufferLines(page)).some((l) => new RegExp(`^\\d+ ${cols}$`).test(l)) && cols < before;
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('bash on an image without bash: a clear message in an alert, no engine error in the terminal', async () => {
    // The test image is busybox: it has sh but no bash.
    await expect(docker('run', '--rm', testImage, 'ls', '/bin/bash')).rejects.toThrow();
    const { page, errors } = await openApp(browser, berth, `#/containers/${running}/terminal`);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Connected: sh' }).count(), { timeout: 20_000 }).toBe(1);
    await page.getByRole('button', { name: 'Disconnect' }).click();
    await page.getByRole('combobox', { name: 'Shell' }).selectOption('bash');
    await page.getByRole('button', { name: 'Connect' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'no /bin/bash' });
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.innerText()).toBe('This container has no /bin/bash. Try sh, or run a custom command.');
    expect((await bufferLines(page)).join('\n')).not.toMatch(/OCI runtime|executable file not found/);

    // A custom command runs as given.
    await page.getByRole('combobox', { name: 'Shell' }).selectOption('custom');
    await page.getByRole('textbox', { name: 'Custom command' }).fill(`sh -c 'echo custom-$((6*7)); sleep 30'`);
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => bufferLines(page), { timeout: 10_000 }).toContain('custom-42');
    expect(await page.getByRole('alert').filter({ hasText: 'no /bin/bash' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a stopped container: "Start the container to open a shell", Connect disabled', async () => {
    const stopped = uniqueName(prefix);
    await docker('create', '--name', stopped, testImage, 'sleep', '600');
    const { page, errors } = await openApp(browser, berth, `#/containers/${stopped}/terminal`);
    await page.getByText('Start the container to open a shell').waitFor({ timeout: 20_000 });
    expect(await page.getByRole('button', { name: 'Connect' }).isDisabled()).toBe(true);

    // Started from outside: the tab connects by itself.
    await docker('start', stopped);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Connected: sh' }).count(), { timeout: 20_000 }).toBe(1);
    expect(await page.getByText('Start the container to open a shell').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a shell chosen before the container starts is the one the tab opens when it starts', async () => {
    const stopped = uniqueName(prefix);
    await docker('create', '-t', '--name', stopped, testImage, 'sh');
    const { page, errors } = await openApp(browser, berth, `#/containers/${stopped}/terminal`);
    await page.getByText('Start the container to open a shell').waitFor({ timeout: 20_000 });
    await page.getByRole('combobox', { name: 'Shell' }).selectOption('attach');
    await docker('start', stopped);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Attached to the main process' }).count(), { timeout: 20_000 }).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keyboard: the arrow keys pass over the Terminal tab; its automatic connection does not take the focus (a click on the tab gives it)', async () => {
    const { page, errors } = await openApp(browser, berth, `#/containers/${running}/logs`);
    await page.getByRole('tab', { name: 'Logs' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Connected: sh' }).count(), { timeout: 20_000 }).toBe(1);
    const focused = () => page.evaluate(() => `${document.activeElement?.getAttribute('role')}:${document.activeElement?.textContent ?? ''}`);
    expect(await focused()).toBe('tab:Terminal');
    await page.keyboard.press('ArrowRight');
    await expect.poll(focused).toBe('tab:Stats');
    expect(page.url()).toMatch(/\/stats$/);

    expect(errors).toEqual([]);
    await page.close();

    // With the mouse, the shell is ready for typing.
    const clicked = await openApp(browser, berth, `#/containers/${running}/logs`);
    await clicked.page.getByRole('tab', { name: 'Terminal' }).click();
    await expect.poll(() => clicked.page.getByRole('status').filter({ hasText: 'Connected: sh' }).count(), { timeout: 20_000 }).toBe(1);
    await clicked.page.keyboard.type('echo typed-$((2*21))\n');
    await expect.poll(() => bufferLines(clicked.page), { timeout: 10_000 }).toContain('typed-42');
    expect(clicked.errors).toEqual([]);
    await clicked.page.close();
  });
});
