import { listContainers } from '../adapter/calls.js';
import type { EngineAdapter } from '../adapter/engine-adapter.js';
import type { RawContainer } from '../mapping/container-summary.js';
import { L } from './labels.js';

/** A project's containers (all states; one-off `run` containers left out), found by the compose labels. */
export async function projectContainers(engine: EngineAdapter, project: string, signal?: AbortSignal): Promise<RawContainer[]> {
  const list = await listContainers(engine, { all: true, filters: { label: [`${L.project}=${project}`] } }, signal);
  return list.filter((c) => (c.Labels?.[L.oneoff] ?? 'False') !== 'True');
}

export const serviceOf = (c: RawContainer): string => c.Labels?.[L.service] ?? '';
export const nameOf = (c: RawContainer): string => (c.Names?.[0] ?? c.Id ?? "").replace(/^\//, '');
