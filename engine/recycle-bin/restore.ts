import { BerthError } from '../../contract/errors.js';
import type { RecycleBinRestoreResult } from '../../contract/models/recycle-bin.js';
import { containerAction, createContainer, exists, imagePath, inspectContainer, removeContainer } from '../adapter/calls.js';
import type { EngineConnection } from '../client/engine-connection.js';
import { readableActionError } from '../container-actions/readable-error.js';
import { toBerthError } from '../errors.js';
import { findHolder, publishedPorts } from '../run/port-holder.js';
import type { CreateSpec } from './create-config.js';

type Json = Record<string, unknown>;

/** Who publishes a host port (another container), to name it when the start finds the port taken. */
async function portOwners(engine: EngineConnection['engine']): Promise<(hostPort: string) => string | undefined> {
  // Best effort: without the list, the message just won't name the owner.
  const ports = await publishedPorts(engine).catch(() => []);
  return (p) => findHolder(ports, Number(p), 'tcp') ?? findHolder(ports, Number(p), 'udp');
}

/** The user-defined networks the container was on (the engine's own bridge, host and none always exist). */
export function userNetworks(spec: CreateSpec): string[] {
  const names = [spec.primaryEndpoint?.network, ...spec.extraEndpoints.map((e) => e.network)];
  const mode = typeof spec.body.HostConfig === 'object' ? String((spec.body.HostConfig as Json).NetworkMode ?? '') : '';
  if (mode && !/^(default|bridge|host|none|container:.*)$/.test(mode)) names.push(mode);
  return [...new Set(names.filter((n): n is string => !!n && !['bridge', 'host', 'none', 'default'].includes(n)))];
}

/**
 * A network the container was on and that is gone: made again (a bridge network with default settings,
 * labelled as made by a restore) when the user asked for it, else a NOT_FOUND that names the networks in
 * `details.missingNetworks`, so the UI can offer to make them.
 */
async function ensureNetworks(conn: EngineConnection, spec: CreateSpec, create: boolean, signal: AbortSignal): Promise<void> {
  const fail = (err: unknown) => toBerthError(err, conn.endpoint.host);
  const missing: string[] = [];
  for (const name of userNetworks(spec)) {
    try {
      if (!(await exists(conn.engine, `/networks/${encodeURIComponent(name)}`, signal))) missing.push(name);
    } catch (err) {
      throw fail(err);
    }
  }
  if (!missing.length) return;
  const list = missing.join(', ');
  if (!create) {
    const them = missing.length === 1 ? `The network ${list} that ${spec.name} was connected to is gone` : `The networks ${list} that ${spec.name} was connected to are gone`;
    throw new BerthError('NOT_FOUND', `${them} — create ${missing.length === 1 ? 'it' : 'them'} again, or let the restore make ${missing.length === 1 ? 'it' : 'them'} (bridge, default settings)`, { missingNetworks: missing });
  }
  for (const name of missing) {
    try {
      await conn.engine.json<unknown>({ method: 'POST', path: '/networks/create', body: { Name: name, Driver: 'bridge', CheckDuplicate: true, Labels: { 'berth.restored-for': spec.name } }, signal });
    } catch (err) {
      throw new BerthError(fail(err).code, `Could not create the network ${name} for ${spec.name}: ${fail(err).message}`);
    }
  }
}

/**
 * Recreates a removed container from its kept create-config: same name, Config, HostConfig (ports,
 * mounts, restart policy, limits), labels and networks; anonymous volumes that still exist are
 * attached again. Starts it when it was running (unless `start` says otherwise). Clear errors when
 * the name is taken again, the image or a network is gone (a container that cannot be reconnected is
 * removed again). Once the container exists, a step that fails after it does not make the restore a
 * failure: the result says what is missing in `incomplete` (e.g. "not started: Port 8080 is already in use…").
 */
export async function restoreContainer(conn: EngineConnection, spec: CreateSpec, start: boolean, signal: AbortSignal, createNetworks = false): Promise<RecycleBinRestoreResult> {
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

  await ensureNetworks(conn, spec, createNetworks, signal);

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

  for (const ep of spec.extraEndpoints) {
    try {
      await engine.json<unknown>({ method: 'POST', path: `/networks/${encodeURIComponent(ep.network)}/connect`, body: { Container: container.id, EndpointConfig: ep.config }, signal });
    } catch (err) {
      const e = fail(err);
      const undone = await removeContainer(engine, container.id, { force: true }).then(
        () => true,
        (gone: unknown) => fail(gone).code === 'NOT_FOUND',
      );
      if (undone) throw new BerthError(e.code, `Could not reconnect ${spec.name} to its networks: ${e.message}`);
      // It could not be taken back, so it exists: say what it lacks, and leave it stopped.
      const incomplete = [`not connected to ${ep.network}: ${e.message}`];
      if (start) incomplete.push('not started');
      return { containerId: container.id, name: spec.name, started: false, incomplete };
    }
  }

  if (!start) return { containerId: container.id, name: spec.name, started: false };
  try {
    await containerAction(engine, container.id, 'start', {}, signal);
    return { containerId: container.id, name: spec.name, started: true };
  } catch (err) {
    // The container exists again (config restored): a restore that half succeeded, with the reason.
    const berth = fail(err);
    const portOwner = /port is already allocated|address already in use|port \d+ is already in use/i.test(`${berth.message} ${JSON.stringify(berth.details ?? '')}`)
      ? await portOwners(engine)
      : undefined;
    const e = readableActionError(berth, { id: container.id, name: spec.name, portOwner });
    return { containerId: container.id, name: spec.name, started: false, incomplete: [`not started: ${e.message}`] };
  }
}
