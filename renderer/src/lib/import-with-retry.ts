/** A chunk that can no longer be fetched: the server was rebuilt or updated since this window opened. */
export const isStaleChunk = (message: string): boolean =>
  /dynamically imported module|Importing a module script failed|error loading dynamically imported|Failed to load module script/i.test(message);

/**
 * A chunk whose fetch failed is asked for again, twice, before the page says it cannot be loaded: one
 * failed fetch on a busy machine (seen in CI runs, with nothing rebuilt) should not cost the page.
 * Chromium fetches the same address again on the next import() (checked with Chromium 156: a 503, then
 * the retry loads it; e2e/page-errors.spec.ts). Browsers that keep a failed module fetch (the older
 * module-map rule) fail the retries at once; asking for another address (`?retry=N`) was tried and
 * dropped: a page chunk that tab chunks import would then run twice, as two modules. A chunk that is
 * really gone (the server was rebuilt) is reported at most 1.3 s later than before.
 */
export async function importWithRetry<T>(load: () => Promise<T>, waitsMs: readonly number[] = [300, 1000]): Promise<T> {
  for (const wait of waitsMs) {
    try {
      return await load();
    } catch (err) {
      if (!isStaleChunk(err instanceof Error ? err.message : String(err))) throw err;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
  return load();
}
