import type { ContainerPorts, PortForwardManager, PublishedPort } from './port-forward-manager.js';

/** The engine event hub's items (engine/streams/event-hub.ts `HubItem`), structurally. */
export type FeedItem =
  | { kind: 'event'; event: { type: string; action: string; id: string } }
  | { kind: 'resumed'; downMs?: number };

export interface EnginePortFeedDeps {
  /** The container's published ports if it is running now, else undefined (GET /containers/{id}/json). */
  lookup(id: string): Promise<ContainerPorts | undefined>;
  /** Every running container with its published ports (GET /containers/json). */
  snapshot(): Promise<ContainerPorts[]>;
  log?: (line: string) => void;
}

const DOWN = new Set(['die', 'stop', 'kill', 'destroy']);

/**
 * Feeds the manager from the engine's events, with no polling: `start` → look up the ports → up;
 * die/stop/destroy → down; a reconnect of the event stream (the engine restarted, or Berth lost it for a
 * while) → resync from a snapshot. Items are handled in arrival order, lookups included, so a `die`
 * arriving during a `start`'s lookup is applied after it.
 */
export class EnginePortFeed {
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly manager: PortForwardManager,
    private readonly deps: EnginePortFeedDeps,
  ) {}

  /** Handle one hub item; resolves when its forwards are in place. */
  push(item: FeedItem): Promise<void> {
    return this.enqueue(() => this.apply(item));
  }

  /** At start, and with `forwarderReset` after the VM cold-booted (its forwards are gone). */
  resync(forwarderReset = false): Promise<void> {
    return this.enqueue(() => this.fromSnapshot(forwarderReset));
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.chain.then(task);
    this.chain = run.catch((err: unknown) => this.deps.log?.(`port forwards: ${(err as Error).message}`));
    return run;
  }

  private async fromSnapshot(forwarderReset: boolean): Promise<void> {
    await this.manager.handle({ kind: 'resync', containers: await this.deps.snapshot(), forwarderReset });
  }

  private async apply(item: FeedItem): Promise<void> {
    if (item.kind === 'resumed') return this.fromSnapshot(false);
    const { type, action, id } = item.event;
    if (type !== 'container') return;
    if (action === 'start') {
      const c = await this.deps.lookup(id);
      await this.manager.handle(c ? { kind: 'up', container: c } : { kind: 'down', id });
    } else if (DOWN.has(action)) {
      await this.manager.handle({ kind: 'down', id });
    }
  }
}

/** Docker's `NetworkSettings.Ports` ({"80/tcp": [{HostIp, HostPort}]}) as published ports. */
export function portsFromInspect(ports: Record<string, { HostIp?: string; HostPort?: string }[] | null> | null | undefined): PublishedPort[] {
  const out: PublishedPort[] = [];
  for (const [key, bindings] of Object.entries(ports ?? {})) {
    const [inner, proto] = key.split('/');
    if (proto !== 'tcp' && proto !== 'udp') continue;
    for (const b of bindings ?? []) {
      const port = Number(b.HostPort);
      if (Number.isInteger(port) && port > 0) out.push({ protocol: proto, port, containerPort: Number(inner) });
    }
  }
  return out;
}

/** Docker's list entry `Ports` ([{PrivatePort, PublicPort, Type}]) as published ports. */
export function portsFromList(ports: { PrivatePort?: number; PublicPort?: number; Type?: string }[] | undefined): PublishedPort[] {
  return (ports ?? [])
    .filter((p) => p.PublicPort && (p.Type === 'tcp' || p.Type === 'udp'))
    .map((p) => ({ protocol: p.Type as 'tcp' | 'udp', port: p.PublicPort as number, containerPort: p.PrivatePort }));
}
