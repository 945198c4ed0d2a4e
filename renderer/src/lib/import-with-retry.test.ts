import { describe, expect, it } from 'vitest';
import { importWithRetry, type StylesheetHost } from './import-with-retry.js';

const fetchFailed = () => new TypeError('Failed to fetch dynamically imported module: http://127.0.0.1:1/assets/page-x.js');

describe('importWithRetry', () => {
  it('asks again after a failed chunk fetch, and gets the module', async () => {
    let calls = 0;
    const mod = await importWithRetry(async () => {
      if (++calls < 3) throw fetchFailed();
      return { Page: 'ok' };
    }, [1, 1]);
    expect(mod).toEqual({ Page: 'ok' });
    expect(calls).toBe(3);
  });

  it('gives up after the retries with the fetch error, and never retries another error', async () => {
    let calls = 0;
    await expect(
      importWithRetry(async () => {
        calls++;
        throw fetchFailed();
      }, [1, 1]),
    ).rejects.toThrow(/Failed to fetch dynamically imported module/);
    expect(calls).toBe(3);
    calls = 0;
    await expect(
      importWithRetry(async () => {
        calls++;
        throw new Error('boom in module code');
      }, [1, 1]),
    ).rejects.toThrow('boom in module code');
    expect(calls).toBe(1);
  });

  /** A document whose stylesheets load or fail in turn (`outcomes`), recording what was added and removed. */
  function fakeDoc(failedHref: string, outcomes: boolean[]) {
    type FakeLink = { rel: string; href: string; crossOrigin: string; on: Record<string, () => void>; remove(): void; addEventListener(t: string, f: () => void): void };
    const links: FakeLink[] = [];
    const added: string[] = [];
    const makeLink = (): FakeLink => {
      const l: FakeLink = {
        rel: '',
        href: '',
        crossOrigin: '',
        on: {},
        remove: () => links.splice(links.indexOf(l), 1),
        addEventListener: (t, f) => (l.on[t] = f),
      };
      return l;
    };
    const failed = Object.assign(makeLink(), { rel: 'stylesheet', href: failedHref });
    links.push(failed);
    const doc = {
      querySelectorAll: () => links.filter((l) => l.rel === 'stylesheet'),
      createElement: makeLink,
      head: {
        appendChild: (l: FakeLink) => {
          links.push(l);
          added.push(l.href);
          queueMicrotask(() => l.on[outcomes.shift() ? 'load' : 'error']?.());
        },
      },
    } as unknown as StylesheetHost;
    return { doc, added, links };
  }

  const cssFailed = (href: string) => new Error(`Unable to preload CSS for ${href}`);
  const href = 'http://127.0.0.1:1/assets/disk-usage-page-x.css';

  it('fetches a failed stylesheet again in place of the failed <link>, then retries the import', async () => {
    const { doc, added, links } = fakeDoc(href, [true]);
    let calls = 0;
    const mod = await importWithRetry(
      async () => {
        // Vite's helper rejects once for the sheet, and never asks for it again.
        if (++calls === 1) throw cssFailed(href);
        return { Page: 'ok' };
      },
      [1, 1],
      doc,
    );
    expect(mod).toEqual({ Page: 'ok' });
    expect(calls).toBe(2);
    expect(added).toEqual([href]);
    expect(links.map((l) => l.href)).toEqual([href]);
  });

  it('tries the sheet at each remaining wait, and fails the page when it never loads (not shown unstyled)', async () => {
    const { doc, added } = fakeDoc(href, [false, false]);
    let calls = 0;
    await expect(
      importWithRetry(
        async () => {
          if (++calls === 1) throw cssFailed(href);
          return { Page: 'unstyled' };
        },
        [1, 1],
        doc,
      ),
    ).rejects.toThrow(/Unable to preload CSS/);
    expect(added).toEqual([href, href]);
    expect(calls).toBe(1);
  });
});
