import { BerthError } from '../../contract/errors.js';
import type { RecycleBinRestoreResult } from '../../contract/models/recycle-bin.js';
import { containerAction, createContainer, exists, imagePath, inspectContainer, removeContainer } from '../adapter/calls.js';
import type { EngineConnection } from '../client/engine-connection.js';
import { readableActionError } from '../container-actions/readable-error.js';
import { toBerthError } from '../errors.js';
import type { CreateSpec } from './create-config.js';

type Json = Record<string, unknown>;

/**
 * Recreates a removed container from its kept create-config: same name, Config, HostConfig (ports,
 * mounts, restart policy, limits), labels and networks; anonymous volumes that still exist are
 * attached again. Starts it when it was running (unless `start` says otherwise). Clear errors when
 * the name is taken again or the image is gone; nothing half-made is left behind.
 */
export async function restoreContainer(conn: EngineConnection, spec: CreateSpec, start: boolean, signal: AbortSignal): Promise<RecycleBinRestoreResult> {
  const engine = conn.engine;
  const fail = (err: unknown) => toBerthError(err, conn.endpoint.host);

  try {
    const existing = await inspectContainer(engine, spec.name, signal);
    throw new BerthError('CONFLICT', `The name "${spec.name}" is taken again (by container ${existing.Id.slice(0, 12)}) — rename or remove that container, then restore`);
  } catch (err) {
    if (err instanceof BerthError) throw err;
    if (fail(err).code !== 'NOT_FOUND') throw fail(err);
  }
  let imagePresent: boolean;
  try {
    imagePresent = await exists(engine, `${imagePath(spec.image)}/json`, signal);
  } catch (err) {
    throw fail(err);
  }
  if (!imagePresent) throw new BerthError('NOT_FOUND', `The image ${spec.image} is gone, so ${spec.name} cannot be recreated — pull or build it again, then restore`);

  const hostConfig: Json = { ...((spec.body.HostConfig as Json | undefined) ?? {}) };
  const extraMounts: Json[] = [];
  for (const v of spec.anonymousVolumes) {
    try {
      if (!(await exists(engine, `/volumes/${encodeURIComponent(v.name)}`, signal))) continue;
      extraMounts.push({ Type: 'volume', Source: v.name, Target: v.destination });
    } catch {
      // The anonymous volume went with the container: a fresh one is made, as on first create.
    }
  }
  if (extraMounts.length) hostConfig.Mounts = [...(Array.isArray(hostConfig.Mounts) ? (hostConfig.Mounts as Json[]) : []), ...extraMounts];

  const body: Json = { ...spec.body, HostConfig: hostConfig };
  if (spec.primaryEndpoint && Object.keys(spec.primaryEndpoint.config).length) {
    body.NetworkingConfig = { EndpointsConfig: { [spec.primaryEndpoint.network]: spec.primaryEndpoint.config } };
  }
  let container: { id: string };
  try {
    container = await createContainer(engine, body, spec.name, signal);
  } catch (err) {
    const e = fail(err);
    if (e.code === 'CONFLICT' && /already in use/i.test(e.message)) {
      throw new BerthError('CONFLICT', `The name "${spec.name}" is taken again — rename or remove that container, then restore`);
    }
    if (/network .* not found/i.test(e.message)) throw new BerthError('NOT_FOUND', `A network ${spec.name} used is gone: ${e.message}`);
    throw readableActionError(e, { name: spec.name });
  }

  try {
    for (const ep of spec.extraEndpoints) {
      await engine.json<unknown>({ method: 'POST', path: `/networks/${encodeURIComponent(ep.network)}/connect`, body: { Container: container.id, EndpointConfig: ep.config }, signal });
    }
  } catch (err) {
    await removeContainer(engine, container.id, { force: true }).catch(() => undefined);
    const e = fail(err);
    throw new BerthError(e.code, `Could not reconnect ${spec.name} to its networks: ${e.message}`);
  }

  let started = false;
  if (start) {
    try {
      await containerAction(engine, container.id, 'start', {}, signal);
      started = true;
    } catch (err) {
      // The container exists again (config restored); say why it did not start.
      const e = readableActionError(fail(err), { id: container.id, name: spec.name });
      throw new BerthError(e.code, `${spec.name} was recreated but did not start: ${e.message}`, { containerId: container.id, recreated: true });
    }
  }
  return { containerId: container.id, name: spec.name, started };
}
