import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, startBerth, type RunningBerth } from './support/berth.js';
import { docker, removeContainers, testImage, uniqueName } from './support/docker-cli.js';

const prefix = 'berth-e2e-ansi';
const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// A red line, a line with a title (OSC), bold green and a 256-colour word, every one of the 16 colours
// as text and as background, and a plain line that mentions "red" later on.
const fg = [30, 31, 32, 33, 34, 35, 36, 37, 90, 91, 92, 93, 94, 95, 96, 97].map((c) => `\\033[${c}m${c}\\033[0m`).join(' ');
const bg = [40, 41, 42, 43, 44, 45, 46, 47, 100, 101, 102, 103, 104, 105, 106, 107].map((c) => `\\033[${c}m${c}\\033[0m`).join(' ');
const script = [
  `printf '\\033[31mred\\033[0m\\n'`,
  `printf '\\033]0;my title\\007\\033[1;32mgreen bold\\033[0m and \\033[38;5;208morange\\033[0m\\n'`,
  `printf '${fg}\\n'`,
  `printf '${bg}\\n'`,
  `printf '\\033[7minverse\\033[27m \\033[2mdim\\033[0m \\033[4munder\\033[0m\\n'`,
  // A progress line as programs draw one in a terminal: each state overwrites the one before ("\r").
  `printf 'progress 1/3\\rprogress 2/3\\rprogress 3/3\\r\\n'`,
  `echo 'not red'`,
  'sleep 600',
].join('; ');

describe('container logs: ANSI colours', () => {
  let berth: RunningBerth;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let name: string;

  beforeAll(async () => {
    name = uniqueName(prefix);
    await docker('run', '-d', '--name', name, testImage, 'sh', '-c', script);
    berth = await startBerth(['--no-embedded-engine']);
    browser = await launchBrowser();
    ({ page, errors } = await openApp(browser, berth, `#/containers/${name}/logs`));
    await logView().waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    expect(await berth?.stop()).toBe(0);
    await removeContainers(prefix);
  });

  const logView = (): Locator => page.getByRole('log', { name: 'Container logs' });
  const texts = () => logView().locator('.log-line__text').allInnerTexts();
  const count = () => page.locator('.log-search__count');
  const colourOf = (line: Locator, word: string) => line.locator('span', { hasText: new RegExp(`^${word}$`) }).first().evaluate((el) => getComputedStyle(el).color);

  it('renders colours as styled spans, without the escape sequences', async () => {
    await expect.poll(() => logView().getAttribute('data-lines'), { timeout: 15_000 }).toBe('7');
    expect(await texts()).toEqual([
      'red',
      'green bold and orange',
      '30 31 32 33 34 35 36 37 90 91 92 93 94 95 96 97',
      '40 41 42 43 44 45 46 47 100 101 102 103 104 105 106 107',
      'inverse dim under',
      // Its last state, as a terminal shows it; before, 'progress 1/3progress 2/3progress 3/3'.
      'progress 3/3',
      'not red',
    ]);
    expect((await logView().innerText()).includes('\x1b')).toBe(false);
    const red = logView().locator('.log-line__text').first();
    // --ansi-1 (#ff7b72), a theme token.
    expect(await colourOf(red, 'red')).toBe('rgb(255, 123, 114)');
    const second = logView().locator('.log-line__text').nth(1);
    expect(await second.locator('span', { hasText: 'green bold' }).evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el).fontWeight])).toEqual(['rgb(86, 211, 100)', '700']);
    expect(await colourOf(second, 'orange')).toBe('rgb(255, 135, 0)');
    expect(errors).toEqual([]);
  });

  it('is readable in the light and the dark theme (axe colour contrast on the log view)', async () => {
    await page.evaluate(axeSource);
    for (const theme of ['light', 'dark']) {
      await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
      const result = await page.evaluate(async () => {
        type Rule = { id: string; nodes: { target: unknown[] }[] };
        const axe = (window as unknown as { axe: { run(ctx: Element, opts: object): Promise<Record<'violations' | 'passes' | 'incomplete', Rule[]>> } }).axe;
        const r = await axe.run(document.querySelector('[role="log"]')!, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
        const contrast = (list: Rule[]) => list.find((v) => v.id === 'color-contrast')?.nodes.map((n) => JSON.stringify(n.target)) ?? [];
        return { violations: r.violations.map((v) => `${v.id} at ${JSON.stringify(v.nodes.map((n) => n.target))}`), checked: contrast(r.passes), unsure: contrast(r.incomplete) };
      });
      expect(result.violations, theme).toEqual([]);
      // Contrast was measured (not left undecided) for every styled span: 1 + 2 + 16 + 16 + 3.
      expect(result.unsure, theme).toEqual([]);
      expect(result.checked.filter((t) => t.includes('> span')).length, theme).toBe(38);
    }
  });

  it('searches the text without escapes: "^red" matches the red line, highlighted inside its colour', async () => {
    await page.getByRole('button', { name: 'Regular expression' }).click();
    const search = page.getByRole('searchbox', { name: 'Search logs' });
    await search.fill('^red');
    await expect.poll(() => count().innerText()).toBe('1 match');
    await search.press('Enter');
    await expect.poll(() => count().innerText()).toBe('1 of 1');
    const current = logView().locator('.log-line--current .log-line__text');
    await expect.poll(() => current.innerText()).toBe('red');
    const mark = current.locator('span > mark.log-mark--current');
    expect(await mark.innerText()).toBe('red');
    // The escape is not text: "31m" finds nothing.
    await search.fill('31m');
    await expect.poll(() => count().innerText()).toBe('0 matches');
    // Matching lines only.
    await search.fill('red$');
    await page.getByRole('checkbox', { name: 'Show matching lines only' }).check();
    await expect.poll(texts).toEqual(['red', 'not red']);
    await page.getByRole('checkbox', { name: 'Show matching lines only' }).uncheck();
    await search.fill('');
    expect(errors).toEqual([]);
  });

  it('downloads the log as the engine gave it, escapes and all', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download logs' }).click()]);
    const text = await readFile((await download.path())!, 'utf8');
    const lines = text.split('\n');
    expect(lines[0]).toBe('\x1b[31mred\x1b[0m');
    expect(lines[1]).toBe('\x1b]0;my title\x07\x1b[1;32mgreen bold\x1b[0m and \x1b[38;5;208morange\x1b[0m');
    expect(lines).toContain('not red');
  });
});
