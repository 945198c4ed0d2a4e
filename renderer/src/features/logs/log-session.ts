import type { BerthApi, BerthError, Disposable } from '../../../../contract/index.js';
import { logChunkLines, type LogChunk } from '../../../../contract/models/container-logs.js';
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

/** A flush of at least this many lines means a flood… */
const FLOOD_LINES = 1000;
/** …and the next one waits this long. */
const FLOOD_INTERVAL_MS = 200;
const now = () => performance.now();

export type LogPhase = 'idle' | 'loading' | 'streaming' | 'ended' | 'error';

export interface FrameScheduler {
  request(cb: () => void): () => void;
}

/** requestAnimationFrame, with a timer as a fallback so a hidden window still drains (at most 4× a second). */
export const animationFrames: FrameScheduler = {
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

/**
 * Everything the Logs tab holds, outside React: the subscription, a bounded LogBuffer, the current
 * search (kept up to date incrementally) and a version number. Incoming batches are queued and applied
 * at most once per animation frame; each apply bumps the version and notifies listeners once, so React
 * renders at most once per frame however fast lines arrive.
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
  private pending: LogChunk[] = [];
  private pendingLines = 0;
  private cancelFrame?: () => void;
  private lastFlushAt = -Infinity;
  private lastFlushLines = 0;
  private sub?: Disposable;
  private readonly listeners = new Set<() => void>();
  private generation = 0;

  constructor(
    private readonly api: LogsApi,
    private readonly frames: FrameScheduler = animationFrames,
    limit = DEFAULT_LOG_LIMIT,
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
    this.stop();
    this.pending = [];
    this.pendingLines = 0;
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
          this.flush();
          this.sub = undefined;
          this.phase = 'error';
          this.error = err.message;
          this.changed();
        },
        complete: () => {
          if (mine !== this.generation) return;
          this.flush();
          this.sub = undefined;
          this.phase = 'ended';
          this.changed();
        },
        // The connection to the back end came back and the same query runs again from its start:
        // begin the buffer again too, or every line of the tail would be there twice.
        restarted: () => {
          if (mine !== this.generation) return;
          this.pending = [];
          this.pendingLines = 0;
          this.buffer.clear();
          this.search?.rescan(this.buffer);
          this.phase = 'loading';
          this.changed();
        },
      },
    );
    this.changed();
  }

  /** Stop receiving (keeps what was received). */
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
    this.cancelFrame?.();
    this.cancelFrame = undefined;
    this.listeners.clear();
  }

  private enqueue(chunks: LogChunk[]): void {
    for (const c of chunks) {
      this.pending.push(c);
      this.pendingLines += c.count;
    }
    // Far more than the buffer keeps is waiting (a hidden window): apply now so the queue stays bounded.
    if (this.pendingLines > this.buffer.limit) this.flush();
    else if (!this.cancelFrame) {
      // A flood (the last apply took many lines): apply ~5 times a second instead of every frame, so
      // rendering and layout (about as dear for 10 lines as for 50,000) do not take the CPU the engine
      // and the back end need to deliver the flood. A trickle shows at once; the end of a load too.
      const wait = this.lastFlushLines >= FLOOD_LINES ? this.lastFlushAt + FLOOD_INTERVAL_MS - now() : 0;
      if (wait > 0) {
        const timer = setTimeout(() => {
          this.cancelFrame = this.frames.request(() => this.flush());
        }, wait);
        this.cancelFrame = () => clearTimeout(timer);
      } else this.cancelFrame = this.frames.request(() => this.flush());
    }
  }

  /** Apply queued chunks: one buffer update, one search extension, one notification. */
  flush(): void {
    this.cancelFrame?.();
    this.cancelFrame = undefined;
    if (!this.pending.length) return;
    const pending = this.pending;
    this.lastFlushLines = this.pendingLines;
    this.lastFlushAt = now();
    this.pending = [];
    this.pendingLines = 0;
    // Only the last `limit` lines can survive: skip whole chunks before them.
    let keep = 0;
    let start = pending.length;
    while (start > 0 && keep < this.buffer.limit) keep += pending[--start]!.count;
    let skipped = 0;
    for (let i = 0; i < start; i++) skipped += pending[i]!.count;
    if (skipped) this.buffer.skip(skipped);
    for (let i = start; i < pending.length; i++) {
      const c = pending[i]!;
      this.buffer.append(c.stream, logChunkLines(c), c.ts);
    }
    this.search?.extend(this.buffer);
    if (this.phase === 'loading') this.phase = 'streaming';
    this.changed();
  }

  private changed(): void {
    this.version++;
    for (const l of this.listeners) l();
  }
}
