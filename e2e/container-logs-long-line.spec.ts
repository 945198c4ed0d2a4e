import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { docker, removeContainers, testImage, uniqueName } from './support/docker-cli.js';
import { useSession } from './support/session.js';

const prefix = 'berth-e2e-longline';
const name = uniqueName(prefix);

// Two lines of 30,006 characters, each with its one "needle" at character 15,000 (well past the
// 10,000 the viewer puts in the page): one plain, one red (the ANSI path), then a short one.
const fill = (n: number, ch: string) => `head -c ${n} /dev/zero | tr '\\0' ${ch}`;
const script = [
  `{ ${fill(15_000, 'a')}; printf needle; ${fill(15_000, 'b')}; echo; }`,
  `{ printf '\\033[31m'; ${fill(15_000, 'c')}; printf NEEDLE; ${fill(15_000, 'd')}; printf '\\033[0m\\n'; }`,
  'echo short needle line',
  'sleep 600',
].join('; ');

describe('container logs: a search match far into a very long line', () => {
  const app = useSession({
    hash: () => `#/containers/${name}/logs`,
    ready: (page) => page.getByRole('log', { name: 'Container logs' }).waitFor(),
    setup: () => docker('run', '-d', '--name', name, testImage, 'sh', '-c', script),
    cleanup: () => removeContainers(prefix),
  });
  const logView = (): Locator => app.page.getByRole('log', { name: 'Container logs' });
  const line = (i: number) => logView().locator('.log-line').nth(i);

  it('shows the part of the line around the match, highlighted, and says what is left out on each side', async () => {
    await expect.poll(() => logView().getAttribute('data-lines'), { timeout: 15_000 }).toBe('3');
    const search = app.page.getByRole('searchbox', { name: 'Search logs' });
    await search.fill('needle');
    await expect.poll(() => app.page.locator('.log-search__count').innerText()).toBe('3 matches');
    for (const [i, before, after] of [
      [0, 'a', 'b'],
      [1, 'c', 'd'],
    ] as const) {
      const marks = line(i).locator('mark');
      await expect.poll(() => marks.allInnerTexts()).toEqual([i === 0 ? 'needle' : 'NEEDLE']);
      const text = await line(i).locator('.log-line__text').innerText();
      // 200 characters of context before the match, 10,000 in all, the rest counted on each side.
      expect(text).toBe(`(14,800 characters before; download to see them) … ${before.repeat(200)}${i === 0 ? 'needle' : 'NEEDLE'}${after.repeat(9_794)} … (5,206 more characters; download to see them)`);
      // The match is where the eye can reach it: in the row, inside the log's scroll width.
      const box = await marks.first().evaluate((el) => {
        const view = el.closest('.log-view')!;
        return { left: el.getBoundingClientRect().left - view.getBoundingClientRect().left + view.scrollLeft, width: view.scrollWidth };
      });
      expect(box.left).toBeLessThan(box.width);
    }
    // The red line keeps its colour around the mark.
    expect(await line(1).locator('mark').evaluate((el) => getComputedStyle(el.parentElement!).color)).not.toBe(await line(2).evaluate((el) => getComputedStyle(el).color));
    expect(await line(2).locator('mark').innerText()).toBe('needle');

    // Without a search: the start of each long line, and how much more there is.
    await search.fill('');
    await expect.poll(() => line(0).locator('.log-line__text').innerText()).toMatch(/^a{10000} … \(20,006 more characters; download to see them\)$/);
    expect(app.errors).toEqual([]);
  });

  it('brings each match into view across as Enter moves to it, far into a long line and back to a short one', async () => {
    const search = app.page.getByRole('searchbox', { name: 'Search logs' });
    await search.fill('needle');
    await expect.poll(() => app.page.locator('.log-search__count').innerText()).toBe('3 matches');
    /** The current match's mark lies inside the log's visible box (not scrolled off to a side). */
    const currentInView = () =>
      logView()
        .locator('.log-line--current mark')
        .first()
        .evaluate((el) => {
          const view = el.closest('.log-view')!.getBoundingClientRect();
          const m = el.getBoundingClientRect();
          return m.left >= view.left && m.right <= view.right;
        });
    for (const [n, i] of [
      [1, 0],
      [2, 1],
      [3, 2],
    ] as const) {
      await search.press('Enter');
      await expect.poll(() => app.page.locator('.log-search__count').innerText()).toBe(`${n} of 3`);
      await expect.poll(() => line(i).getAttribute('class')).toContain('log-line--current');
      await expect.poll(currentInView).toBe(true);
    }
    expect(app.errors).toEqual([]);
  });
});
