import type { BerthApi, Disposable } from '../../../../contract/index.js';
import type { StatsSummaryEvent } from '../../../../contract/models/container-exec.js';
import { subscribeResilient } from '../../lib/resilient-stream.js';

export type SummaryApi = { containers: Pick<BerthApi['containers'], 'statsSummary'> };

/** Points per sparkline (one every 2 s, the back end's default pace: the last minute). */
export const SPARK_POINTS = 30;

export interface SummaryStoreOptions {
  /** How long the stream stays open after the last sparkline unmounts (virtualized rows come and go). */
  graceMs?: number;
}

/**
 * The list's CPU history per running container, fed by ONE `containers.statsSummary` stream for the
 * whole window, however many rows show a sparkline. Reference-counted: the first `retain()` opens the
 * stream, and it closes `graceMs` after the last release (so scrolling a virtualized list does not
 * churn subscriptions, and leaving the Containers page stops all stats connections). Each row listens
 * to its own container only, so a sample re-renders one row.
 */
export class StatsSummaryStore {
  private readonly series = new Map<string, readonly number[]>();
  private readonly listeners = new Map<string, Set<() => void>>();
  private refs = 0;
  private sub?: Disposable;
  private idleTimer?: ReturnType<typeof setTimeout>;
  private readonly graceMs: number;

  constructor(
    private readonly api: SummaryApi,
    options: SummaryStoreOptions = {},
  ) {
    this.graceMs = options.graceMs ?? 3000;
  }

  /** True while the stream is open. */
  get active(): boolean {
    return this.sub !== undefined;
  }

  /** Hold the stream open; call the returned function to let go. */
  retain(): () => void {
    this.refs++;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (!this.sub) this.open();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.refs > 0) return;
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
    for (const id of changed) for (const l of [...(this.listeners.get(id) ?? [])]) l();
  }

  private open(): void {
    this.sub = subscribeResilient<StatsSummaryEvent>((h) => this.api.containers.statsSummary({}, h), { next: (events) => this.apply(events) });
  }

  private close(): void {
    this.idleTimer = undefined;
    this.sub?.dispose();
    this.sub = undefined;
    const ids = [...this.series.keys()];
    this.series.clear();
    for (const id of ids) for (const l of [...(this.listeners.get(id) ?? [])]) l();
  }
}
