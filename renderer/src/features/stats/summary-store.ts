import type { BerthApi, Disposable } from '../../../../contract/index.js';
import type { StatsSummaryEvent } from '../../../../contract/models/container-exec.js';
import { subscribeResilient } from '../../lib/resilient-stream.js';

export type SummaryApi = { containers: Pick<BerthApi['containers'], 'statsSummary'> };

/**
 * A list sparkline gets a point every 5 s (the detail page's Stats tab is the 1 s live view). Like a
 * system monitor's default refresh, it keeps a list of running containers from costing CPU of its own:
 * each point is one redraw of every shown row, and one read of their held stats connections.
 */
export const SPARK_INTERVAL_MS = 5000;
/** Points per sparkline: the last two minutes. */
export const SPARK_POINTS = 24;

/** Whether the window is shown; the stream is closed while it is hidden (minimized, another tab). */
export interface WindowVisibility {
  hidden(): boolean;
  onChange(listener: () => void): () => void;
}

export const documentVisibility: WindowVisibility = {
  hidden: () => typeof document !== 'undefined' && document.visibilityState === 'hidden',
  onChange: (listener) => {
    if (typeof document === 'undefined') return () => undefined;
    document.addEventListener('visibilitychange', listener);
    return () => document.removeEventListener('visibilitychange', listener);
  },
};

export interface SummaryStoreOptions {
  /** How long the stream stays open after the last sparkline unmounts (leaving the page and coming back). */
  graceMs?: number;
  /** How long the set of shown rows must stay still before the stream is re-aimed at it (scrolling). */
  settleMs?: number;
  visibility?: WindowVisibility;
}

/**
 * The list's CPU history of the containers whose rows are on screen, fed by ONE
 * `containers.statsSummary` stream for the whole window, aimed at exactly those containers (`ids`):
 * the back end keeps stats connections for what is shown, not for every running container.
 * - Each mounted sparkline `retain(id)`s its container. When the set changes (rows scrolled into view),
 *   the stream is re-opened for the new set once it settles (`settleMs`); the back end shares
 *   connections between the old and the new stream, so containers still shown are not reconnected.
 * - It closes `graceMs` after the last sparkline goes (leaving the Containers page), and at once while
 *   the window is hidden; it reopens when the window is shown again.
 * Each row listens to its own container only, so a sample re-renders one row.
 */
export class StatsSummaryStore {
  private readonly series = new Map<string, readonly number[]>();
  private readonly listeners = new Map<string, Set<() => void>>();
  private readonly wanted = new Map<string, number>();
  private sub?: Disposable;
  /** The ids the open stream is aimed at (sorted, joined). */
  private aimedAt = '';
  private idleTimer?: ReturnType<typeof setTimeout>;
  private settleTimer?: ReturnType<typeof setTimeout>;
  private readonly graceMs: number;
  private readonly settleMs: number;
  private readonly visibility: WindowVisibility;
  private stopVisibility?: () => void;

  constructor(
    private readonly api: SummaryApi,
    options: SummaryStoreOptions = {},
  ) {
    this.graceMs = options.graceMs ?? 3000;
    this.settleMs = options.settleMs ?? 250;
    this.visibility = options.visibility ?? documentVisibility;
  }

  /** True while the stream is open. */
  get active(): boolean {
    return this.sub !== undefined;
  }

  /** The containers the open stream follows (sorted), empty when closed. */
  get following(): readonly string[] {
    return this.sub && this.aimedAt ? this.aimedAt.split(',') : [];
  }

  /** A row showing this container's sparkline is mounted; call the returned function when it goes. */
  retain(id: string): () => void {
    this.wanted.set(id, (this.wanted.get(id) ?? 0) + 1);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    this.stopVisibility ??= this.visibility.onChange(() => this.reconcile(true));
    this.reconcile(false);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const n = (this.wanted.get(id) ?? 1) - 1;
      if (n > 0) this.wanted.set(id, n);
      else this.wanted.delete(id);
      if (this.wanted.size > 0) return this.reconcile(false);
      if (this.settleTimer) clearTimeout(this.settleTimer);
      this.settleTimer = undefined;
      this.idleTimer = setTimeout(() => this.close(), this.graceMs);
    };
  }

  /** CPU % history of one container (same array until it changes), or undefined. */
  get(id: string): readonly number[] | undefined {
    return this.series.get(id);
  }

  subscribe(id: string, listener: () => void): () => void {
    let set = this.listeners.get(id);
    if (!set) this.listeners.set(id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (!set.size) this.listeners.delete(id);
    };
  }

  /** Apply events from the stream (exposed for tests). */
  apply(events: readonly StatsSummaryEvent[]): void {
    const changed = new Set<string>();
    for (const e of events) {
      if (e.kind === 'sample') {
        const prev = this.series.get(e.sample.id) ?? [];
        const next = prev.length >= SPARK_POINTS ? prev.slice(prev.length - SPARK_POINTS + 1) : prev.slice();
        next.push(e.sample.cpuPercent);
        this.series.set(e.sample.id, next);
        changed.add(e.sample.id);
      } else if (this.series.delete(e.id)) {
        changed.add(e.id);
      }
    }
    this.notify(changed);
  }

  /** Aim the stream at the wanted set (now, or once it has been still for settleMs). */
  private reconcile(now: boolean): void {
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.settleTimer = undefined;
    if (!now) {
      // The rows of one render mount together: the first stream opens after them (a 0 ms timer);
      // later changes wait for scrolling to settle.
      this.settleTimer = setTimeout(() => this.reconcile(true), this.sub ? this.settleMs : 0);
      return;
    }
    if (this.visibility.hidden() || this.wanted.size === 0) {
      if (this.visibility.hidden()) this.closeStream();
      return;
    }
    const ids = [...this.wanted.keys()].sort();
    const key = ids.join(',');
    if (this.sub && key === this.aimedAt) return;
    // Open the new stream before closing the old one, so the back end keeps the shared connections.
    const previous = this.sub;
    this.aimedAt = key;
    this.sub = subscribeResilient<StatsSummaryEvent>((h) => this.api.containers.statsSummary({ ids, intervalMs: SPARK_INTERVAL_MS }, h), { next: (events) => this.apply(events) });
    previous?.dispose();
    // Histories of rows no longer shown would resume later with a hidden gap: drop them.
    const gone = new Set<string>();
    for (const id of this.series.keys()) if (!this.wanted.has(id)) gone.add(id);
    for (const id of gone) this.series.delete(id);
    this.notify(gone);
  }

  /** The window goes: the stream closed, the timers cleared (the runtime's dispose). */
  dispose(): void {
    if (this.settleTimer) clearTimeout(this.settleTimer);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.settleTimer = undefined;
    this.wanted.clear();
    this.close();
  }

  private closeStream(): void {
    this.sub?.dispose();
    this.sub = undefined;
    this.aimedAt = '';
  }

  private close(): void {
    this.idleTimer = undefined;
    this.closeStream();
    this.stopVisibility?.();
    this.stopVisibility = undefined;
    const ids = new Set(this.series.keys());
    this.series.clear();
    this.notify(ids);
  }

  private notify(ids: Iterable<string>): void {
    for (const id of ids) for (const l of [...(this.listeners.get(id) ?? [])]) l();
  }
}
