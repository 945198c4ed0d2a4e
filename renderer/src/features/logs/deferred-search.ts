import type { SearchOptions } from './log-search.js';

interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };

/**
 * The search box's text applied after a pause in typing (a rescan of a big buffer per keystroke would
 * make typing stutter), or at once when the user acts on it: `flush` before Enter, Next or Previous, so
 * they never read the matches of text typed a moment earlier.
 */
export class DeferredSearch {
  private pending: { query: string; options: SearchOptions } | null = null;
  private handle: unknown;

  constructor(
    private readonly apply: (query: string, options: SearchOptions) => void,
    private readonly delayMs = 80,
    private readonly timers: Timers = realTimers,
  ) {}

  /** The box changed: apply it after the pause (a newer change restarts the wait). */
  set(query: string, options: SearchOptions): void {
    this.pending = { query, options };
    if (this.handle !== undefined) this.timers.clear(this.handle);
    this.handle = this.timers.set(() => this.flush(), this.delayMs);
  }

  /** Apply what is waiting now. True when something was applied (the matches are new). */
  flush(): boolean {
    if (this.handle !== undefined) this.timers.clear(this.handle);
    this.handle = undefined;
    const p = this.pending;
    this.pending = null;
    if (!p) return false;
    this.apply(p.query, p.options);
    return true;
  }

  /** Drop what is waiting (the view goes away). */
  dispose(): void {
    if (this.handle !== undefined) this.timers.clear(this.handle);
    this.handle = undefined;
    this.pending = null;
  }
}
