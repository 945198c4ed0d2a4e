import type { MovedTag } from '../../contract/models/image-build.js';
import type { EngineAdapter } from '../adapter/engine-adapter.js';
import { toBerthError } from '../errors.js';

interface RawImage {
  Id?: string;
  RepoTags?: string[] | null;
}

/** The image a reference names now, or undefined when it names none (any other failure throws). */
async function imageOf(engine: EngineAdapter, ref: string, signal: AbortSignal): Promise<RawImage | undefined> {
  try {
    return await engine.json<RawImage>({ path: `/images/${encodeURIComponent(ref)}/json`, signal });
  } catch (err) {
    if (toBerthError(err).code === 'NOT_FOUND') return undefined;
    throw err;
  }
}

/** Two ids of one image: full ("sha256:…") or short (the build's "Successfully built 1a2b3c4d5e6f"). */
function sameImage(a: string, b: string): boolean {
  const [x, y] = [a.replace(/^sha256:/, ''), b.replace(/^sha256:/, '')];
  return x.startsWith(y) || y.startsWith(x);
}

/** What each of the build's tags names before it runs: tag → image id, for the tags that exist. */
export async function tagTargets(engine: EngineAdapter, tags: readonly string[], signal: AbortSignal): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const tag of tags) {
    const image = await imageOf(engine, tag, signal);
    if (image?.Id) out.set(tag, image.Id);
  }
  return out;
}

/**
 * The tags the build moved from another image to `imageId`, each with whether that image has any tag
 * left. A tag that already named the built image (an unchanged rebuild from cache) did not move.
 */
export async function movedTags(engine: EngineAdapter, before: ReadonlyMap<string, string>, imageId: string, signal: AbortSignal): Promise<MovedTag[]> {
  const out: MovedTag[] = [];
  for (const [tag, previousId] of before) {
    if (sameImage(previousId, imageId)) continue;
    const previous = await imageOf(engine, previousId, signal);
    // Gone meanwhile (removed by someone else): nothing is left behind untagged.
    if (!previous) continue;
    out.push({ tag, previousId, untagged: !previous.RepoTags?.some((t) => t !== '<none>:<none>') });
  }
  return out;
}
