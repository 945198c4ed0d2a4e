import type { EngineEndpoint, EngineProviderKind, EngineStatus } from '../../contract/model.js';
import type { EngineConnection } from '../client/engine-connection.js';
import { BerthError } from '../../contract/errors.js';
import { engineUnavailable } from '../errors.js';
import type { StatusStore } from '../services/status-store.js';
import { sleep } from '../util/sleep.js';
import type { EnginePlan } from './engine-choice.js';
import type { EngineProvider, EngineTarget, ProviderFailure } from './engine-provider.js';
import type { VmEngineHost } from './vm-provider.js';

export type VmAction = 'start' | 'stop' | 'restart' | 'delete' | 'reset';

export interface EngineLifecycleOptions {
  plan: EnginePlan;
  /** The providers the plan may name, built on first use. */
  providers: Partial<Record<EngineProviderKind, () => EngineProvider>>;
  /** Berth's VM, where the VM provider is possible (its buttons act on it). */
  vm?: () => VmEngineHost;
  connect(target: EngineTarget, endpoint: EngineEndpoint, managed: boolean): EngineConnection;
  /** The engine answered on a connection (`firstTime`: the first answer on it). */
  onConnected?(conn: EngineConnection, firstTime: boolean): void;
  /** A connection was dropped: release what was held for it. */
  onDisconnected?(conn: EngineConnection): void;
  store: StatusStore;
  log: (line: string) => void;
  /** Re-discovery while no engine is reachable: first delay and cap (defaults 2 s → 30 s). */
  retry?: { initialMs: number; maxMs: number };
}

/**
 * The engine's lifecycle, an explicit state machine shown as EngineStatus: walk the plan's providers
 * in order, connect to the first one ready, watch the connection, recover or re-discover, and stop
 * what Berth started on dispose. One instance per back end.
 */
export class EngineLifecycle {
  private conn?: EngineConnection;
  private provider?: EngineProvider;
  private readonly built = new Map<EngineProviderKind, EngineProvider>();
  private readonly life = new AbortController();
  private running?: Promise<void>;
  private retrying = false;
  private vmBusy = false;

  constructor(private readonly o: EngineLifecycleOptions) {}

  /** The live connection, or ENGINE_UNAVAILABLE with the reason. */
  require(): EngineConnection {
    const status = this.o.store.get();
    if (this.conn && status.state === 'running') return this.conn;
    if (status.state === 'starting') throw engineUnavailable('The Docker engine is still starting; try again in a moment', { state: status.state });
    if (status.state === 'stopped') throw engineUnavailable(`Berth is not connected to a Docker engine (${status.provider === 'vm' && !this.life.signal.aborted ? 'the VM is stopped' : 'the back end is stopped'})`, { state: status.state });
    throw engineUnavailable(`No Docker engine is available: ${status.message ?? 'unknown reason'}`, { state: status.state, remedy: status.remedy });
  }

  start(): void {
    if (this.running || this.life.signal.aborted) return;
    this.running = this.walk(this.o.plan.order).catch((err: unknown) => {
      this.o.log(`engine: unexpected failure: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      this.set({ state: 'error', managed: false, message: `Berth failed while connecting to the engine: ${err instanceof Error ? err.message : String(err)}` });
    });
  }

  async dispose(): Promise<void> {
    this.life.abort();
    this.disconnect();
    await Promise.all([...this.built.values()].map((p) => p.stop().catch((err: unknown) => this.o.log(`engine: stopping the ${p.kind} provider failed: ${String(err)}`))));
    await this.running;
  }

  /** The Engine page's VM buttons. */
  async vmAction(action: VmAction): Promise<EngineStatus> {
    const makeVm = this.o.vm;
    if (!makeVm || !this.o.plan.order.includes('vm')) {
      throw new BerthError('VALIDATION', 'Berth is not using its VM: the engine comes from elsewhere (see "Why this engine" on the Engine page). Start Berth with --engine vm to use it.', { reason: 'no-vm' });
    }
    if (this.vmBusy) throw new BerthError('CONFLICT', 'The VM is busy with another action; try again when it is done.', { reason: 'vm-busy' });
    this.vmBusy = true;
    try {
      const vm = makeVm();
      const usingVm = this.provider?.kind === 'vm';
      if (action !== 'start' && usingVm) this.disconnect();
      if (action === 'stop' || action === 'restart') await vm.stop();
      if (action === 'delete' || action === 'reset') await vm.delete();
      if (action === 'stop' || action === 'delete') {
        this.provider = undefined;
        this.set({ state: 'stopped', managed: true, provider: 'vm', why: this.o.plan.why, message: action === 'stop' ? 'Berth’s VM is stopped. Start it from the Engine page.' : 'Berth’s VM was deleted. Start creates a new one.', vm: vm.view() });
        return this.o.store.get();
      }
      if (this.conn && this.o.store.get().state === 'running' && action === 'start') return this.o.store.get();
      await this.walk(['vm']);
      return this.o.store.get();
    } finally {
      this.vmBusy = false;
    }
  }

  private set(status: EngineStatus): void {
    if (!this.life.signal.aborted) this.o.store.set(status);
  }

  private providerOf(kind: EngineProviderKind): EngineProvider | undefined {
    let p = this.built.get(kind);
    if (!p) {
      const make = this.o.providers[kind];
      if (!make) return undefined;
      p = make();
      this.built.set(kind, p);
      p.onLost((f) => this.onLost(p!, f));
    }
    return p;
  }

  /** Try each provider in order; connect to the first that is ready, else report why none is. */
  private async walk(order: readonly EngineProviderKind[]): Promise<void> {
    const { why } = this.o.plan;
    const failures: { kind: EngineProviderKind; failure: ProviderFailure }[] = [];
    for (const kind of order) {
      const provider = this.providerOf(kind);
      if (!provider) continue;
      this.set({ state: 'starting', managed: kind !== 'native', provider: kind, why, message: 'Looking for a Docker engine…' });
      const result = await provider.start((u) => this.set({ state: 'starting', managed: u.managed ?? kind !== 'native', provider: kind, why, ...u }), this.life.signal);
      if (this.life.signal.aborted) return;
      if (result.ok) {
        this.provider = provider;
        this.connect(result.ready.target, result.ready.endpoint, result.ready.managed, kind);
        return;
      }
      failures.push({ kind, failure: result.failure });
    }
    this.set(noEngine(failures, why));
    if (order.includes('native')) void this.retryDiscovery();
  }

  private connect(target: EngineTarget, endpoint: EngineEndpoint, managed: boolean, kind: EngineProviderKind): void {
    const conn = this.o.connect(target, endpoint, managed);
    this.conn = conn;
    let everConnected = false;
    const base = { managed, endpoint, provider: kind, why: this.o.plan.why };
    const vmView = () => (kind === 'vm' ? { vm: this.o.vm?.().view() } : {});
    this.o.log(`engine: using ${endpoint.host} (${endpoint.source}${endpoint.context ? ` ${endpoint.context}` : ''})`);
    this.set({ state: 'starting', ...base, ...vmView(), message: `Connecting to the engine at ${endpoint.host}…` });
    conn.hub.onStatus((s) => {
      if (this.conn !== conn || this.life.signal.aborted) return;
      if (s.state === 'connected') {
        this.o.onConnected?.(conn, !everConnected);
        everConnected = true;
        this.set({ state: 'running', ...base, ...vmView() });
      } else if (s.state === 'reconnecting') {
        const reason = s.lastError ?? 'unknown reason';
        this.set({
          state: 'error',
          ...base,
          ...vmView(),
          message: everConnected
            ? `Lost the connection to the engine at ${endpoint.host} (${reason}); reconnecting…`
            : `The engine at ${endpoint.host} answered, but its event stream failed (${reason}); retrying…`,
          remedy: managed ? 'Berth’s own engine should come back by itself; if not, restart Berth.' : 'Make sure Docker is running; Berth reconnects by itself.',
        });
      }
    });
    void conn.hub.start().catch(() => undefined);
  }

  private disconnect(reason?: Error): void {
    const conn = this.conn;
    this.conn = undefined;
    if (!conn) return;
    conn.hub.dispose(reason);
    this.o.onDisconnected?.(conn);
  }

  /** An engine Berth started went away by itself. */
  private onLost(provider: EngineProvider, f: ProviderFailure): void {
    if (this.life.signal.aborted || this.provider !== provider) return;
    this.disconnect(engineUnavailable(f.message));
    this.set({ state: 'error', managed: true, provider: provider.kind, why: this.o.plan.why, endpoint: f.endpoint, message: f.message, remedy: f.remedy, logTail: f.logTail });
    if (provider.kind === 'embedded') void this.retryDiscovery();
  }

  /** While no engine is reachable, look again with backoff; connect to the first one found. */
  private async retryDiscovery(): Promise<void> {
    const native = this.providerOf('native');
    if (this.retrying || !native) return;
    this.retrying = true;
    const retry = this.o.retry ?? { initialMs: 2000, maxMs: 30_000 };
    let delay = retry.initialMs;
    const quiet = () => undefined;
    try {
      while (!this.life.signal.aborted && !this.conn) {
        await sleep(delay, this.life.signal);
        if (this.life.signal.aborted || this.conn) return;
        delay = Math.min(delay * 2, retry.maxMs);
        const result = await native.start(quiet, this.life.signal);
        if (result.ok && !this.life.signal.aborted && !this.conn) {
          this.provider = native;
          this.connect(result.ready.target, result.ready.endpoint, false, 'native');
          return;
        }
      }
    } finally {
      this.retrying = false;
    }
  }
}

/**
 * Why no provider could give an engine. A provider that really started something (an embedded dockerd
 * that died, a VM that did not boot) is the headline, with its log; otherwise each reason in the order
 * tried ("No Docker engine answered (…). dockerd is not installed…").
 */
function noEngine(failures: { kind: EngineProviderKind; failure: ProviderFailure }[], why: string): EngineStatus {
  if (!failures.length) return { state: 'error', managed: false, why, message: 'Berth has no way to get a Docker engine here' };
  const tried = [...failures].reverse().find((f) => f.failure.started);
  const head = tried ?? failures[0]!;
  const others = tried ? failures.slice(failures.indexOf(tried) + 1) : failures.slice(1);
  const strip = (m: string) => m.replace(/\.$/, '');
  const message = others.length
    ? `${[head, ...others].map(({ kind, failure }, i) => (i > 0 && kind === 'vm' ? `Berth’s VM cannot run either: ${strip(failure.message)}` : strip(failure.message))).join('. ')}.`
    : head.failure.message;
  const remedy = tried ? tried.failure.remedy : (failures[1] ?? failures[0]!).failure.remedy;
  const status: EngineStatus = { state: 'error', managed: !!tried, provider: head.kind, why, message };
  if (tried?.failure.endpoint) status.endpoint = tried.failure.endpoint;
  if (remedy) status.remedy = remedy;
  if (tried?.failure.logTail?.length) status.logTail = tried.failure.logTail;
  return status;
}
