import type { Disposable } from '../../contract/define.js';
import { isAddressMissing, isPortTaken, type ForwardSpec, type PortForwarder } from './port-forwarder.js';

/** A port a running container published inside the VM (`-p 8080:80` → port 8080, containerPort 80). */
export interface PublishedPort {
  protocol: 'tcp' | 'udp';
  port: number;
  containerPort?: number;
}

export interface ContainerPorts {
  id: string;
  name: string;
  ports: PublishedPort[];
}

/** What the engine's events mean for forwards. `resync` is the full list of running containers. */
export type PortEvent =
  | { kind: 'up'; container: ContainerPorts }
  | { kind: 'down'; id: string }
  /** After an engine restart or a reconnect; `forwarderReset` when the VM cold-booted and its forwards are gone. */
  | { kind: 'resync'; containers: ContainerPorts[]; forwarderReset?: boolean };

/** Shown on the container's row and in its Ports tab; the container keeps running. */
export interface PortWarning {
  containerId: string;
  containerName: string;
  protocol: 'tcp' | 'udp';
  hostIp: string;
  hostPort: number;
  message: string;
}

export interface ActiveForward extends ForwardSpec {
  containerId: string;
}

export interface PortForwardManagerOptions {
  /** IPv4 forwards (QEMU hostfwd, or the userspace proxy). */
  forwarder: PortForwarder;
  /**
   * IPv6 forwards, so `localhost` resolving to ::1 reaches the port too. With QEMU this is a userspace
   * relay from [::1]:port to 127.0.0.1:port: QEMU 7.2's hostfwd refuses `tcp:[::1]:…` ("Bad host
   * address", measured). Omitted: IPv4 only.
   */
  ipv6Forwarder?: PortForwarder;
  /** The "all interfaces" setting: bind 0.0.0.0 and :: instead of the loopback addresses. */
  allInterfaces?: boolean;
  log?: (line: string) => void;
}

interface Held {
  container: ContainerPorts;
  key: string;
  handles: { spec: ForwardSpec; handle: Disposable }[];
  warnings: PortWarning[];
}

const portsKey = (ports: PublishedPort[]) =>
  uniquePorts(ports)
    .map((p) => `${p.protocol}/${p.port}`)
    .sort()
    .join(',');

/** Docker lists `-p 8080:80` twice (0.0.0.0 and ::): one forward per protocol and port. */
function uniquePorts(ports: PublishedPort[]): PublishedPort[] {
  const seen = new Map<string, PublishedPort>();
  for (const p of ports) if (p.port > 0 && !seen.has(`${p.protocol}/${p.port}`)) seen.set(`${p.protocol}/${p.port}`, p);
  return [...seen.values()];
}

/**
 * Turns the engine's container events into host forwards: each published port answers on the host
 * (127.0.0.1 and ::1 by default, whatever the container bound inside the VM), until the container stops.
 * A taken host port becomes a warning on that container, never a failure. Events are applied one at a
 * time in order, so a `down` that overtakes a slow `up` cannot leave a forward behind.
 */
export class PortForwardManager implements Disposable {
  private readonly held = new Map<string, Held>();
  private readonly listeners = new Set<() => void>();
  private chain: Promise<void> = Promise.resolve();
  private allInterfaces: boolean;
  private disposed = false;

  constructor(private readonly opts: PortForwardManagerOptions) {
    this.allInterfaces = opts.allInterfaces ?? false;
  }

  /** Apply one event; resolves once its forwards exist (or have warnings). */
  handle(event: PortEvent): Promise<void> {
    const run = this.chain.then(() => this.apply(event));
    this.chain = run.catch((err: unknown) => this.opts.log?.(`port forwards: ${(err as Error).message}`));
    return run;
  }

  /** Change the "all interfaces" setting: every forward is made again on the new addresses. */
  setAllInterfaces(all: boolean): Promise<void> {
    if (all === this.allInterfaces) return this.chain;
    this.allInterfaces = all;
    const containers = [...this.held.values()].map((h) => h.container);
    return this.handle({ kind: 'resync', containers, forwarderReset: true });
  }

  /** Try a container's failed forwards again (the user freed the port). */
  retry(id: string): Promise<void> {
    const h = this.held.get(id);
    if (!h) return this.chain;
    return this.handle({ kind: 'down', id }).then(() => this.handle({ kind: 'up', container: h.container }));
  }

  forwards(): ActiveForward[] {
    return [...this.held.values()].flatMap((h) => h.handles.map((x) => ({ ...x.spec, containerId: h.container.id })));
  }

  /** Warnings of one container, or of all. */
  warnings(id?: string): PortWarning[] {
    if (id !== undefined) return [...(this.held.get(id)?.warnings ?? [])];
    return [...this.held.values()].flatMap((h) => h.warnings);
  }

  /** Called after every change of forwards or warnings. */
  onChange(listener: () => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  dispose(): void {
    this.disposed = true;
    for (const id of [...this.held.keys()]) this.release(id);
    this.listeners.clear();
  }

  private async apply(event: PortEvent): Promise<void> {
    if (this.disposed) return;
    if (event.kind === 'up') await this.up(event.container);
    else if (event.kind === 'down') this.release(event.id);
    else await this.resync(event.containers, event.forwarderReset ?? false);
    for (const l of this.listeners) l();
  }

  private async resync(containers: ContainerPorts[], reset: boolean): Promise<void> {
    const running = new Map(containers.map((c) => [c.id, c]));
    for (const id of [...this.held.keys()]) {
      const h = this.held.get(id);
      const now = running.get(id);
      // Kept only when nothing changed; a warning is worth another try, the port may be free now.
      if (!h || !now || reset || h.key !== portsKey(now.ports) || h.warnings.length > 0) this.release(id);
    }
    for (const c of containers) if (!this.held.has(c.id)) await this.up(c);
  }

  private async up(container: ContainerPorts): Promise<void> {
    const key = portsKey(container.ports);
    const had = this.held.get(container.id);
    if (had?.key === key) return;
    if (had) this.release(container.id);
    const h: Held = { container, key, handles: [], warnings: [] };
    this.held.set(container.id, h);
    for (const p of uniquePorts(container.ports)) {
      for (const [hostIp, forwarder] of this.addresses()) {
        const spec: ForwardSpec = { protocol: p.protocol, hostIp, hostPort: p.port, guestPort: p.port };
        try {
          h.handles.push({ spec, handle: await forwarder.forward(spec) });
        } catch (err) {
          if (hostIp.includes(':') && isAddressMissing(err)) {
            this.opts.log?.(`port forwards: no IPv6 on this host, ${p.port}/${p.protocol} is on IPv4 only`);
            continue;
          }
          h.warnings.push({ containerId: container.id, containerName: container.name, protocol: p.protocol, hostIp, hostPort: p.port, message: warningText(container, p, hostIp, err) });
        }
      }
    }
  }

  private addresses(): [string, PortForwarder][] {
    const v6 = this.opts.ipv6Forwarder;
    const [ip4, ip6] = this.allInterfaces ? ['0.0.0.0', '::'] : ['127.0.0.1', '::1'];
    return v6 ? [[ip4, this.opts.forwarder], [ip6, v6]] : [[ip4, this.opts.forwarder]];
  }

  private release(id: string): void {
    const h = this.held.get(id);
    if (!h) return;
    this.held.delete(id);
    for (const { handle } of h.handles) {
      try {
        handle.dispose();
      } catch (err) {
        this.opts.log?.(`port forwards: ${(err as Error).message}`);
      }
    }
  }
}

function warningText(c: ContainerPorts, p: PublishedPort, hostIp: string, err: unknown): string {
  const inner = p.containerPort ? ` (its port ${p.containerPort}/${p.protocol})` : '';
  const where = hostIp.includes(':') ? `[${hostIp}]:${p.port}` : `${hostIp}:${p.port}`;
  if (isPortTaken(err)) {
    return `Port ${p.port}/${p.protocol} is already in use on this computer (${where}), so ${c.name}${inner} cannot be reached there. The container keeps running; free the port and retry, or publish another host port.`;
  }
  return `Port ${p.port}/${p.protocol} of ${c.name}${inner} could not be forwarded to ${where}: ${(err as Error)?.message ?? String(err)}. The container keeps running.`;
}
