import type { ContainerState, ContainerSummary, PortMapping } from '../../contract/model.js';
import { statusSince } from '../../contract/status-text.js';

/** The fields of one item of GET /containers/json that Berth reads (all optional: the engine varies). */
export interface RawContainer {
  Id?: string;
  Names?: string[];
  Image?: string;
  ImageID?: string;
  Command?: string;
  Created?: number;
  State?: string;
  Status?: string;
  Ports?: { IP?: string; PrivatePort?: number; PublicPort?: number; Type?: string }[];
  Labels?: Record<string, string> | null;
  HostConfig?: { NetworkMode?: string } | null;
}

const states: readonly ContainerState[] = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'];
const COMPOSE_PROJECT = 'com.docker.compose.project';
const COMPOSE_SERVICE = 'com.docker.compose.service';

/** Map one engine container to the wire shape. */
export function mapContainerSummary(raw: RawContainer, readAt: number = Date.now()): ContainerSummary {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw.Labels ?? {})) if (typeof v === 'string') labels[k] = v;
  const state = (raw.State ?? '').toLowerCase();
  const summary: ContainerSummary = {
    id: raw.Id ?? '',
    name: containerName(raw.Names, raw.Id),
    image: raw.Image ?? '',
    imageId: raw.ImageID ?? '',
    command: raw.Command ?? '',
    // An unknown state is shown as "dead": not running and not startable as is.
    state: (states as readonly string[]).includes(state) ? (state as ContainerState) : 'dead',
    status: raw.Status ?? '',
    ports: mapPorts(raw.Ports ?? []),
    created: typeof raw.Created === 'number' ? raw.Created * 1000 : 0,
    labels,
  };
  const since = statusSince(summary.status, readAt);
  if (since !== undefined) summary.statusSince = since;
  if (labels[COMPOSE_PROJECT]) summary.composeProject = labels[COMPOSE_PROJECT];
  if (labels[COMPOSE_SERVICE]) summary.composeService = labels[COMPOSE_SERVICE];
  if (raw.HostConfig?.NetworkMode) summary.networkMode = raw.HostConfig.NetworkMode;
  return summary;
}

/**
 * The container's own name: the engine lists "/name" plus, for legacy links, "/other/alias" entries;
 * take the one without an inner slash.
 */
export function containerName(names: readonly string[] | undefined, id?: string): string {
  const clean = (names ?? []).map((n) => n.replace(/^\//, ''));
  return clean.find((n) => n && !n.includes('/')) ?? clean[0] ?? (id ?? '').slice(0, 12);
}

/**
 * Ports, deduplicated and sorted. The engine lists a port published on all interfaces twice, once for
 * 0.0.0.0 and once for ::; that pair becomes one mapping on 0.0.0.0. Ports bound to specific addresses
 * stay distinct. Sorted by private port, protocol, public port, then address (IPv4 first).
 */
export function mapPorts(raw: NonNullable<RawContainer['Ports']>): PortMapping[] {
  const byKey = new Map<string, PortMapping>();
  for (const p of raw) {
    if (typeof p.PrivatePort !== 'number') continue;
    const type = p.Type === 'udp' || p.Type === 'sctp' ? p.Type : 'tcp';
    const wildcard = p.IP === '0.0.0.0' || p.IP === '::';
    const ipKey = wildcard ? '*' : (p.IP ?? '');
    const key = `${p.PrivatePort}/${type}|${p.PublicPort ?? ''}|${ipKey}`;
    const mapping: PortMapping = { privatePort: p.PrivatePort, type };
    if (p.IP) mapping.ip = wildcard ? '0.0.0.0' : p.IP;
    if (typeof p.PublicPort === 'number') mapping.publicPort = p.PublicPort;
    if (!byKey.has(key)) byKey.set(key, mapping);
  }
  return [...byKey.values()].sort(
    (a, b) => a.privatePort - b.privatePort || cmp(a.type, b.type) || (a.publicPort ?? 0) - (b.publicPort ?? 0) || cmp(ipSortKey(a.ip), ipSortKey(b.ip)),
  );
}

/** IPv4 before IPv6, then by text. */
function ipSortKey(ip: string | undefined): string {
  return `${ip?.includes(':') ? 1 : 0}${ip ?? ''}`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
