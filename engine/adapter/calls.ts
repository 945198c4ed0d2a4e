import type { RawContainer } from '../mapping/container-summary.js';
import type { EngineAdapter, QueryValue } from './engine-adapter.js';

/**
 * Typed helpers for the engine calls several modules make, so services do not repeat paths. The raw
 * shapes list only the fields Berth reads; the mapping to contract types stays with each domain.
 */

/** GET /containers/{id}/json, the fields Berth reads. */
export interface RawContainerInspect {
  Id: string;
  Name: string;
  State: { Running?: boolean; Paused?: boolean; Restarting?: boolean; ExitCode?: number; Status?: string };
  Config?: { Tty?: boolean };
  [key: string]: unknown;
}

/** `/containers/{id}` with the id or name escaped. */
export function containerPath(id: string): string {
  return `/containers/${encodeURIComponent(id)}`;
}

/** Image names go into the URL path as they are (the engine routes on `/images/{name:.*}`); other bytes are escaped. */
export function imagePath(name: string): string {
  return `/images/${encodeURI(name).replace(/[?#]/g, encodeURIComponent)}`;
}

/** GET /_ping. */
export async function ping(engine: EngineAdapter, signal?: AbortSignal): Promise<void> {
  await engine.json<unknown>({ path: '/_ping', signal });
}

/** GET /info (the fields each caller reads are its own business). */
export function engineInfo<T = Record<string, unknown>>(engine: EngineAdapter, signal?: AbortSignal): Promise<T> {
  return engine.json<T>({ path: '/info', signal });
}

/** GET /version. */
export function engineVersion<T = Record<string, unknown>>(engine: EngineAdapter, signal?: AbortSignal): Promise<T> {
  return engine.json<T>({ path: '/version', signal });
}

export function inspectContainer(engine: EngineAdapter, id: string, signal?: AbortSignal): Promise<RawContainerInspect> {
  return engine.json<RawContainerInspect>({ path: `${containerPath(id)}/json`, signal });
}

/** GET /containers/json. */
export function listContainers(engine: EngineAdapter, options: { all?: boolean; filters?: Record<string, unknown> } = {}, signal?: AbortSignal): Promise<RawContainer[]> {
  const query: Record<string, QueryValue> = { all: options.all ? 1 : undefined, filters: options.filters };
  return engine.json<RawContainer[]>({ path: '/containers/json', query, signal });
}

/** POST /containers/{id}/{action} (start, stop, restart, pause, unpause, kill). A 304 rejects with statusCode 304. */
export async function containerAction(engine: EngineAdapter, id: string, action: string, query: Record<string, QueryValue> = {}, signal?: AbortSignal): Promise<void> {
  await engine.json<unknown>({ method: 'POST', path: `${containerPath(id)}/${action}`, query, signal });
}

/** DELETE /containers/{id}. */
export async function removeContainer(engine: EngineAdapter, id: string, options: { force?: boolean; volumes?: boolean } = {}, signal?: AbortSignal): Promise<void> {
  await engine.json<unknown>({ method: 'DELETE', path: containerPath(id), query: { force: options.force ? 1 : undefined, v: options.volumes ? 1 : undefined }, signal });
}

/** POST /containers/create: the new container's id and the engine's warnings. */
export async function createContainer(engine: EngineAdapter, body: object, name?: string, signal?: AbortSignal): Promise<{ id: string; warnings: string[] }> {
  const r = await engine.json<{ Id: string; Warnings?: unknown }>({ method: 'POST', path: '/containers/create', query: { name: name || undefined }, body, signal });
  return { id: r.Id, warnings: Array.isArray(r.Warnings) ? r.Warnings.map(String) : [] };
}

/** True when GET `path` answers, false on a 404; any other error is thrown as is. */
export async function exists(engine: EngineAdapter, path: string, signal?: AbortSignal): Promise<boolean> {
  try {
    await engine.json<unknown>({ path, signal });
    return true;
  } catch (err) {
    if ((err as { statusCode?: unknown }).statusCode === 404) return false;
    throw err;
  }
}
