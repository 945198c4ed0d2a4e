import type { Disposable } from '../../../contract/index.js';

export type BackendState = 'connecting' | 'connected' | 'unreachable';

export interface ConnectionMonitorOptions {
  /** A cheap call to the back end; resolves (or fails with a non-transport error) when it answers. */
  probe(): Promise<unknown>;
  onChange(state: BackendState): void;
  /** Time between probes while connected (ms). */
  intervalMs?: number;
  /** A probe unanswered for this long means the back end is unreachable (ms). */
  timeoutMs?: number;
}

export interface ConnectionMonitor extends Disposable {
  readonly state: BackendState;
  /** Something arrived from the back end (a stream event): it is reachable. */
  markAlive(): void;
  /**
   * The transport's own signal (browser mode's WebSocket): 'closed' means unreachable at once, without
   * waiting for a probe to time out; 'open' probes at once.
   */
  transport(status: 'open' | 'closed'): void;
}

const isTransportError = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'TRANSPORT';

/**
 * Tells whether Berth's back end answers. The WebSocket transport reports its own open/close; beyond
 * that the client only exposes calls and streams, so a light heartbeat probes it while connected: a transport failure or a timeout means unreachable. While
 * unreachable it sends nothing (the WebSocket transport would queue every probe); the client
 * re-sends live subscriptions when it reconnects, and their first events call markAlive().
 */
export function createConnectionMonitor(options: ConnectionMonitorOptions): ConnectionMonitor {
  // Rare: a lost WebSocket is reported by the transport itself (transport()); the probe is for a back
  // end that keeps the connection but stops answering, and costs an idle window a wake-up each time.
  const intervalMs = options.intervalMs ?? 15_000;
  const timeoutMs = options.timeoutMs ?? 4000;
  let state: BackendState = 'connecting';
  let disposed = false;
  let inFlight = false;
  let next: ReturnType<typeof setTimeout> | undefined;

  const set = (s: BackendState) => {
    if (disposed || s === state) return;
    state = s;
    options.onChange(s);
  };

  const schedule = () => {
    if (disposed || next || inFlight) return;
    next = setTimeout(() => {
      next = undefined;
      probe();
    }, intervalMs);
  };

  const probe = () => {
    if (disposed || inFlight) return;
    inFlight = true;
    const timeout = setTimeout(() => set('unreachable'), timeoutMs);
    const settle = (answered: boolean) => {
      clearTimeout(timeout);
      inFlight = false;
      if (disposed) return;
      if (answered) {
        set('connected');
        schedule();
      } else {
        set('unreachable');
      }
    };
    let pending: Promise<unknown>;
    try {
      pending = options.probe();
    } catch (err) {
      pending = Promise.reject(err);
    }
    pending.then(
      () => settle(true),
      (err: unknown) => settle(!isTransportError(err)),
    );
  };

  probe();
  return {
    get state() {
      return state;
    },
    markAlive() {
      if (disposed) return;
      set('connected');
      schedule();
    },
    transport(status) {
      if (disposed) return;
      if (status === 'closed') {
        if (next) clearTimeout(next);
        next = undefined;
        set('unreachable');
      } else probe();
    },
    dispose() {
      disposed = true;
      if (next) clearTimeout(next);
      next = undefined;
    },
  };
}
