import type { ImageContainerRef } from '../../contract/models/images.js';
import { toBerthError } from '../errors.js';
import { imagePath } from '../adapter/calls.js';
import type { EngineAdapter } from '../adapter/engine-adapter.js';
import type { RawHistory, RawImage, RawImageInspect } from './image-mapping.js';
import { isBerthHelper } from '../volumes/helper-label.js';

/** The engine reads the image features need, behind a small interface (faked in unit tests). */
export interface ImageReader {
  /** GET /images/json: top-level images (no intermediate build images). */
  images(signal?: AbortSignal): Promise<RawImage[]>;
  /** GET /system/df's Images (type=image: engines from API 1.42 skip the container sizes): per image id, SharedSize. */
  sharedSizes(signal?: AbortSignal): Promise<Map<string, number>>;
  /** GET /containers/json?all=1: which containers use which image id. */
  containersByImage(signal?: AbortSignal): Promise<Map<string, ImageContainerRef[]>>;
  /** GET /images/{id}/json; undefined when there is no such image. */
  inspect(idOrName: string, signal?: AbortSignal): Promise<RawImageInspect | undefined>;
  history(idOrName: string, signal?: AbortSignal): Promise<RawHistory[]>;
}

interface RawContainer {
  Id?: string;
  Names?: string[];
  ImageID?: string;
  State?: string;
}

export function dockerImageReader(engine: EngineAdapter, endpoint?: string): ImageReader {
  const wrap = async <T>(p: Promise<T>): Promise<T> => {
    try {
      return await p;
    } catch (err) {
      throw toBerthError(err, endpoint);
    }
  };
  return {
    // Berth's volume helper image stays out of every list.
    images: async (signal) => (await wrap(engine.json<RawImage[]>({ path: '/images/json', signal }))).filter((i) => !isBerthHelper(i.Labels)),
    async sharedSizes(signal) {
      const df = await wrap(engine.json<{ Images?: RawImage[] | null }>({ path: '/system/df', query: { type: 'image' }, signal }));
      const out = new Map<string, number>();
      for (const i of df.Images ?? []) if (i.Id && typeof i.SharedSize === 'number' && i.SharedSize >= 0) out.set(i.Id, i.SharedSize);
      return out;
    },
    async containersByImage(signal) {
      const list = await wrap(engine.json<RawContainer[]>({ path: '/containers/json', query: { all: 1 }, signal }));
      const out = new Map<string, ImageContainerRef[]>();
      for (const c of list) {
        if (!c.ImageID || !c.Id) continue;
        const ref: ImageContainerRef = { id: c.Id, name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''), state: c.State ?? 'unknown' };
        const arr = out.get(c.ImageID);
        if (arr) arr.push(ref);
        else out.set(c.ImageID, [ref]);
      }
      for (const arr of out.values()) arr.sort((a, b) => a.name.localeCompare(b.name));
      return out;
    },
    async inspect(idOrName, signal) {
      try {
        return await engine.json<RawImageInspect>({ path: `${imagePath(idOrName)}/json`, signal });
      } catch (err) {
        const e = toBerthError(err, endpoint);
        if (e.code === 'NOT_FOUND') return undefined;
        throw e;
      }
    },
    history: (idOrName, signal) => wrap(engine.json<RawHistory[]>({ path: `${imagePath(idOrName)}/history`, signal })),
  };
}
