import { join } from 'node:path';
import type { DomainImplementation } from '../../contract/define.js';
import type { containerActionsApi } from '../../contract/domains/container-actions.js';
import { BerthError } from '../../contract/errors.js';
import type { ContainerActionResult } from '../../contract/models/container-actions.js';
import { containerAction, inspectContainer, removeContainer, type RawContainerInspect } from '../adapter/calls.js';
import type { EngineAdapter, QueryValue } from '../adapter/engine-adapter.js';
import type { EngineConnection } from '../client/engine-connection.js';
import { readableActionError } from '../container-actions/readable-error.js';
import { removalPlanFromInspect } from '../container-actions/removal-plan.js';
import { toBerthError } from '../errors.js';
import { createSpecFromInspect } from '../recycle-bin/create-config.js';
import type { RecycleBinStore } from '../recycle-bin/recycle-bin-store.js';
import { findHolder, publishedPorts } from '../run/port-holder.js';
import type { ServiceDeps } from './service-deps.js';

type Inspect = RawContainerInspect;

/** `<dataDir>/recycle-bin`, shared by this service (saves) and the recycle-bin service (lists, restores). */
export function recycleBinDir(dataDir: string): string {
  return join(dataDir, 'recycle-bin');
}

/**
 * Container lifecycle actions. Each one inspects first (for the name used in messages and to tell
 * "already in that state" apart), then acts; engine errors come back in readable words. `remove`
 * keeps the full create-config in the recycle bin BEFORE removing, and drops it again if removal fails.
 */
export function createContainerActionsService(deps: ServiceDeps, bin: RecycleBinStore): DomainImplementation<typeof containerActionsApi> {
  const inspect = async (conn: EngineConnection, id: string, signal: AbortSignal): Promise<Inspect> => {
    try {
      return await inspectContainer(conn.engine, id, signal);
    } catch (err) {
      const e = toBerthError(err, conn.endpoint.host);
      if (e.code === 'NOT_FOUND') throw new BerthError('NOT_FOUND', `Container ${id} no longer exists`);
      throw e;
    }
  };

  /** Who publishes a host port (another container), for port conflict messages. */
  const portOwners = async (conn: EngineConnection): Promise<(hostPort: string) => string | undefined> => {
    // Best effort: without the list, the message just won't name the owner.
    const ports = await publishedPorts(conn.engine).catch(() => []);
    return (p) => findHolder(ports, Number(p), 'tcp') ?? findHolder(ports, Number(p), 'udp');
  };

  const act = async (
    id: string,
    signal: AbortSignal,
    run: (engine: EngineAdapter, id: string, info: Inspect) => Promise<unknown>,
  ): Promise<ContainerActionResult> => {
    const conn = deps.connections.require();
    const info = await inspect(conn, id, signal);
    const name = info.Name.replace(/^\//, '');
    try {
      await run(conn.engine, info.Id, info);
      return { id: info.Id, name, changed: true };
    } catch (err) {
      if ((err as { statusCode?: unknown }).statusCode === 304) return { id: info.Id, name, changed: false };
      const berth = toBerthError(err, conn.endpoint.host);
      const portOwner = /port is already allocated|address already in use|port \d+ is already in use/i.test(`${berth.message} ${JSON.stringify(berth.details ?? '')}`) ? await portOwners(conn) : undefined;
      throw readableActionError(berth, { id: info.Id, name, portOwner });
    }
  };

  /** POST /containers/{id}/{action} on the current engine. */
  const post = (action: string, query: Record<string, QueryValue>, signal: AbortSignal) => (engine: EngineAdapter, id: string) =>
    containerAction(engine, id, action, query, signal);

  return {
    start: ({ id }, ctx) => act(id, ctx.signal, post('start', {}, ctx.signal)),
    stop: ({ id, timeout }, ctx) => act(id, ctx.signal, post('stop', { t: timeout }, ctx.signal)),
    restart: ({ id, timeout }, ctx) => act(id, ctx.signal, post('restart', { t: timeout }, ctx.signal)),
    pause: ({ id }, ctx) =>
      act(id, ctx.signal, (engine, c, info) => {
        if (info.State.Paused) throw new BerthError('CONFLICT', 'Container is already paused');
        return post('pause', {}, ctx.signal)(engine, c);
      }),
    unpause: ({ id }, ctx) => act(id, ctx.signal, post('unpause', {}, ctx.signal)),
    kill: ({ id, signal }, ctx) => act(id, ctx.signal, post('kill', { signal: signal ?? 'SIGKILL' }, ctx.signal)),
    removalPlan: async ({ id }, ctx) => {
      const conn = deps.connections.require();
      return removalPlanFromInspect(await inspect(conn, id, ctx.signal));
    },
    remove: async ({ id, volumes, force }, ctx) => {
      const conn = deps.connections.require();
      const info = await inspect(conn, id, ctx.signal);
      const name = info.Name.replace(/^\//, '');
      if ((info.State.Running || info.State.Paused || info.State.Restarting) && !force) {
        throw new BerthError('CONFLICT', 'Cannot remove a running container — stop it first or use Force', { name });
      }
      let entryId: string | undefined;
      try {
        entryId = (await bin.save(createSpecFromInspect(info))).id;
      } catch (err) {
        deps.log(`recycle bin: could not keep the configuration of ${name}: ${String(err)}`);
        throw new BerthError('INTERNAL', `Berth could not keep the configuration of ${name} in Recently removed, so it was not removed: ${err instanceof Error ? err.message : String(err)}`);
      }
      try {
        await removeContainer(conn.engine, info.Id, { volumes, force }, ctx.signal);
      } catch (err) {
        await bin.delete(entryId, true).catch(() => undefined);
        throw readableActionError(toBerthError(err, conn.endpoint.host), { id: info.Id, name });
      }
      return { id: info.Id, name, changed: true, recycleBinEntryId: entryId };
    },
  };
}
