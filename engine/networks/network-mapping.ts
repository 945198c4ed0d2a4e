import type { NetworkContainerRef, NetworkSummary } from '../../contract/models/networks.js';
import { containerName } from '../mapping/container-summary.js';
import { isBerthHelper } from '../volumes/helper-label.js';

/** GET /networks and GET /networks/{id}: the fields Berth reads. */
export interface RawNetwork {
  Id?: string;
  Name?: string;
  Driver?: string;
  Scope?: string;
  Created?: string;
  EnableIPv6?: boolean;
  Internal?: boolean;
  Attachable?: boolean;
  Ingress?: boolean;
  IPAM?: { Driver?: string; Config?: { Subnet?: string; Gateway?: string; IPRange?: string }[] | null };
  Options?: Record<string, string> | null;
  Labels?: Record<string, string> | null;
}

/** One endpoint of GET /containers/json's NetworkSettings.Networks. */
export interface RawEndpoint {
  NetworkID?: string;
  EndpointID?: string;
  IPAddress?: string;
  GlobalIPv6Address?: string;
  MacAddress?: string;
}

/** GET /containers/json?all=1: the fields the network list reads. */
export interface RawNetworkedContainer {
  Id?: string;
  Names?: string[];
  State?: string;
  Labels?: Record<string, string> | null;
  NetworkSettings?: { Networks?: Record<string, RawEndpoint> | null } | null;
}

/** The engine's own networks: never removed by Berth, and not offered to prune. */
export const BUILT_IN_NETWORKS: ReadonlySet<string> = new Set(['bridge', 'host', 'none', 'docker_gwbridge', 'ingress']);

export function isBuiltIn(raw: Pick<RawNetwork, 'Name' | 'Ingress'>): boolean {
  return BUILT_IN_NETWORKS.has(raw.Name ?? '') || raw.Ingress === true;
}

/** Whether a container's aliases on this network are worth an inspect (only user-defined networks have any). */
export function hasAliases(networkName: string): boolean {
  return !BUILT_IN_NETWORKS.has(networkName);
}

const strings = (o: Record<string, unknown> | null | undefined): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(o ?? {})) if (typeof v === 'string') out[k] = v;
  return out;
};

/**
 * Which containers are on which network (by network id), from one container list. `aliases` gives
 * an endpoint's aliases when known (a running container's, read by inspect); sorted by name.
 */
export function attachments(
  containers: readonly RawNetworkedContainer[],
  aliases: (endpointId: string) => string[] | undefined,
  idByName: ReadonlyMap<string, string>,
): Map<string, NetworkContainerRef[]> {
  const out = new Map<string, NetworkContainerRef[]>();
  for (const c of containers) {
    // Berth's own short-lived helpers are hidden from every list.
    if (!c.Id || isBerthHelper(c.Labels)) continue;
    for (const [name, ep] of Object.entries(c.NetworkSettings?.Networks ?? {})) {
      // A container never started has no NetworkID yet: its network is known by name only.
      const networkId = ep?.NetworkID || idByName.get(name);
      if (!ep || !networkId) continue;
      const ref: NetworkContainerRef = { id: c.Id, name: containerName(c.Names, c.Id), state: (c.State ?? '').toLowerCase(), aliases: [] };
      if (ep.IPAddress) ref.ipv4 = ep.IPAddress;
      if (ep.GlobalIPv6Address) ref.ipv6 = ep.GlobalIPv6Address;
      if (ep.MacAddress) ref.macAddress = ep.MacAddress;
      const own = ep.EndpointID ? aliases(ep.EndpointID) : undefined;
      // The engine adds the container's short id as an alias on every user-defined network: not news.
      if (own) ref.aliases = own.filter((a) => !c.Id!.startsWith(a));
      const list = out.get(networkId) ?? [];
      list.push(ref);
      out.set(networkId, list);
    }
  }
  for (const list of out.values()) list.sort((a, b) => a.name.localeCompare(b.name));
  return out;
}

export function mapNetwork(raw: RawNetwork, containers: NetworkContainerRef[]): NetworkSummary {
  const id = raw.Id ?? '';
  const created = raw.Created ? Date.parse(raw.Created) : NaN;
  return {
    id,
    shortId: id.slice(0, 12),
    name: raw.Name ?? id.slice(0, 12),
    driver: raw.Driver ?? '',
    scope: raw.Scope ?? 'local',
    internal: raw.Internal === true,
    attachable: raw.Attachable === true,
    ingress: raw.Ingress === true,
    ipv6: raw.EnableIPv6 === true,
    created: Number.isFinite(created) ? created : 0,
    ipam: (raw.IPAM?.Config ?? []).map((c) => ({
      ...(c.Subnet ? { subnet: c.Subnet } : {}),
      ...(c.Gateway ? { gateway: c.Gateway } : {}),
      ...(c.IPRange ? { ipRange: c.IPRange } : {}),
    })),
    labels: strings(raw.Labels),
    options: strings(raw.Options),
    containers,
    builtIn: isBuiltIn(raw),
  };
}

/** Attached containers equal (the fields shown), so an unchanged network is not sent again. */
export function sameContainers(a: readonly NetworkContainerRef[], b: readonly NetworkContainerRef[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i]!;
      return x.id === y.id && x.name === y.name && x.state === y.state && x.ipv4 === y.ipv4 && x.ipv6 === y.ipv6 && x.macAddress === y.macAddress && x.aliases.join() === y.aliases.join();
    })
  );
}
