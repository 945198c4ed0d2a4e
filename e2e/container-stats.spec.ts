import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, startBerth, type RunningBerth } from './support/berth.js';
import { docker, removeContainers, testImage, uniqueName } from './support/docker-cli.js';

const prefix = 'berth-e2e-h3d-stats';

describe('container stats (streaming, never polled)', () => {
  let berth: RunningBerth;
  let browser: Browser;
  let busy: string;

  beforeAll(async () => {
    busy = uniqueName(prefix);
    await docker('run', '-d', '--name', busy, testImage, 'sh', '-c', 'while :; do :; done');
    berth = await startBerth(['--no-embedded-engine']);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    expect(await berth?.stop()).toBe(0);
    await removeContainers(prefix);
  });

  it('shows CPU, memory, network and block I/O live; the CPU value of a busy container is > 0 and moves', async () => {
    const { page, errors } = await openApp(browser, berth, `#/containers/${busy}/stats`);
    const cpu = page.getByRole('group', { name: 'CPU', exact: true });
    const cpuValue = () => cpu.locator('.stats-card__value').innerText();
    await cpu.waitFor({ timeout: 20_000 });
    const seen = new Set<string>();
    await expect
      .poll(
        async () => {
          const text = await cpuValue();
          expect(text).toMatch(/^\d+(\.\d)? %$/);
          if (parseFloat(text) > 0) seen.add(text);
          return seen.size;
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBeGreaterThanOrEqual(2);
    for (const v of seen) expect(parseFloat(v)).toBeGreaterThan(0);

    const memory = await page.getByRole('group', { name: 'Memory', exact: true }).locator('.stats-card__value').innerText();
    expect(memory).toMatch(/^\d+(\.\d+)? (B|KiB|MiB|GiB) \/ \d+(\.\d+)? (B|KiB|MiB|GiB|TiB)$/);
    // It runs without a memory limit: the engine's memory is not called a limit.
    await expect.poll(() => page.getByRole('group', { name: 'Memory', exact: true }).innerText()).toMatch(/of the engine’s memory \(no limit set\)/);
    expect(await page.getByRole('group', { name: 'Network', exact: true }).innerText()).toMatch(/Received .* Sent/);
    expect(await page.getByRole('group', { name: 'Block I/O', exact: true }).innerText()).toMatch(/Read .* Write/);

    // Stopping the container ends the live view with a plain message.
    await docker('stop', '-t', '0', busy);
    await page.getByText('The container is not running. Live stats appear here when it starts.').waitFor({ timeout: 20_000 });
    await docker('start', busy);
    await cpu.waitFor({ timeout: 20_000 });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a CPU sparkline in the list row of a running container', async () => {
    const { page, errors } = await openApp(browser, berth, '#/containers');
    const row = page.getByRole('row', { name: busy, exact: true });
    await row.waitFor({ timeout: 20_000 });
    const spark = row.getByRole('img', { name: /^CPU \d+(\.\d)? %$/ });
    await spark.waitFor({ timeout: 20_000 });
    await expect.poll(async () => parseFloat((await spark.getAttribute('aria-label'))!.slice(4)), { timeout: 20_000 }).toBeGreaterThan(0);
    // Beside the sparkline, in a 1400 px window, the status text ("Up 5 seconds") shows whole.
    const status = row.locator('.cell-status__text');
    expect(await status.innerText()).toMatch(/^Up /);
    expect(await status.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    // A stopped container has none.
    const idle = uniqueName(prefix);
    await docker('create', '--name', idle, testImage, 'sleep', '600');
    await page.getByRole('row', { name: idle, exact: true }).waitFor({ timeout: 20_000 });
    expect(await page.getByRole('row', { name: idle, exact: true }).getByRole('img', { name: /^CPU/ }).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('list sparklines follow only the rows on screen: scrolling re-aims the one stats stream', async () => {
    const group = `${prefix}-many`;
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await docker('run', '-d', '--name', `${group}-${String(i).padStart(2, '0')}`, testImage, 'sleep', '600'));
    const context = await browser.newContext({ viewport: { width: 1400, height: 420 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // What the page asks the back end for: every statsSummary subscription's ids.
    const asked: string[][] = [];
    page.on('websocket', (ws) =>
      ws.on('framesent', (f) => {
        const m = JSON.parse(String(f.payload)) as { name?: string; args?: { ids?: string[] } };
        if (m.name === 'containers.statsSummary') asked.push(m.args?.ids ?? []);
      }),
    );
    try {
      await page.goto(`${berth.url}#/containers`);
      await page.getByRole('searchbox', { name: 'Filter containers' }).fill(group);
      const rows = page.getByRole('row').filter({ hasText: group });
      await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(12);
      const first = page.getByRole('row', { name: `${group}-00`, exact: true });
      const last = page.getByRole('row', { name: `${group}-11`, exact: true });
      await first.getByRole('img', { name: /^CPU \d/ }).waitFor({ timeout: 30_000 });
      const current = () => asked.at(-1) ?? [];
      expect(current()).toContain(ids[0]);
      expect(current()).not.toContain(ids[11]);
      expect(current().length).toBeLessThan(12);

      await last.scrollIntoViewIfNeeded();
      await last.getByRole('img', { name: /^CPU \d/ }).waitFor({ timeout: 30_000 });
      expect(current()).toContain(ids[11]);
      expect(current()).not.toContain(ids[0]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
