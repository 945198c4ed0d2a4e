import { lazy, type ComponentType } from 'react';
import { messageOf } from './error-message.js';

/**
 * A chunk, or the stylesheet that comes with it, that could not be fetched: the server was rebuilt or
 * updated since this window opened, or one fetch failed (Chromium aborts requests to 127.0.0.1 with
 * ERR_NETWORK_CHANGED when a container start adds a network interface). "Unable to preload CSS" is
 * Vite's preload helper's, for a page's or tab's stylesheet.
 */
export const isStaleChunk = (message: string): boolean =>
  /dynamically imported module|Importing a module script failed|error loading dynamically imported|Failed to load module script|Unable to preload CSS/i.test(message);

const CSS_FAILED = /Unable to preload CSS for (\S+)/;

/** What fetching a stylesheet again needs of the document (a fake in unit tests). */
export type StylesheetHost = Pick<Document, 'querySelectorAll' | 'createElement' | 'head'>;

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Adds `<link rel="stylesheet" href>` in place of a failed one; resolves with whether it loaded. */
function addStylesheet(href: string, doc: StylesheetHost): Promise<boolean> {
  for (const old of doc.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')) if (old.href === href) old.remove();
  const link = doc.createElement('link');
  link.rel = 'stylesheet';
  link.crossOrigin = '';
  link.href = href;
  return new Promise((resolve) => {
    link.addEventListener('load', () => resolve(true), { once: true });
    link.addEventListener('error', () => resolve(false), { once: true });
    doc.head.appendChild(link);
  });
}

/**
 * A chunk whose fetch failed is asked for again, twice, before the page says it cannot be loaded: one
 * failed fetch on a busy machine (seen in CI runs, with nothing rebuilt) should not cost the page.
 * Chromium fetches the same address again on the next import() (checked with Chromium 156: a 503, then
 * the retry loads it; e2e/page-errors.spec.ts). Browsers that keep a failed module fetch (the older
 * module-map rule) fail the retries at once; asking for another address (`?retry=N`) was tried and
 * dropped: a page chunk that tab chunks import would then run twice, as two modules. A chunk that is
 * really gone (the server was rebuilt) is reported at most 1.3 s later than before.
 *
 * A stylesheet is different: Vite's preload helper never asks for one again (it remembers the address,
 * failed or not), so the retried import would give the page without its styles. The sheet is fetched
 * again here, with the same waits, and the import is retried once it is in; a sheet that still fails
 * fails the page, which then says so with Reload, rather than showing it unstyled.
 */
export async function importWithRetry<T>(
  load: () => Promise<T>,
  waitsMs: readonly number[] = [300, 1000],
  doc: StylesheetHost | undefined = typeof document === 'undefined' ? undefined : document,
): Promise<T> {
  for (let i = 0; i < waitsMs.length; i++) {
    try {
      return await load();
    } catch (err) {
      const message = messageOf(err);
      if (!isStaleChunk(message)) throw err;
      await wait(waitsMs[i]!);
      const css = CSS_FAILED.exec(message)?.[1];
      if (css && doc) {
        let loaded = await addStylesheet(css, doc);
        for (const later of waitsMs.slice(i + 1)) {
          if (loaded) break;
          await wait(later);
          loaded = await addStylesheet(css, doc);
        }
        if (!loaded) throw err;
      }
    }
  }
  return load();
}

/** React.lazy of a module's named component, its chunk fetched with importWithRetry: pages, tabs, dialogs. */
export function lazyNamed<K extends string, P extends object>(load: () => Promise<{ [k in K]: ComponentType<P> }>, key: K) {
  return lazy(async () => ({ default: (await importWithRetry(load))[key] }));
}
