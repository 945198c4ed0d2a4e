import type { NetworkSummary } from '../../../../contract/models/networks.js';
import { compareNames } from '../containers/compare-plain.js';

/** Networks in the list: the engine's own last, then by name as people read it (net-2 before net-10); filtered by a search over name, driver, subnet, container, label. */
export function selectNetworkRows(networks: Iterable<NetworkSummary>, query: string): NetworkSummary[] {
  const q = query.trim().toLowerCase();
  const rows = [...networks].filter((n) => !q || searchText(n).includes(q));
  return rows.sort((a, b) => Number(a.builtIn) - Number(b.builtIn) || compareNames(a.name, b.name));
}

function searchText(n: NetworkSummary): string {
  return [
    n.name,
    n.shortId,
    n.driver,
    n.scope,
    ...n.ipam.flatMap((c) => [c.subnet, c.gateway, c.ipRange]),
    ...n.containers.flatMap((c) => [c.name, c.ipv4, c.ipv6, ...c.aliases]),
    ...Object.entries(n.labels).map(([k, v]) => `${k}=${v}`),
  ]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
}

const isV6 = (cidr: string | undefined) => !!cidr?.includes(':');

/** "10.213.0.0/24 via 10.213.0.1" for IPv4 (version 4) or IPv6 (version 6); empty when none. */
export function blocksOf(n: NetworkSummary, version: 4 | 6): string[] {
  return n.ipam
    .filter((c) => c.subnet && isV6(c.subnet) === (version === 6))
    .map((c) => `${c.subnet}${c.gateway ? ` via ${c.gateway}` : ''}${c.ipRange ? ` (range ${c.ipRange})` : ''}`);
}

/** The flags the list shows: internal, attachable, ingress, IPv6. */
export function flagsOf(n: NetworkSummary): string[] {
  return [n.internal && 'internal', n.attachable && 'attachable', n.ingress && 'ingress', n.ipv6 && 'IPv6'].filter((x): x is string => !!x);
}
