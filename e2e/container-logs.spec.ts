import { readFile } from 'node:fs/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, startBerth, type RunningBerth } from './support/berth.js';
import { docker, removeContainers, testImage, uniqueName } from './support/docker-cli.js';

const prefix = 'berth-e2e-logs';

// 300 lines at start (enough to scroll), then one stdout line every 200 ms and a stderr "warn" every 5th.
const script = [
  'mkdir -p /tmp/www; httpd -p 8080 -h /tmp/www',
  'j=0; while [ $j -lt 300 ]; do j=$((j+1)); echo "boot line $j"; done',
  'i=0; while true; do i=$((i+1)); echo "tick $i"; if [ $((i % 5)) -eq 0 ]; then echo "warn $i" >&2; fi; sleep 0.2; done',
].join('; ');

describe('container details: logs, inspect, ports', () => {
  let berth: RunningBerth;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let name: string;

  beforeAll(async () => {
    name = uniqueName(prefix);
    await docker('run', '-d', '--name', name, '-e', 'GREETING=hello-e2e', '-p', '127.0.0.1::8080', '--expose', '9090', testImage, 'sh', '-c', script);
    berth = await startBerth(['--no-embedded-engine']);
    browser = await launchBrowser();
    ({ page, errors } = await openApp(browser, berth, `#/containers/${name}/logs`));
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await logView().waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    expect(await berth?.stop()).toBe(0);
    await removeContainers(prefix);
  });

  const logView = (): Locator => page.getByRole('log', { name: 'Container logs' });
  const visibleTexts = () => logView().locator('.log-line__text').allInnerTexts();
  const maxTick = async () => Math.max(0, ...(await visibleTexts()).map((t) => Number(/^tick (\d+)$/.exec(t)?.[1] ?? 0)));
  const count = () => page.locator('.log-search__count');

  it('shows the header, the tabs, and the logs streaming live', async () => {
    await expect.poll(() => page.getByRole('heading', { name, exact: true }).count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => page.locator('.details__meta').innerText()).toContain(testImage);
    await expect.poll(() => page.locator('.details__state').innerText()).toBe('running');
    const tablist = page.getByRole('tablist', { name: 'Container details' });
    expect(await tablist.getByRole('tab').allInnerTexts()).toEqual(['Logs', 'Terminal', 'Stats', 'Files', 'Inspect', 'Ports', 'Networks', 'Resources']);
    expect(await tablist.getByRole('tab', { name: 'Logs' }).getAttribute('aria-selected')).toBe('true');
    // The strip fits its height: no stray vertical scrollbar beside the tabs.
    expect(await tablist.evaluate((el) => el.scrollHeight - el.clientHeight)).toBe(0);

    await expect.poll(maxTick, { timeout: 10_000 }).toBeGreaterThan(0);
    const first = await maxTick();
    await expect.poll(maxTick, { timeout: 10_000 }).toBeGreaterThan(first + 3);
    // Pinned while lines stream in, the rows are reused in place: none is added, removed or moved
    // (each would be laid out and styled again; a flood renders every 200 ms).
    const rowChanges = await logView()
      .locator('.log-view__inner')
      .evaluate(async (el) => {
        let n = 0;
        const mo = new MutationObserver((list) => list.forEach((m) => (n += m.addedNodes.length + m.removedNodes.length)));
        mo.observe(el, { childList: true });
        await new Promise((r) => setTimeout(r, 2000));
        mo.disconnect();
        return n;
      });
    expect(rowChanges).toBe(0);
    // stderr lines are told apart (class + marker with text).
    await expect.poll(() => logView().locator('.log-line--stderr').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await logView().locator('.log-line--stderr .log-line__marker').first().innerText()).toContain('stderr');
    expect(await page.getByText(/lines kept \(limit 100,000\)/).count()).toBe(1);
  });

  it('searches with a match count, highlights, next/previous, a regex, and reports a bad regex', async () => {
    const search = page.getByRole('searchbox', { name: 'Search logs' });
    await search.fill('boot line 1');
    // boot line 1, 10–19, 100–199: 111 lines.
    await expect.poll(() => count().innerText()).toBe('111 matches');
    await search.press('Enter');
    await expect.poll(() => count().innerText()).toBe('1 of 111');
    await expect.poll(() => logView().locator('.log-line--current .log-line__text').innerText()).toBe('boot line 1');
    // Every occurrence in view is highlighted; the current one stands out.
    await expect.poll(() => logView().locator('mark').count()).toBeGreaterThan(5);
    expect(await logView().locator('mark.log-mark--current').allInnerTexts()).toEqual(['boot line 1']);
    await page.getByRole('button', { name: 'Next match' }).click();
    await expect.poll(() => count().innerText()).toBe('2 of 111');
    await expect.poll(() => logView().locator('.log-line--current .log-line__text').innerText()).toBe('boot line 10');
    await search.press('Shift+Enter');
    await expect.poll(() => count().innerText()).toBe('1 of 111');
    await page.getByRole('button', { name: 'Previous match' }).click();
    await expect.poll(() => count().innerText()).toBe('111 of 111');
    // Enter right after typing acts on the new text, not on the matches of the old one.
    await search.fill('boot line 42');
    await search.press('Enter');
    await expect.poll(() => count().innerText()).toBe('1 of 1');
    await expect.poll(() => logView().locator('.log-line--current .log-line__text').innerText()).toBe('boot line 42');

    await page.getByRole('button', { name: 'Regular expression' }).click();
    await search.fill('^boot line 2\\d$');
    await expect.poll(() => count().innerText()).toBe('10 matches');
    await search.fill('(unclosed');
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Invalid regular expression' }).count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('filters to matching lines only, and toggles timestamps', async () => {
    const search = page.getByRole('searchbox', { name: 'Search logs' });
    expect(await page.getByRole('button', { name: 'Regular expression' }).getAttribute('aria-pressed')).toBe('true');
    await search.fill('^warn \\d+$');
    await expect.poll(() => count().innerText()).toMatch(/^\d+ match(es)?$/);
    await page.getByRole('checkbox', { name: 'Show matching lines only' }).check();
    await expect.poll(async () => (await visibleTexts()).length, { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(async () => (await visibleTexts()).every((t) => /^warn \d+$/.test(t))).toBe(true);
    expect(await logView().locator('.log-line--stdout').count()).toBe(0);
    await page.getByRole('checkbox', { name: 'Show matching lines only' }).uncheck();
    await expect.poll(async () => (await visibleTexts()).some((t) => t.startsWith('tick'))).toBe(true);
    await search.fill('');
    await page.getByRole('button', { name: 'Regular expression' }).click();

    expect(await logView().locator('.log-line__ts').count()).toBe(0);
    await page.getByRole('checkbox', { name: 'Timestamps' }).check();
    await expect.poll(() => logView().locator('.log-line__ts').count()).toBeGreaterThan(0);
    expect(await logView().locator('.log-line__ts').first().innerText()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/);
    await page.getByRole('checkbox', { name: 'Timestamps' }).uncheck();
    await expect.poll(() => logView().locator('.log-line__ts').count()).toBe(0);
  });

  it('pauses auto-scroll when the user scrolls up and resumes on "Jump to end"', async () => {
    // Leave the pause an earlier match navigation made.
    if (await page.getByRole('button', { name: 'Jump to end' }).count()) await page.getByRole('button', { name: 'Jump to end' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Jump to end' }).count()).toBe(0);
    await expect.poll(maxTick, { timeout: 10_000 }).toBeGreaterThan(0);
    // The scrolling view is dark in both themes, and so is its scrollbar.
    expect(await logView().evaluate((el) => getComputedStyle(el).colorScheme)).toBe('dark');
    await logView().hover();
    await page.mouse.wheel(0, -3000);
    await expect.poll(() => page.getByText(/^Paused — \d+ new lines?$/).count(), { timeout: 10_000 }).toBe(1);
    const top = await logView().evaluate((el) => el.scrollTop);
    await expect.poll(async () => Number(/(\d+) new/.exec(await page.getByText(/^Paused — /).innerText())?.[1] ?? 0), { timeout: 10_000 }).toBeGreaterThan(2);
    // The view did not move while new lines arrived.
    expect(Math.abs((await logView().evaluate((el) => el.scrollTop)) - top)).toBeLessThan(2);
    const before = await maxTick();
    await page.getByRole('button', { name: 'Jump to end' }).click();
    await expect.poll(() => page.getByText(/^Paused — /).count()).toBe(0);
    await expect.poll(maxTick, { timeout: 10_000 }).toBeGreaterThan(before);
    const atBottom = await logView().evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
    expect(atBottom).toBeLessThan(25);
  });

  it('downloads the full log as a file', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download logs' }).click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${name}-\\d{8}-\\d{6}\\.log$`));
    const text = await readFile((await download.path())!, 'utf8');
    const lines = text.split('\n');
    expect(lines).toContain('boot line 1');
    expect(lines).toContain('boot line 300');
    expect(lines).toContain('tick 1');
    expect(lines).toContain('warn 5');
  });

  it('shows inspect: image, env, searchable and copyable JSON', async () => {
    await page.getByRole('tab', { name: 'Inspect' }).click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#/containers/${name}/inspect`);
    expect(await page.getByRole('tab', { name: 'Inspect' }).getAttribute('aria-selected')).toBe('true');
    const summary = page.getByRole('region', { name: 'Summary' });
    await summary.waitFor();
    expect(await summary.innerText()).toContain(testImage);
    expect(await summary.getByRole('row', { name: /GREETING/ }).innerText()).toMatch(/GREETING\s+hello-e2e/);
    await page.getByRole('searchbox', { name: 'Search JSON' }).fill('GREETING');
    await expect.poll(() => page.getByText(/^1 matching line$/).count()).toBe(1);
    expect(await page.locator('.json-view mark').first().innerText()).toBe('GREETING');
    await page.getByRole('button', { name: 'Copy JSON' }).click();
    await expect.poll(() => page.getByText('JSON copied to the clipboard.').count()).toBe(1);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(JSON.parse(copied).Name).toBe(`/${name}`);
  });

  it('lists the published port as a link and the exposed one as such', async () => {
    const hostPort = (await docker('port', name, '8080/tcp')).split('\n')[0]!.split(':').pop()!;
    await page.getByRole('tab', { name: 'Ports' }).click();
    const link = page.getByRole('link', { name: `127.0.0.1:${hostPort} → 8080/tcp` });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`http://localhost:${hostPort}`);
    expect(await link.getAttribute('target')).toBe('_blank');
    const [popup] = await Promise.all([page.waitForEvent('popup'), link.click()]);
    expect(popup.url()).toContain(`localhost:${hostPort}`);
    await popup.close();
    expect(await page.getByText(/^9090\/tcp/).count()).toBe(1);
  });

  it('follows the container live and says plainly when it was removed', async () => {
    await page.getByRole('tab', { name: 'Logs' }).click();
    await docker('stop', '-t', '0', name);
    await expect.poll(() => page.locator('.details__state').innerText(), { timeout: 10_000 }).toBe('exited');
    await docker('rm', name);
    await expect.poll(() => page.getByRole('alert').filter({ hasText: `The container “${name}” was removed.` }).count(), { timeout: 10_000 }).toBe(1);
    expect(errors).toEqual([]);
  });

  it('a container that has printed nothing: says so at once, then shows its first line live', async () => {
    const quiet = uniqueName(prefix);
    await docker('run', '-d', '--name', quiet, testImage, 'sh', '-c', 'while [ ! -f /tmp/go ]; do sleep 0.2; done; echo first-words; sleep 300');
    await page.evaluate((h) => (window.location.hash = h), `#/containers/${quiet}/logs`);
    await page.getByText('No log lines yet. New lines appear here as they are written.').waitFor({ timeout: 10_000 });
    expect(await page.getByText('Loading logs…').count()).toBe(0);
    await docker('exec', quiet, 'touch', '/tmp/go');
    await expect.poll(visibleTexts, { timeout: 15_000 }).toContain('first-words');
  });
});

describe('logs across a lost connection', () => {
  let berth: RunningBerth;
  let browser: Browser;

  beforeAll(async () => {
    berth = await startBerth(['--no-embedded-engine']);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    expect(await berth?.stop()).toBe(0);
    await removeContainers(`${prefix}-rc`);
  });

  it('after the WebSocket drops and reconnects, a followed log goes on with every line exactly once', async () => {
    const name = uniqueName(`${prefix}-rc`);
    await docker('run', '-d', '--name', name, testImage, 'sh', '-c', 'seq 1 50; while [ ! -f /tmp/go ]; do sleep 0.2; done; echo after-reconnect; sleep 600');
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    // Keep a handle on the page's WebSockets, so the test can cut the connection as a network blip would.
    await context.addInitScript({
      content: `(() => { const W = window.WebSocket; window.__sockets = []; window.WebSocket = class extends W { constructor(...a) { super(...a); window.__sockets.push(this); } }; })();`,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // What the browser saw of each script or style it could not get: for the chunk failure below.
    const failedAssets: string[] = [];
    page.on('requestfailed', (r) => failedAssets.push(`${r.url()}: ${r.failure()?.errorText ?? 'failed'}`));
    page.on('response', (r) => {
      if (r.status() >= 400) failedAssets.push(`${r.url()}: HTTP ${r.status()}`);
    });
    page.on('console', (m) => {
      if (m.type() === 'error') failedAssets.push(`console: ${m.text()}`);
    });
    try {
      await page.goto(`${berth.url}#/containers/${name}/logs`);
      const view = page.getByRole('log', { name: 'Container logs' });
      // In some full runs (2 of the last 4 in CI, never alone) the details page's chunk could not be
      // fetched in this fresh context ("Berth was updated since this window opened", nothing rebuilt);
      // not understood yet. This test is about the reconnect, so it reloads once then, and says so.
      const stale = page.getByText('Berth was updated since this window opened');
      await Promise.race([view.waitFor({ timeout: 20_000 }), stale.waitFor({ timeout: 20_000 })]).catch(() => undefined);
      if (await stale.count()) {
        console.warn(`container-logs e2e: the details chunk failed to load in a fresh window; reloading once. Failed requests: ${failedAssets.join('; ') || 'none seen'}; page errors: ${errors.join('; ') || 'none'}`);
        errors.length = 0;
        await page.reload();
      }
      // Once (of many full runs) the log view had not appeared after 30 s: say what the page showed then.
      await view.waitFor({ timeout: 20_000 }).catch(async (err: unknown) => {
        const shown = await page.locator('body').innerText().catch(() => '(unreadable)');
        const sockets = await page.evaluate(() => (window as unknown as { __sockets: WebSocket[] }).__sockets.map((s) => s.readyState)).catch(() => []);
        throw new Error(`the log view did not appear; WebSocket states ${JSON.stringify(sockets)}; the page showed:\n${shown.slice(0, 1500)}`, { cause: err });
      });
      await expect.poll(() => view.getAttribute('data-lines'), { timeout: 15_000 }).toBe('50');
      await page.evaluate(() => (window as unknown as { __sockets: WebSocket[] }).__sockets.forEach((s) => s.close()));
      await expect
        .poll(() => page.evaluate(() => (window as unknown as { __sockets: WebSocket[] }).__sockets.filter((s) => s.readyState === 1).length), { timeout: 15_000 })
        .toBe(1);
      await docker('exec', name, 'touch', '/tmp/go');
      await expect.poll(() => view.locator('.log-line__text', { hasText: 'after-reconnect' }).count(), { timeout: 15_000 }).toBe(1);
      expect(await view.getAttribute('data-lines')).toBe('51');
      expect(await view.locator('.log-line__text', { hasText: /^1$/ }).count()).toBeLessThanOrEqual(1);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
