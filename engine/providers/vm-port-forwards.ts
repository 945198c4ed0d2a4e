import type { Disposable } from '../../contract/define.js';
import type { PortForwardsView } from '../../contract/model.js';
import { EnginePortFeed, portsFromInspect, portsFromList } from '../../vm/ports/engine-port-feed.js';
import { PortForwardManager } from '../../vm/ports/port-forward-manager.js';
import type { PortForwarder } from '../../vm/ports/port-forwarder.js';
import { UserspaceForwarder } from '../../vm/ports/userspace-forwarder.js';
import { inspectContainer, listContainers } from '../adapter/calls.js';
import type { EngineConnection } from '../client/engine-connection.js';
import { ValueStore } from '../streams/value-store.js';

const INACTIVE: PortForwardsView = { active: false, allInterfaces: false, forwards: [], warnings: [] };

export interface VmPortForwardsOptions {
  /** IPv4 forwards into the VM (QEMU: QMP hostfwd). */
  forwarder: PortForwarder;
  /** The "all interfaces" setting, read when a connection starts. */
  allInterfaces(): boolean;
  log(line: string): void;
}

/**
 * Published ports of containers in Berth's VM, answering on this computer: one PortForwardManager per
 * engine connection, fed by the connection's event hub (start → forward, die/stop → gone, reconnect →
 * resync; no polling). IPv6 `localhost` (::1) is relayed in this process to the IPv4 forward, since
 * QEMU's hostfwd takes IPv4 only. The view (forwards and taken-port warnings) is what the UI shows.
 */
export class VmPortForwards implements Disposable {
  readonly view = new ValueStore<PortForwardsView>(INACTIVE);
  private current: { manager: PortForwardManager; abort: AbortController; subs: Disposable[]; allInterfaces: boolean } | undefined;

  constructor(private readonly opts: VmPortForwardsOptions) {}

  /** Starts forwarding for a connection to the VM's engine (after a boot, resume or take-over). */
  attach(conn: EngineConnection): void {
    this.detach();
    const { log } = this.opts;
    const allInterfaces = this.opts.allInterfaces();
    const ipv6 = new UserspaceForwarder({ target: (spec) => ({ host: '127.0.0.1', port: spec.hostPort }) });
    const manager = new PortForwardManager({ forwarder: this.opts.forwarder, ipv6Forwarder: ipv6, allInterfaces, log });
    const abort = new AbortController();
    const feed = new EnginePortFeed(manager, {
      async lookup(id) {
        const c = await inspectContainer(conn.engine, id, abort.signal).catch(() => undefined);
        if (!c?.State.Running) return undefined;
        const settings = c.NetworkSettings as { Ports?: Parameters<typeof portsFromInspect>[0] } | undefined;
        return { id: c.Id, name: c.Name.replace(/^\//, ''), ports: portsFromInspect(settings?.Ports) };
      },
      async snapshot() {
        const list = await listContainers(conn.engine, { all: false }, abort.signal);
        return list.map((c) => ({ id: c.Id ?? '', name: (c.Names?.[0] ?? c.Id ?? '').replace(/^\//, ''), ports: portsFromList(c.Ports) }));
      },
      log,
    });
    const current = { manager, abort, subs: [] as Disposable[], allInterfaces };
    const publish = () => this.current === current && this.view.set(viewOf(manager, current.allInterfaces));
    current.subs.push(manager.onChange(publish));
    this.current = current;
    publish();
    // Subscribe before the snapshot, so a container started in between is not missed.
    const items = conn.hub.subscribe({ types: ['container'], signal: abort.signal, capacity: 10_000 });
    void (async () => {
      try {
        for await (const item of items) void feed.push(item);
      } catch (err) {
        if (!abort.signal.aborted) log(`port forwards: the event stream failed (${(err as Error).message})`);
      }
    })();
    void feed.resync(true);
  }

  /** The "all interfaces" setting changed: every forward is made again on the new addresses. */
  async setAllInterfaces(all: boolean): Promise<void> {
    const c = this.current;
    if (!c || c.allInterfaces === all) return;
    c.allInterfaces = all;
    await c.manager.setAllInterfaces(all);
  }

  /** Retries a container's forwards that failed (the user freed the port). */
  async retry(containerId: string): Promise<PortForwardsView> {
    await this.current?.manager.retry(containerId);
    return this.view.get();
  }

  /** The engine went away (VM stopped): every forward is released. */
  detach(): void {
    const c = this.current;
    if (!c) return;
    this.current = undefined;
    c.abort.abort();
    for (const s of c.subs) s.dispose();
    c.manager.dispose();
    this.view.set(INACTIVE);
  }

  dispose(): void {
    this.detach();
    this.view.close();
  }
}

function viewOf(manager: PortForwardManager, allInterfaces: boolean): PortForwardsView {
  return {
    active: true,
    allInterfaces,
    forwards: manager.forwards().map((f) => ({ containerId: f.containerId, protocol: f.protocol, hostIp: f.hostIp, hostPort: f.hostPort })),
    warnings: manager.warnings(),
  };
}
