import type { EngineAdapter } from '../adapter/engine-adapter.js';
import { imagePath } from '../adapter/calls.js';

/** How long a take-back waits for the engine to finish cancelling (its step container still holds the last image). */
const TRIES = 20;
const RETRY_MS = 500;

/**
 * Remove the images a cancelled build committed (newest first), each only while still untagged, and
 * with noprune: parents it did not make (FROM's base, cached steps) are never touched. The engine
 * keeps them when the build stops (checked on 20.10: a cancelled `--no-cache` build left its last
 * finished step as a dangling <none> image). An image the engine still uses (the step container that
 * is being removed) is tried again for a few seconds; one used for longer, or re-tagged, stays.
 */
export async function takeBackImages(engine: EngineAdapter, ids: readonly string[], log?: (line: string) => void, retryMs = RETRY_MS): Promise<string[]> {
  const removed: string[] = [];
  for (const id of [...ids].reverse()) {
    for (let attempt = 1; ; attempt++) {
      try {
        const image = await engine.json<{ RepoTags?: string[] | null }>({ path: `${imagePath(id)}/json` });
        if (image.RepoTags?.length) break;
        await engine.json<unknown>({ method: 'DELETE', path: imagePath(id), query: { noprune: true } });
        removed.push(id);
        break;
      } catch (err) {
        const status = (err as { statusCode?: unknown }).statusCode;
        if (status === 404) break;
        if (status !== 409 || attempt >= TRIES) {
          log?.(`build: could not remove image ${id} of a cancelled build: ${String((err as Error).message ?? err)}`);
          break;
        }
        await new Promise((r) => setTimeout(r, retryMs));
      }
    }
  }
  return removed;
}
