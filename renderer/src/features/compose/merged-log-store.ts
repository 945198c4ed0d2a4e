import type { BerthApi, BerthError, Disposable } from '../../../../contract/index.js';
import type { MergedLogLine } from '../../../../contract/models/compose.js';
import { stripAnsi } from '../../ui/ansi.js';

export type MergedLogsApi = { compose: Pick<BerthApi['compose'], 'logs'> };

/** Most lines kept; older ones are dropped from the front. */
export const MERGED_LOG_LIMIT = 50_000;

/**
 * The lines of a merged log, outside React: bounded (oldest dropped first), appended in the order the
 * back end sends them (already ordered by the engine's timestamps), with a version that changes once
 * per applied batch so a view re-renders at most once per frame.
 */
export class MergedLogStore implements Disposable {
  lines: MergedLogLine[] = [];
  /** Lines dropped from the front so far. */
  dropped = 0;
  version = 0;
  phase: 'loading' | 'streaming' | 'ended' | 'error' = 'loading';
  error?: string;
  private sub?: Disposable;
  private readonly listeners = new Set<() => void>();
  private pending: MergedLogLine[][] = [];
  private frame?: number;

  constructor(
    private readonly api: MergedLogsApi,
    private readonly limit = MERGED_LOG_LIMIT,
  ) {}

  open(ids: string[], tail = 500): void {
    this.sub?.dispose();
    this.lines = [];
    this.dropped = 0;
    this.phase = 'loading';
    this.sub = this.api.compose.logs(
      { ids, tail, follow: true },
      {
        next: (batches) => {
          this.pending.push(...batches);
          this.frame ??= requestAnimationFrame(() => this.flush());
        },
        error: (err: BerthError) => {
          this.phase = 'error';
          this.error = err.message;
          this.bump();
        },
        complete: () => {
          this.flush();
          this.phase = 'ended';
          this.bump();
        },
        restarted: () => {
          this.lines = [];
          this.pending = [];
        },
      },
    );
  }

  /** Apply what arrived since the last frame. */
  flush(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
    if (!this.pending.length) return;
    for (const batch of this.pending) for (const l of batch) this.lines.push(l);
    this.pending = [];
    if (this.lines.length > this.limit) {
      const extra = this.lines.length - this.limit;
      this.lines.splice(0, extra);
      this.dropped += extra;
    }
    if (this.phase === 'loading') this.phase = 'streaming';
    this.bump();
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  dispose(): void {
    this.sub?.dispose();
    this.sub = undefined;
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.listeners.clear();
  }

  private bump(): void {
    this.version++;
    for (const fn of this.listeners) fn();
  }
}

/** Indexes of the lines that match `re` (all lines when re is null). */
export function filterLines(lines: readonly MergedLogLine[], re: RegExp | null, sources?: ReadonlySet<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (sources && !sources.has(l.source)) continue;
    // Matched as shown: without escape sequences, carriage returns applied (ui/ansi.ts).
    if (re && !re.test(stripAnsi(l.text))) continue;
    out.push(i);
  }
  return out;
}

/** A stable colour per source (service), spread around the hue circle. */
export function sourceHue(index: number): number {
  return Math.round((index * 137.508) % 360);
}
