/** Wire shapes of the networks domain (list, create, remove, prune, connect, disconnect). */

export type NetworkDriver = 'bridge' | 'macvlan' | 'ipvlan' | 'overlay';

/** One IPAM block of a network, as the engine holds it. */
export interface NetworkIpamConfig {
  subnet?: string;
  gateway?: string;
  ipRange?: string;
}

/** A container attached to a network (any state; only a running one has addresses). */
export interface NetworkContainerRef {
  id: string;
  name: string;
  /** created, running, paused, restarting, removing, exited, dead */
  state: string;
  /** Without the prefix length, e.g. "10.213.0.2"; absent while the container is not running. */
  ipv4?: string;
  ipv6?: string;
  macAddress?: string;
  /** DNS aliases on this network, other than the container's own short id the engine adds. */
  aliases: string[];
}

export interface NetworkSummary {
  id: string;
  /** First 12 hex digits of the id. */
  shortId: string;
  name: string;
  driver: string;
  /** local, swarm, global */
  scope: string;
  internal: boolean;
  attachable: boolean;
  ingress: boolean;
  ipv6: boolean;
  /** ms since the epoch. */
  created: number;
  ipam: NetworkIpamConfig[];
  labels: Record<string, string>;
  /** Driver options, e.g. com.docker.network.bridge.name or parent. */
  options: Record<string, string>;
  containers: NetworkContainerRef[];
  /** The engine's own networks (bridge, host, none, and a swarm's ingress/docker_gwbridge): Berth never removes them. */
  builtIn: boolean;
}

/** What can be created on this engine now. */
export interface NetworkCapabilities {
  /** Overlay networks need the engine to be a swarm manager. */
  swarm: boolean;
  drivers: NetworkDriver[];
}

export interface NetworkPrunePreview {
  /** The user-defined networks no running container uses: what a prune removes (as the engine decides it). */
  networks: { id: string; name: string; driver: string; /** Stopped containers attached, which lose the network. */ stopped: string[] }[];
}

export interface NetworkPruneResult {
  deleted: string[];
}
