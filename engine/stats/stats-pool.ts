import { toBerthError } from '../errors.js';
import type { HeldStream } from '../adapter/engine-adapter.js';

export interface StatsPoolOptions {
  /** Opens a held stats stream of a running container (see StatsSource.hold). */
  hold(id: string, signal: AbortSignal): Promise<HeldStream>;
  /** How long a connection stays open after its last lease is released (default 5 s). */
  graceMs?: number;
  log?: (line: string) => void;
}

/** The newest complete sample of a container, numbered so a reader can tell a new one from one it sent. */
export interface PooledSample {
  seq: number;
  text: string;
}

export interface StatsLease {
  readonly id: string;
  /** The newest sample read so far (by any drain), or undefined before the first. */
  latest(): PooledSample | undefined;
  /** True once the engine ended the stream (the container stopped) or it failed to open. */
  ended(): boolean;
  release(): void;
}

interface Entry {
  refs: number;
  ctl: AbortController;
  stream?: HeldStream;
  opening: Promise<void>;
  latest?: PooledSample;
  ended: boolean;
  grace?: ReturnType<typeof setTimeout>;
}

/**
 * Streaming stats connections shared by every reader in the back end (the list's sparklines of every
 * window, re-subscribed as rows scroll into view): one connection per container however many leases
 * it has, kept `graceMs` after the last release so a reader that re-subscribes with an overlapping set
 * of containers does not reconnect them. Connections are held (see HeldStream): nothing is read until
 * a reader calls `drain()` for the containers it shows, which keeps only their newest sample.
 */
export class StatsPool {
  private readonly entries = new Map<string, Entry>();
  private seq = 0;
  private readonly graceMs: number;
  private readonly log: (line: string) => void;

  constructor(private readonly options: StatsPoolOptions) {
    this.graceMs = options.graceMs ?? 5000;
    this.log = options.log ?? (() => undefined);
  }

  /** Containers with an open (or opening) connection. */
  get size(): number {
    return this.entries.size;
  }

  lease(id: string): StatsLease {
    let entry = this.entries.get(id);
    // An ended connection (the container stopped) is not reused: a start opens a new one.
    if (entry?.ended) {
      this.entries.delete(id);
      if (entry.refs === 0) this.drop(id, entry);
      entry = undefined;
    }
    if (!entry) entry = this.open(id);
    else if (entry.grace) {
      clearTimeout(entry.grace);
      entry.grace = undefined;
    }
    entry.refs++;
    const e = entry;
    let released = false;
    return {
      id,
      latest: () => e.latest,
      ended: () => e.ended,
      release: () => {
        if (released) return;
        released = true;
        if (--e.refs > 0) return;
        if (e.ended) return this.drop(id, e);
        e.grace = setTimeout(() => this.drop(id, e), this.graceMs);
      },
    };
  }

  /** Read the held connections of these containers (concurrently) and keep each one's newest sample. */
  async drain(ids: Iterable<string>): Promise<void> {
    const work: Promise<void>[] = [];
    for (const id of ids) {
      const e = this.entries.get(id);
      if (e && !e.ended) work.push(this.drainEntry(id, e));
    }
    await Promise.all(work);
  }

  /** Close every connection (the engine connection went away). */
  close(): void {
    for (const [id, e] of this.entries) this.drop(id, e);
  }

  private open(id: string): Entry {
    const e: Entry = { refs: 0, ctl: new AbortController(), ended: false, opening: Promise.resolve() };
    e.opening = this.options.hold(id, e.ctl.signal).then(
      (stream) => {
        if (e.ctl.signal.aborted) stream.close();
        else e.stream = stream;
      },
      (err: unknown) => {
        e.ended = true;
        if (!e.ctl.signal.aborted) this.log(`stats ${id.slice(0, 12)}: ${toBerthError(err).message}`);
      },
    );
    this.entries.set(id, e);
    return e;
  }

  private async drainEntry(id: string, e: Entry): Promise<void> {
    await e.opening;
    const stream = e.stream;
    if (!stream) return;
    const lines = await stream.drain();
    for (let i = lines.length - 1; i >= 0; i--) {
      const text = lines[i]!;
      if (!text.trim()) continue;
      // A stopped container's stream sends samples read at the zero time: the end, as far as we care.
      if (text.includes('"read":"0001-01-01')) {
        e.ended = true;
        break;
      }
      e.latest = { seq: ++this.seq, text };
      break;
    }
    if (stream.ended) e.ended = true;
    if (e.ended && e.refs === 0) this.drop(id, e);
  }

  private drop(id: string, e: Entry): void {
    if (e.grace) clearTimeout(e.grace);
    e.grace = undefined;
    e.ctl.abort();
    e.stream?.close();
    if (this.entries.get(id) === e) this.entries.delete(id);
  }
}
