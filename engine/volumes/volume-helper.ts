import { Readable } from 'node:stream';
import { createContainer, listContainers, removeContainer } from '../adapter/calls.js';
import type { EngineAdapter } from '../adapter/engine-adapter.js';
import { HELPER_LABEL } from './helper-label.js';

/** The helper image: an empty filesystem made here with `docker import` (nothing is pulled). */
export const HELPER_IMAGE = 'berth-volume-helper:empty';

/** Where the volume is mounted inside a helper. */
export const VOLUME_ROOT = '/v';

export interface HelperMount {
  volume: string;
  target: string;
  readOnly?: boolean;
}

const imports = new WeakMap<EngineAdapter, Promise<void>>();

/** An empty tar: two zero blocks. */
const emptyTar = () => Readable.from([Buffer.alloc(1024)]);

async function importHelperImage(engine: EngineAdapter): Promise<void> {
  const [repo, tag] = HELPER_IMAGE.split(':');
  await engine.upload<unknown>({
    method: 'POST',
    path: '/images/create',
    query: { fromSrc: '-', repo, tag, changes: [`LABEL ${HELPER_LABEL}=volume`] },
    data: emptyTar(),
  });
}

/** Make the helper image once per engine (again if someone removed it). */
export function ensureHelperImage(engine: EngineAdapter, again = false): Promise<void> {
  let p = imports.get(engine);
  if (!p || again) {
    p = (async () => {
      if (!again) {
        try {
          await engine.json<unknown>({ path: `/images/${HELPER_IMAGE}/json` });
          return;
        } catch (err) {
          if ((err as { statusCode?: unknown }).statusCode !== 404) throw err;
        }
      }
      await importHelperImage(engine);
    })();
    p.catch(() => imports.delete(engine));
    imports.set(engine, p);
  }
  return p;
}

/** Create a never-started helper container that mounts these volumes; returns its id. */
export async function createHelper(engine: EngineAdapter, mounts: readonly HelperMount[], signal?: AbortSignal): Promise<string> {
  const body = {
    Image: HELPER_IMAGE,
    Cmd: ['/berth-helper-never-runs'],
    Labels: { [HELPER_LABEL]: 'volume' },
    NetworkDisabled: true,
    HostConfig: { Mounts: mounts.map((m) => ({ Type: 'volume', Source: m.volume, Target: m.target, ReadOnly: m.readOnly === true })) },
  };
  await ensureHelperImage(engine);
  try {
    return (await createContainer(engine, body, undefined, signal)).id;
  } catch (err) {
    // The image went away (an image prune): make it again, once.
    if ((err as { statusCode?: unknown }).statusCode !== 404) throw err;
    await ensureHelperImage(engine, true);
    return (await createContainer(engine, body, undefined, signal)).id;
  }
}

/** Remove a helper (never with its volumes); failures are logged, not thrown: start-up sweeps leftovers. */
export async function removeHelper(engine: EngineAdapter, id: string, log?: (line: string) => void): Promise<void> {
  try {
    await removeContainer(engine, id, { force: true });
  } catch (err) {
    if ((err as { statusCode?: unknown }).statusCode !== 404) log?.(`volumes: could not remove helper ${id.slice(0, 12)}: ${String(err)}`);
  }
}

/**
 * Run `work` with a helper that mounts the volumes, and remove the helper right after, so it blocks
 * a `docker volume rm` only while the operation runs.
 */
export async function withHelper<T>(engine: EngineAdapter, mounts: readonly HelperMount[], work: (id: string) => Promise<T>, signal?: AbortSignal, log?: (line: string) => void): Promise<T> {
  const id = await createHelper(engine, mounts, signal);
  try {
    return await work(id);
  } finally {
    await removeHelper(engine, id, log);
  }
}

/** Remove every helper container (leftovers of a crash): at start-up. Returns how many went. */
export async function sweepHelpers(engine: EngineAdapter, log?: (line: string) => void): Promise<number> {
  const found = await listContainers(engine, { all: true, filters: { label: [HELPER_LABEL] } });
  await Promise.all(found.map((c) => removeHelper(engine, c.Id ?? '', log)));
  if (found.length) log?.(`volumes: removed ${found.length} helper container(s) left from an earlier run`);
  return found.length;
}
