import { BerthError } from '../../contract/errors.js';
import { alreadyConnectedMessage, cannotJoinMessage, cannotLeaveHostMessage, connectIssues, holdsEndpoint, type ConnectCandidate } from '../../contract/domains/network-connect-check.js';
import { networkCreateIssues, type NetworkCreateSpec } from '../../contract/domains/network-create-spec.js';
import type { NetworkPrunePreview, NetworkPruneResult, NetworkSummary } from '../../contract/models/networks.js';
import type { EngineAdapter } from '../adapter/engine-adapter.js';
import { toBerthError } from '../errors.js';
import { describeContainers } from '../images/image-remove.js';
import type { NetworkReader } from './network-reader.js';

const networkPath = (ref: string) => `/networks/${encodeURIComponent(ref)}`;

function issuesError(issues: readonly { field: string; message: string }[]): BerthError {
  return new BerthError('VALIDATION', issues.map((i) => i.message).join('; '), { issues });
}

/** The network by id, id prefix or name, as the engine resolves it; NOT_FOUND with its name otherwise. */
export async function findNetwork(reader: NetworkReader, ref: string, signal?: AbortSignal): Promise<NetworkSummary> {
  const n = (await reader.some([ref], signal)).get(ref);
  if (!n) throw new BerthError('NOT_FOUND', `There is no network "${ref}"`);
  return n;
}

/** POST /networks/create after the same checks the dialog makes, against the engine's networks now. */
export async function createNetwork(engine: EngineAdapter, reader: NetworkReader, spec: NetworkCreateSpec, swarm: boolean, signal?: AbortSignal): Promise<NetworkSummary> {
  const issues = networkCreateIssues(spec, { networks: await reader.all(signal), swarm });
  if (issues.length) throw issuesError(issues);
  const config: Record<string, string>[] = [];
  if (spec.subnet) config.push({ Subnet: spec.subnet, ...(spec.gateway ? { Gateway: spec.gateway } : {}), ...(spec.ipRange ? { IPRange: spec.ipRange } : {}) });
  if (spec.subnet6) config.push({ Subnet: spec.subnet6, ...(spec.gateway6 ? { Gateway: spec.gateway6 } : {}) });
  try {
    const r = await engine.json<{ Id: string }>({
      method: 'POST',
      path: '/networks/create',
      body: {
        Name: spec.name,
        Driver: spec.driver,
        CheckDuplicate: true,
        Internal: spec.internal,
        Attachable: spec.attachable || undefined,
        EnableIPv6: spec.ipv6,
        IPAM: { Driver: 'default', Config: config, Options: {} },
        Options: spec.options,
        Labels: spec.labels,
      },
      signal,
    });
    return await findNetwork(reader, r.Id, signal);
  } catch (err) {
    const e = toBerthError(err);
    const m = e.message;
    const vlan = /invalid subinterface vlan name (\S+)/.exec(m);
    if (vlan || /parent interface|no such device|link not found/i.test(m)) {
      const text = `The parent interface ${vlan ? `"${vlan[1]!.replace(/,$/, '')}" ` : ''}does not exist on the engine's host (a VLAN sub-interface is written like eth0.10)`;
      throw new BerthError('VALIDATION', text, { issues: [{ field: 'options', message: text }], engineMessage: m });
    }
    if ((spec.driver === 'macvlan' || spec.driver === 'ipvlan') && /operation not supported/i.test(m) && !spec.options['parent']) {
      const text = `The engine's host cannot make a ${spec.driver} network on its own (operation not supported): give the driver option parent=<host interface>, e.g. parent=eth0`;
      throw new BerthError('VALIDATION', text, { issues: [{ field: 'options', message: text }], engineMessage: m });
    }
    if (/Pool overlaps|overlaps with/i.test(m)) throw new BerthError('CONFLICT', `The subnet overlaps a network or route on the engine's host: ${m}`, { issues: [{ field: 'subnet', message: m }] });
    throw e;
  }
}

/** DELETE /networks/{id}: the engine's own networks are protected; running containers attached are named. */
export async function removeNetwork(engine: EngineAdapter, reader: NetworkReader, ref: string, signal?: AbortSignal): Promise<void> {
  const n = await findNetwork(reader, ref, signal);
  if (n.builtIn) throw new BerthError('CONFLICT', `"${n.name}" is one of the engine's own networks; Berth does not remove it`, { reason: 'built-in' });
  const using = n.containers.filter((c) => holdsEndpoint(c.state));
  if (using.length) {
    throw new BerthError('CONFLICT', `Network ${n.name} is used by ${using.length === 1 ? 'container' : 'containers'} ${describeContainers(using)} — disconnect or stop ${using.length === 1 ? 'it' : 'them'} first`, {
      reason: 'in-use',
      containers: using.map((c) => ({ id: c.id, name: c.name, state: c.state })),
    });
  }
  try {
    await engine.json({ method: 'DELETE', path: networkPath(n.id), signal });
  } catch (err) {
    throw toBerthError(err);
  }
}

/** What POST /networks/prune would remove: user-defined networks without an endpoint (no running container). */
export function networkPrunePreview(networks: readonly NetworkSummary[]): NetworkPrunePreview {
  return {
    networks: networks
      .filter((n) => !n.builtIn && !n.containers.some((c) => holdsEndpoint(c.state)))
      .map((n) => ({ id: n.id, name: n.name, driver: n.driver, stopped: n.containers.map((c) => c.name) })),
  };
}

export async function pruneNetworks(engine: EngineAdapter, signal?: AbortSignal): Promise<NetworkPruneResult> {
  try {
    const r = await engine.json<{ NetworksDeleted?: string[] | null }>({ method: 'POST', path: '/networks/prune', signal });
    return { deleted: r.NetworksDeleted ?? [] };
  } catch (err) {
    throw toBerthError(err);
  }
}

export interface ConnectArgs {
  network: string;
  container: string;
  aliases: string[];
  ipv4?: string;
  ipv6?: string;
}

/**
 * A container's name for a message (the UI sends ids), its network mode and networks; the reference
 * itself, and no mode, when the engine cannot say (it then answers the request itself, as it sees fit).
 */
async function containerFacts(engine: EngineAdapter, ref: string, signal?: AbortSignal): Promise<Omit<ConnectCandidate, 'id'>> {
  try {
    const c = await engine.json<{ Name?: string; HostConfig?: { NetworkMode?: string }; NetworkSettings?: { Networks?: Record<string, unknown> | null } }>({
      method: 'GET',
      path: `/containers/${encodeURIComponent(ref)}/json`,
      signal,
    });
    return {
      name: c.Name?.replace(/^\//, '') || ref,
      networks: Object.keys(c.NetworkSettings?.Networks ?? {}),
      ...(c.HostConfig?.NetworkMode ? { networkMode: c.HostConfig.NetworkMode } : {}),
    };
  } catch {
    return { name: ref };
  }
}

/** POST /networks/{id}/connect with aliases and a static address, checked first (see network-connect-check.ts). */
export async function connectContainer(engine: EngineAdapter, reader: NetworkReader, args: ConnectArgs, signal?: AbortSignal): Promise<void> {
  const n = await findNetwork(reader, args.network, signal);
  const container = await containerFacts(engine, args.container, signal);
  const issues = connectIssues(args, n, container);
  if (issues.length) throw issuesError(issues);
  const ipam = { ...(args.ipv4 ? { IPv4Address: args.ipv4 } : {}), ...(args.ipv6 ? { IPv6Address: args.ipv6 } : {}) };
  try {
    await engine.json({
      method: 'POST',
      path: `${networkPath(n.id)}/connect`,
      body: { Container: args.container, EndpointConfig: { Aliases: args.aliases.length ? args.aliases : undefined, IPAMConfig: Object.keys(ipam).length ? ipam : undefined } },
      signal,
    });
  } catch (err) {
    const e = toBerthError(err);
    if (e.code === 'NOT_FOUND' && /container/i.test(e.message)) throw new BerthError('NOT_FOUND', `There is no container "${args.container}"`);
    if (/already exists|already attached/i.test(e.message)) throw new BerthError('CONFLICT', alreadyConnectedMessage(container.name, n.name), { engineMessage: e.message });
    if (/Address already in use/i.test(e.message)) throw new BerthError('CONFLICT', `The address ${args.ipv4 ?? args.ipv6} is already in use on ${n.name}`, { engineMessage: e.message });
    // Checked above when the container's mode was read; these are for an engine that refuses anyway.
    if (/private \(none\) mode/i.test(e.message)) throw new BerthError('CONFLICT', cannotJoinMessage(container.name, 'none', n.name), { engineMessage: e.message, reason: 'isolated' });
    if (/sharing network namespace/i.test(e.message)) throw new BerthError('CONFLICT', cannotJoinMessage(container.name, 'host-or-container', n.name), { engineMessage: e.message, reason: 'shared-namespace' });
    throw e;
  }
}

/** POST /networks/{id}/disconnect. */
export async function disconnectContainer(engine: EngineAdapter, reader: NetworkReader, network: string, container: string, force: boolean, signal?: AbortSignal): Promise<void> {
  const n = await findNetwork(reader, network, signal);
  try {
    await engine.json({ method: 'POST', path: `${networkPath(n.id)}/disconnect`, body: { Container: container, Force: force }, signal });
  } catch (err) {
    const e = toBerthError(err);
    if (/is not connected/i.test(e.message)) throw new BerthError('CONFLICT', `${(await containerFacts(engine, container, signal)).name} is not connected to ${n.name}`, { engineMessage: e.message });
    if (/cannot be disconnected from host network/i.test(e.message)) {
      throw new BerthError('CONFLICT', cannotLeaveHostMessage((await containerFacts(engine, container, signal)).name), { engineMessage: e.message, reason: 'host-network' });
    }
    if (e.code === 'NOT_FOUND' && /container/i.test(e.message)) throw new BerthError('NOT_FOUND', `There is no container "${container}"`);
    throw e;
  }
}
