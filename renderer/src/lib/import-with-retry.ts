/** A chunk that can no longer be fetched: the server was rebuilt or updated since this window opened. */
export const isStaleChunk = (message: string): boolean =>
  /dynamically imported module|Importing a module script failed|error loading dynamically imported|Failed to load module script/i.test(message);

/**
 * The address of the chunk the browser could not fetch, from its error ("Failed to fetch dynamically
 * imported module: http://127.0.0.1:8080/assets/page-x.js"), when it is one of this page's own.
 */
export function failedChunkUrl(message: string, origin: string | undefined = globalThis.location?.origin): string | undefined {
  const url = /\b[a-z][a-z0-9+.-]*:\/\/[^\s'"]+?\.js\b/i.exec(message)?.[0];
  return url && origin && origin !== 'null' && url.startsWith(`${origin}/`) ? url : undefined;
}

/**
 * A chunk whose fetch failed is asked for again, twice, before the page says it cannot be loaded: one
 * failed fetch on a busy machine (seen in CI runs, with nothing rebuilt) should not cost the page.
 * Chromium keeps a failed module fetch in its module map, so asking for the same address again fails
 * at once without a request: the retries ask for the chunk's address with `?retry=N`, a new entry (the
 * server ignores the query). A chunk that is really gone (the server was rebuilt) is still a 404, and
 * reported at most 1.3 s later than before.
 */
export async function importWithRetry<T>(
  load: () => Promise<T>,
  {
    waitsMs = [300, 1000],
    importUrl = (url) => import(/* @vite-ignore */ url),
    origin = globalThis.location?.origin,
  }: { waitsMs?: readonly number[]; importUrl?: (url: string) => Promise<unknown>; origin?: string } = {},
): Promise<T> {
  let attempt = load;
  for (const [i, wait] of waitsMs.entries()) {
    try {
      return await attempt();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (!isStaleChunk(message)) throw err;
      const url = failedChunkUrl(message, origin);
      if (url) attempt = () => importUrl(`${url}?retry=${i + 1}`) as Promise<T>;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
  return attempt();
}
