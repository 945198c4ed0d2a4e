import { containerPath } from '../adapter/calls.js';
import type { EngineAdapter } from '../adapter/engine-adapter.js';
import { fromGoMode, type TypeChar } from './file-mode.js';

/** What the engine's HEAD /containers/{id}/archive reports about one path. */
export interface PathStat {
  name: string;
  size: number;
  type: TypeChar;
  perm: number;
  mtime: number;
  /** For a symlink: the absolute path it resolves to inside the container. */
  linkTarget: string;
}

/** Parse the X-Docker-Container-Path-Stat header (base64 JSON); undefined when missing or malformed. */
export function parsePathStat(header: string | string[] | undefined): PathStat | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  try {
    const raw = JSON.parse(Buffer.from(value, 'base64').toString('utf8')) as Record<string, unknown>;
    if (typeof raw.mode !== 'number') return undefined;
    const { type, perm } = fromGoMode(raw.mode);
    const mtime = typeof raw.mtime === 'string' ? Date.parse(raw.mtime) : NaN;
    return {
      name: typeof raw.name === 'string' ? raw.name : '',
      size: typeof raw.size === 'number' ? raw.size : 0,
      type,
      perm,
      mtime: Number.isFinite(mtime) ? mtime : 0,
      linkTarget: typeof raw.linkTarget === 'string' ? raw.linkTarget : '',
    };
  } catch {
    return undefined;
  }
}

/** `/containers/{id}/archive` with `path` as its query. */
export function archiveRequest(id: string, path: string, signal?: AbortSignal) {
  return { path: `${containerPath(id)}/archive`, query: { path }, signal };
}

/** HEAD the archive of `path`: stat one path of a running or stopped container. Throws the engine error. */
export async function statPath(engine: EngineAdapter, id: string, path: string, signal?: AbortSignal): Promise<PathStat> {
  let headers: Record<string, string | string[] | undefined>;
  try {
    headers = await engine.head(archiveRequest(id, path, signal));
  } catch (err) {
    throw await withEngineMessage(err, engine, id, path, signal);
  }
  const stat = parsePathStat(headers['x-docker-container-path-stat']);
  if (!stat) throw new Error(`The engine did not describe ${path} (no X-Docker-Container-Path-Stat header)`);
  return stat;
}

/**
 * A HEAD answer has no body, so a failure other than 404 comes without the engine's reason
 * ("(HTTP code 500) server error"). Ask the same question with a GET, whose error body says why
 * (e.g. "lstat /www/index.html/x: not a directory"); that error is thrown instead.
 */
async function withEngineMessage(err: unknown, engine: EngineAdapter, id: string, path: string, signal?: AbortSignal): Promise<unknown> {
  const status = (err as { statusCode?: unknown })?.statusCode;
  if (typeof status !== 'number' || status === 404) return err;
  try {
    const body = await engine.stream(archiveRequest(id, path, signal));
    body.destroy();
    return err;
  } catch (detailed) {
    return detailed;
  }
}
