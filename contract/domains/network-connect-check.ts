import { contains, lastAddress, parseCidr, parseIp, type Cidr, type IpAddress } from '../cidr.js';
import type { NetworkIpamConfig, NetworkSummary } from '../models/networks.js';

export interface ConnectIssue {
  field: 'container' | 'ipv4' | 'ipv6' | 'aliases';
  message: string;
}

export interface ConnectRequest {
  container: string;
  aliases: readonly string[];
  ipv4?: string;
  ipv6?: string;
}

const aliasPattern = /^[a-zA-Z0-9]([a-zA-Z0-9_.-]*[a-zA-Z0-9])?$/;

/**
 * What keeps a container off other networks: its mode "host" or "container:<id>" (it shares that
 * network stack for good), or being on the "none" network now (it can leave "none", then join others);
 * host-or-container when only the engine's refusal is known ("sharing network namespace").
 */
export type NetworkModeBar = 'none' | 'host' | 'container' | 'host-or-container';

/** A container as a connect check knows it: its name (for messages), network mode and the names of the networks it is on, when known. */
export interface ConnectCandidate {
  id: string;
  name: string;
  /** HostConfig.NetworkMode. */
  networkMode?: string;
  networks?: readonly string[];
}

/** Why this container cannot join another network, if it cannot; undefined for a container on bridge or named networks. */
export function networkModeBar(c: Pick<ConnectCandidate, 'networkMode' | 'networks'>): NetworkModeBar | undefined {
  if (c.networkMode === 'host' || c.networks?.includes('host')) return 'host';
  if (c.networkMode?.startsWith('container:')) return 'container';
  if (c.networks?.includes('none')) return 'none';
  return undefined;
}

/** What such a container does, said after its name (one wording for the back end's refusal and the UI's choices). */
const barPhrase: Record<NetworkModeBar, string> = {
  none: 'runs with networking turned off (the "none" network)',
  host: "uses the host's network",
  container: "uses another container's network",
  'host-or-container': "uses the host's network (or another container's)",
};

/** The refusal to connect a container that a bar keeps off other networks, with what to do instead. */
export const cannotJoinMessage = (who: string, bar: NetworkModeBar, network: string): string =>
  `${who} ${barPhrase[bar]}, so it cannot join ${network}; ${bar === 'none' ? 'disconnect it from "none" first' : 'create it again on a network instead'}`;

/** The refusal to disconnect a container from the host network. */
export const cannotLeaveHostMessage = (who: string): string => `${who} ${barPhrase.host}, which it cannot leave while it exists; create it again on another network instead`;

/** "host" and "none" are taken only when a container is created (its network mode); nothing connects to them later. */
export const joinsOnlyAtCreate = (network: { name: string }): boolean => network.name === 'host' || network.name === 'none';

/** Why nothing can be connected to such a network (see joinsOnlyAtCreate). */
export const onlyAtCreateMessage = (network: string): string => `A container is put on "${network}" only when it is created (docker run --network ${network}); it cannot be connected later`;

const alreadyConnected = (network: string) => `is already connected to ${network}`;

/** The refusal to connect a container already on the network. */
export const alreadyConnectedMessage = (who: string, network: string): string => `${who} ${alreadyConnected(network)}`;

/**
 * Why this container cannot join this network at all, said after its name (e.g. "is already connected
 * to app"), for a list of choices; undefined when it can.
 */
export function joinBar(container: ConnectCandidate, network: NetworkSummary): string | undefined {
  if (network.containers.some((c) => c.id === container.id)) return alreadyConnected(network.name);
  const bar = networkModeBar(container);
  return bar && barPhrase[bar];
}

/** Whether a container state holds a network endpoint (and so counts as "using" a network). */
export const holdsEndpoint = (state: string): boolean => state === 'running' || state === 'paused' || state === 'restarting';

/**
 * The gateway a network uses on this block: the one in its IPAM config, or, when none was given (older
 * engines then report none), the one the engine picked: the first address of the IP range, or of the
 * subnet, that is not the subnet's own address (e.g. 10.213.0.1 for 10.213.0.0/24).
 */
function gatewayOf(config: NetworkIpamConfig, block: Cidr): { ip: IpAddress; picked: boolean } | undefined {
  if (config.gateway) {
    const ip = parseIp(config.gateway);
    return ip ? { ip, picked: false } : undefined;
  }
  const range = config.ipRange ? parseCidr(config.ipRange) : undefined;
  const from = range?.ok && range.cidr.version === block.version && range.cidr.network >= block.network ? range.cidr.network : block.network;
  const value = from === block.network ? from + 1n : from;
  return value <= lastAddress(block) ? { ip: { version: block.version, value }, picked: true } : undefined;
}

/**
 * Why the engine cannot give this address of the block to a container, if it cannot: it is the block's
 * own (network) address or, on IPv4, its broadcast address (blocks with room for hosts: not /31, /32,
 * /127, /128), or the network's gateway.
 */
function reservedIssue(text: string, ip: IpAddress, block: Cidr, config: NetworkIpamConfig, network: string): string | undefined {
  const hostBits = (block.version === 4 ? 32 : 128) - block.prefix;
  if (hostBits > 1 && ip.value === block.network) return `${text} is the network address of the subnet ${block.text}: the engine gives it to no container`;
  if (hostBits > 1 && block.version === 4 && ip.value === lastAddress(block)) return `${text} is the broadcast address of the subnet ${block.text}: the engine gives it to no container`;
  const gateway = gatewayOf(config, block);
  if (gateway && gateway.ip.version === ip.version && gateway.ip.value === ip.value) {
    return gateway.picked ? `${text} is the gateway of ${network} (the engine picked it)` : `${text} is the gateway of ${network}`;
  }
  return undefined;
}

/**
 * What is wrong with connecting this container to this network, before asking the engine: already
 * connected, a network mode that keeps it off other networks (none, host, another container's), aliases
 * on a network that has no DNS (the default bridge), a static address that is not an address, not of the
 * network's kind, outside its subnets, the subnet's own or broadcast address, the gateway (set or picked
 * by the engine), taken, or on a network without a configured subnet.
 */
export function connectIssues(req: ConnectRequest, network: NetworkSummary, container?: Omit<ConnectCandidate, 'id'>): ConnectIssue[] {
  const issues: ConnectIssue[] = [];
  const who = container?.name ?? req.container;
  const bar = container && networkModeBar(container);
  if (!req.container.trim()) issues.push({ field: 'container', message: 'Choose a container to connect' });
  else if (network.containers.some((c) => c.id === req.container || c.name === req.container || (/^[0-9a-f]{12,64}$/.test(req.container) && c.id.startsWith(req.container)))) {
    issues.push({ field: 'container', message: alreadyConnectedMessage(who, network.name) });
  } else if (bar) {
    issues.push({ field: 'container', message: cannotJoinMessage(who, bar, network.name) });
  }
  if (joinsOnlyAtCreate(network)) issues.push({ field: 'container', message: onlyAtCreateMessage(network.name) });
  const badAlias = req.aliases.find((a) => !aliasPattern.test(a));
  if (badAlias !== undefined) issues.push({ field: 'aliases', message: `The alias "${badAlias}" is not a DNS name: use letters, digits, "_", "." and "-", starting and ending with a letter or digit` });
  else if (req.aliases.length && network.name === 'bridge') issues.push({ field: 'aliases', message: 'The default "bridge" network has no DNS, so aliases do not work there; use a network you created' });

  for (const field of ['ipv4', 'ipv6'] as const) {
    const text = req[field]?.trim();
    if (!text) continue;
    const ip = parseIp(text);
    const version = field === 'ipv4' ? 4 : 6;
    if (!ip) {
      issues.push({ field, message: `"${text}" is not an IPv${version} address` });
      continue;
    }
    if (ip.version !== version) {
      issues.push({ field, message: `"${text}" is an IPv${ip.version} address; put it under IPv${ip.version}` });
      continue;
    }
    const blocks = network.ipam.flatMap((config) => {
      const r = config.subnet ? parseCidr(config.subnet) : undefined;
      return r?.ok && r.cidr.version === version ? [{ config, block: r.cidr }] : [];
    });
    const home = blocks.find((b) => contains(b.block, ip));
    const reserved = home && reservedIssue(text, ip, home.block, home.config, network.name);
    if (network.builtIn || !blocks.length) {
      issues.push({ field, message: `A static address needs a network created with ${version === 4 ? 'a' : 'an IPv6'} subnet; ${network.name} has none you set` });
    } else if (!home) {
      issues.push({ field, message: `${text} is outside the subnet${blocks.length > 1 ? 's' : ''} of ${network.name} (${blocks.map((b) => b.block.text).join(', ')})` });
    } else if (network.containers.some((c) => c[field] === text)) {
      const owner = network.containers.find((c) => c[field] === text)!;
      issues.push({ field, message: `${text} is already used by ${owner.name} on ${network.name}` });
    } else if (reserved) {
      issues.push({ field, message: reserved });
    }
  }
  return issues;
}
