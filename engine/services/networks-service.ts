import type { DomainImplementation } from '../../contract/define.js';
import type { networksApi } from '../../contract/domains/networks.js';
import type { NetworkCapabilities } from '../../contract/models/networks.js';
import { engineInfo } from '../adapter/calls.js';
import { connectContainer, createNetwork, disconnectContainer, networkPrunePreview, pruneNetworks, removeNetwork } from '../networks/network-ops.js';
import { engineNetworkReader, type NetworkReader } from '../networks/network-reader.js';
import { watchNetworks } from '../networks/network-source.js';
import type { EngineConnection } from '../client/engine-connection.js';
import type { ServiceDeps } from './service-deps.js';

async function inSwarm(conn: EngineConnection, signal?: AbortSignal): Promise<boolean> {
  const info = await engineInfo<{ Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean } }>(conn.engine, signal);
  return info.Swarm?.LocalNodeState === 'active' && info.Swarm.ControlAvailable === true;
}

/** Networks: list (live), create, remove, prune, connect and disconnect containers. */
export function createNetworksService(deps: Pick<ServiceDeps, 'connections'>): DomainImplementation<typeof networksApi> {
  // One reader per engine connection: its alias cache belongs to that engine.
  const readers = new WeakMap<EngineConnection, NetworkReader>();
  const use = () => {
    const conn = deps.connections.require();
    let reader = readers.get(conn);
    if (!reader) readers.set(conn, (reader = engineNetworkReader(conn.engine)));
    return { conn, engine: conn.engine, reader };
  };

  return {
    list: (_args, ctx) => use().reader.all(ctx.signal),

    watch(_args, ctx) {
      const { conn, reader } = use();
      return watchNetworks(reader, conn.hub, ctx.signal);
    },

    async capabilities(_args, ctx): Promise<NetworkCapabilities> {
      const swarm = await inSwarm(use().conn, ctx.signal);
      return { swarm, drivers: swarm ? ['bridge', 'macvlan', 'ipvlan', 'overlay'] : ['bridge', 'macvlan', 'ipvlan'] };
    },

    async create(spec, ctx) {
      const { conn, engine, reader } = use();
      return createNetwork(engine, reader, spec, spec.driver === 'overlay' ? await inSwarm(conn, ctx.signal) : false, ctx.signal);
    },

    remove: ({ network }, ctx) => {
      const { engine, reader } = use();
      return removeNetwork(engine, reader, network, ctx.signal);
    },

    async prunePreview(_args, ctx) {
      return networkPrunePreview(await use().reader.all(ctx.signal));
    },

    prune: (_args, ctx) => pruneNetworks(use().engine, ctx.signal),

    connect: (args, ctx) => {
      const { engine, reader } = use();
      return connectContainer(engine, reader, args, ctx.signal);
    },

    disconnect: ({ network, container, force }, ctx) => {
      const { engine, reader } = use();
      return disconnectContainer(engine, reader, network, container, force, ctx.signal);
    },
  };
}
