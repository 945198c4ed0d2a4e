import type { BerthApi, BerthError, Disposable } from '../../../../contract/index.js';
import type { LogChunk } from '../../../../contract/models/container-logs.js';
import { DEFAULT_LOG_LIMIT, LogBuffer } from './log-buffer.js';
import { buildMatcher, LogSearch, type SearchOptions } from './log-search.js';

export type LogsApi = { containers: Pick<BerthApi['containers'], 'logs'> };

export interface LogQuery {
  id: string;
  follow: boolean;
  tail: number | 'all';
  /** Seconds back from now, or undefined for all time. */
  sinceSeconds?: number;
  /**
   * Ask the engine for each line's time. Off unless shown: formatting them costs the engine about a
   * fifth more time and triples the bytes of a short line.
   */
  timestamps?: boolean;
}

/** A render after at least this many new lines means a flood… */
const FLOOD_LINES = 1000;
/** …and the next render waits this long. */
const FLOOD_INTERVAL_MS = 200;
/**
 * Most main-thread time one task spends storing lines (checked every APPLY_STEP_LINES lines). Lines
 * are stored in tasks of their own, between frames, so neither a frame nor input waits behind a big
 * batch; a frame then only renders the rows in view.
 */
export const APPLY_BUDGET_MS = 8;
export const APPLY_STEP_LINES = 1024;

export type LogPhase = 'idle' | 'loading' | 'streaming' | 'ended' | 'error';

/** Runs a callback later; returns a function that cancels it. */
export interface Scheduler {
  request(cb: () => void): () => void;
}

/** When the session stores lines, when it tells its listeners (React), and its clock. */
export interface SessionTiming {
  /** For renders: at most once per animation frame. */
  frames: Scheduler;
  /** For storing lines: a task each, so the browser renders and handles input in between. */
  tasks: Scheduler;
  now(): number;
}

/** requestAnimationFrame, with a timer as a fallback so a hidden window still renders (at most 4× a second). */
const animationFrames: Scheduler = {
  request(cb) {
    let done = false;
    const run = () => {
      if (done) return;
      done = true;
      cancelAnimationFrame(raf);
      clearTimeout(timer);
      cb();
    };
    const raf = requestAnimationFrame(run);
    const timer = setTimeout(run, 250);
    return () => {
      done = true;
      cancelAnimationFrame(raf);
      clearTimeout(timer);
    };
  },
};

/** A new task at once, through a MessageChannel (setTimeout(0) is clamped to 4 ms when nested). */
function messageTasks(): Scheduler {
  let channel: MessageChannel | undefined;
  const queue: (() => void)[] = [];
  return {
    request(cb) {
      if (!channel) {
        channel = new MessageChannel();
        channel.port1.onmessage = () => queue.shift()?.();
      }
      queue.push(cb);
      channel.port2.postMessage(null);
      return () => {
        const i = queue.indexOf(cb);
        if (i >= 0) queue.splice(i, 1);
      };
    },
  };
}

const browserTiming = (): SessionTiming => ({ frames: animationFrames, tasks: messageTasks(), now: () => performance.now() });

/**
 * Everything the Logs tab holds, outside React: the subscription, a bounded LogBuffer, the current
 * search (kept up to date incrementally) and a version number. Incoming chunks are queued and stored
 * in tasks of at most APPLY_BUDGET_MS each; listeners are told (the version bumped) at most once per
 * animation frame, and during a flood at most every FLOOD_INTERVAL_MS, so React renders rarely
 * however fast lines arrive and no task holds the main thread for long.
 */
export class LogSession implements Disposable {
  readonly buffer: LogBuffer;
  version = 0;
  phase: LogPhase = 'idle';
  /** Whether the lines of the current load carry their times. */
  timestamps = false;
  error?: string;
  search: LogSearch | null = null;
  searchError?: string;
  /** Chunks received and not yet stored, in order; `current` is the one being stored. */
  private pending: LogChunk[] = [];
  private pendingLines = 0;
  /** Lines of queued chunks dropped unseen, because newer queued lines fill the buffer on their own. */
  private pendingSkip = 0;
  /** The chunk being stored: where its next line starts, and that line's index. */
  private current?: { chunk: LogChunk; pos: number; line: number };
  /** How the stream ended: applied once every line before it is stored. */
  private ending?: { phase: 'ended' | 'error'; error?: string };
  private cancelApply?: () => void;
  private cancelRender?: () => void;
  private linesSinceRender = 0;
  private lastRenderAt = -Infinity;
  private lastRenderLines = 0;
  private sub?: Disposable;
  private readonly listeners = new Set<() => void>();
  private generation = 0;

  constructor(
    private readonly api: LogsApi,
    limit = DEFAULT_LOG_LIMIT,
    private readonly timing: SessionTiming = browserTiming(),
  ) {
    this.buffer = new LogBuffer(limit);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  /** (Re)start from scratch: clears the buffer and asks the engine again. */
  start(query: LogQuery): void {
    // Lines queued for the old load are dropped, not stored: the buffer starts over anyway.
    this.dropQueued();
    this.stop();
    this.buffer.clear();
    this.search?.rescan(this.buffer);
    this.phase = 'loading';
    this.error = undefined;
    this.timestamps = query.timestamps ?? false;
    const mine = ++this.generation;
    const since = query.sinceSeconds !== undefined ? Math.max(0, Date.now() / 1000 - query.sinceSeconds) : undefined;
    // Never ask the engine for more old lines than the buffer keeps (the download fetches the full log).
    const limit = this.buffer.limit;
    const tail = query.tail === 'all' ? limit : Math.min(query.tail, limit);
    this.sub = this.api.containers.logs(
      { id: query.id, follow: query.follow, timestamps: this.timestamps, tail, ...(since !== undefined ? { since } : {}) },
      {
        next: (chunks) => {
          if (mine === this.generation) this.enqueue(chunks);
        },
        error: (err: BerthError) => {
          if (mine !== this.generation) return;
          this.sub = undefined;
          this.end({ phase: 'error', error: err.message });
        },
        complete: () => {
          if (mine !== this.generation) return;
          this.sub = undefined;
          this.end({ phase: 'ended' });
        },
        // The connection to the back end came back and the same query runs again from its start:
        // begin the buffer again too, or every line of the tail would be there twice.
        restarted: () => {
          if (mine !== this.generation) return;
          this.dropQueued();
          this.buffer.clear();
          this.search?.rescan(this.buffer);
          this.phase = 'loading';
          this.changed();
        },
      },
    );
    this.changed();
  }

  /** Stop receiving (keeps what was received: anything still queued is stored now). */
  stop(): void {
    this.generation++;
    this.sub?.dispose();
    this.sub = undefined;
    this.flush();
    if (this.phase === 'loading' || this.phase === 'streaming') {
      this.phase = 'ended';
      this.changed();
    }
  }

  setLimit(limit: number): void {
    this.buffer.setLimit(limit);
    this.search?.prune(this.buffer.firstSeq);
    this.changed();
  }

  /** Set the search; an empty query clears it, an invalid regex sets searchError. */
  setSearch(query: string, options: SearchOptions): void {
    const m = buildMatcher(query, options);
    this.searchError = m && !m.ok ? m.error : undefined;
    this.search = m?.ok ? new LogSearch(m.re) : null;
    this.search?.rescan(this.buffer);
    this.changed();
  }

  dispose(): void {
    this.stop();
    this.cancelRender?.();
    this.cancelRender = undefined;
    this.listeners.clear();
  }

  /** Store everything queued now and tell the listeners (the user stopped the stream: show all it brought). */
  private flush(): void {
    this.cancelApply?.();
    this.cancelApply = undefined;
    if (!this.store(Infinity)) return;
    this.cancelRender?.();
    this.render();
  }

  private enqueue(chunks: LogChunk[]): void {
    for (const c of chunks) {
      if (c.count === 0) {
        // The engine answered and the log is open: no longer loading, even if it stays empty.
        if (this.phase === 'loading' && !this.queued()) {
          this.phase = 'streaming';
          this.changed();
        }
        continue;
      }
      this.pending.push(c);
      this.pendingLines += c.count;
    }
    // Only the newest `limit` queued lines can survive (a hidden window, a slow machine): drop older
    // whole chunks unseen, so the queue stays bounded.
    let drop = 0;
    while (drop < this.pending.length - 1 && this.pendingLines - this.pending[drop]!.count >= this.buffer.limit) {
      this.pendingLines -= this.pending[drop]!.count;
      this.pendingSkip += this.pending[drop]!.count;
      drop++;
    }
    if (drop) this.pending.splice(0, drop);
    this.cancelApply ??= this.timing.tasks.request(this.applyTask);
  }

  private end(how: { phase: 'ended' | 'error'; error?: string }): void {
    this.ending = how;
    this.cancelApply ??= this.timing.tasks.request(this.applyTask);
  }

  private dropQueued(): void {
    this.cancelApply?.();
    this.cancelApply = undefined;
    this.pending = [];
    this.pendingLines = 0;
    this.pendingSkip = 0;
    this.current = undefined;
    this.ending = undefined;
  }

  /** One task's worth of storing; another task follows while lines are queued. */
  private readonly applyTask = (): void => {
    this.cancelApply = undefined;
    const stored = this.store(APPLY_BUDGET_MS);
    if (this.queued()) this.cancelApply = this.timing.tasks.request(this.applyTask);
    if (stored) this.scheduleRender();
  };

  /** Store queued lines for up to `budgetMs`, then apply the end if all are in. True when anything changed. */
  private store(budgetMs: number): boolean {
    const deadline = this.timing.now() + budgetMs;
    const before = this.buffer.endSeq;
    while (this.queued() && this.timing.now() < deadline) this.storeStep();
    this.linesSinceRender += this.buffer.endSeq - before;
    let changed = this.buffer.endSeq !== before;
    if (changed && this.phase === 'loading') this.phase = 'streaming';
    if (this.ending && !this.queued()) {
      this.phase = this.ending.phase;
      this.error = this.ending.error;
      this.ending = undefined;
      changed = true;
    }
    return changed;
  }

  private queued(): boolean {
    return this.current !== undefined || this.pending.length > 0 || this.pendingSkip > 0;
  }

  /** Store up to APPLY_STEP_LINES lines of the oldest queued chunk (and extend the search over them). */
  private storeStep(): void {
    if (this.pendingSkip) {
      // The chunk being stored is older than the dropped ones: it goes too.
      const rest = this.current ? this.current.chunk.count - this.current.line : 0;
      this.buffer.skip(this.pendingSkip + rest);
      this.pendingSkip = 0;
      this.current = undefined;
    }
    if (!this.current) {
      const chunk = this.pending.shift();
      if (!chunk) return;
      this.pendingLines -= chunk.count;
      this.current = { chunk, pos: 0, line: 0 };
    }
    const c = this.current;
    const before = this.buffer.endSeq;
    const next = this.buffer.appendText(c.chunk.stream, c.chunk.text, c.pos, APPLY_STEP_LINES, c.chunk.ts, c.line);
    c.line += this.buffer.endSeq - before;
    c.pos = next;
    if (next < 0) this.current = undefined;
    this.search?.extend(this.buffer);
  }

  /**
   * Tell the listeners at the next frame. During a flood (the last render brought many lines), wait
   * until FLOOD_INTERVAL_MS after it first: rendering and layout (about as dear for 10 lines as for
   * 50,000) would otherwise take the CPU the engine and the back end need to deliver the flood. A
   * trickle shows at once; the end of a load too.
   */
  private scheduleRender(): void {
    const ended = this.phase === 'ended' || this.phase === 'error';
    if (this.cancelRender && !ended) return;
    this.cancelRender?.();
    const wait = !ended && this.lastRenderLines >= FLOOD_LINES ? this.lastRenderAt + FLOOD_INTERVAL_MS - this.timing.now() : 0;
    if (wait > 0) {
      const timer = setTimeout(() => {
        this.cancelRender = this.timing.frames.request(this.render);
      }, wait);
      this.cancelRender = () => clearTimeout(timer);
    } else this.cancelRender = this.timing.frames.request(this.render);
  }

  private readonly render = (): void => {
    this.cancelRender = undefined;
    this.lastRenderAt = this.timing.now();
    this.lastRenderLines = this.linesSinceRender;
    this.linesSinceRender = 0;
    this.changed();
  };

  private changed(): void {
    this.version++;
    for (const l of this.listeners) l();
  }
}
