import type { Disposable } from '../../contract/define.js';
import { BerthError } from '../../contract/errors.js';
import type { EngineEvent } from '../../contract/model.js';
import { formatSince, parseEngineEvent } from '../mapping/engine-event.js';
import { AsyncQueue } from './async-queue.js';
import { sleep } from '../util/sleep.js';
import { readNdjson } from './ndjson.js';

/** Where the hub reads events from: the engine's GET /events, behind our own small interface. */
export interface EventSource {
  /**
   * The engine's clock now, in nanoseconds, used as `since` for the first connection: the engine
   * subscribes after it sends the response headers, so without it an event in between could be lost.
   * Return undefined when unknown.
   */
  now(signal: AbortSignal): Promise<bigint | undefined>;
  /** Open GET /events with `since` ("seconds.nanoseconds", inclusive). Aborting `signal` must end the stream. */
  open(since: string | undefined, signal: AbortSignal): Promise<AsyncIterable<Uint8Array | string>>;
}

/** What a subscriber gets: events, and a marker after each reconnect (events missed in between were replayed). */
export type HubItem = { kind: 'event'; event: EngineEvent } | { kind: 'resumed'; downMs: number };

export type HubState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'disposed';
export interface HubStatus {
  state: HubState;
  /** Why the last connection ended or failed, when reconnecting. */
  lastError?: string;
}

export interface SubscribeOptions {
  /** Only these event types (container, image…); all when omitted. */
  types?: readonly string[];
  /** Most events held for this subscriber; beyond it the subscription fails (default 1000). */
  capacity?: number;
  signal?: AbortSignal;
}

export interface EventHubOptions {
  source: EventSource;
  /** Reconnect delay: starts at initialMs, doubles on each failure up to maxMs (defaults 250 ms → 10 s). */
  backoff?: { initialMs?: number; maxMs?: number };
  maxLineLength?: number;
  /** Diagnostics (bad lines, reconnects). */
  log?: (line: string) => void;
}

interface Subscriber {
  types?: ReadonlySet<string>;
  deliver(item: HubItem): void;
  fail(err: unknown): void;
  end(): void;
}

/**
 * Consumes the engine's /events stream once per engine connection and fans it out to any number of
 * subscribers, each with its own bounded queue (a slow one gets an overflow error, never unbounded
 * memory). When the stream drops it reconnects with backoff and resumes from the last event's exact
 * timeNano, dropping the replayed boundary event, so no event is missed or repeated. Bad lines are
 * logged and skipped.
 */
export class EventHub implements Disposable {
  private readonly source: EventSource;
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly log: (line: string) => void;
  private readonly maxLineLength?: number;
  private readonly subscribers = new Set<Subscriber>();
  private readonly statusListeners = new Set<(s: HubStatus) => void>();
  private readonly life = new AbortController();
  private current: HubStatus = { state: 'idle' };
  private cursor?: bigint;
  private boundary = new Set<string>();
  private firstConnect?: { promise: Promise<void>; resolve(): void; reject(e: unknown): void };

  constructor(options: EventHubOptions) {
    this.source = options.source;
    this.initialMs = options.backoff?.initialMs ?? 250;
    this.maxMs = options.backoff?.maxMs ?? 10_000;
    this.log = options.log ?? (() => undefined);
    this.maxLineLength = options.maxLineLength;
  }

  get status(): HubStatus {
    return this.current;
  }

  /** Start consuming; resolves once the first connection is up (keeps retrying until then), rejects if disposed first. */
  start(): Promise<void> {
    if (!this.firstConnect) {
      let resolve!: () => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
      promise.catch(() => undefined);
      this.firstConnect = { promise, resolve, reject };
      void this.run();
    }
    return this.firstConnect.promise;
  }

  /** Events (and resume markers) from now on. Dispose the queue (`return()`) to unsubscribe. */
  subscribe(options: SubscribeOptions = {}): AsyncQueue<HubItem> {
    return this.add<HubItem>(options, (item) => item);
  }

  /** Like subscribe, but only the events themselves. */
  subscribeEvents(options: SubscribeOptions = {}): AsyncQueue<EngineEvent> {
    return this.add<EngineEvent>(options, (item) => (item.kind === 'event' ? item.event : undefined));
  }

  onStatus(listener: (s: HubStatus) => void): Disposable {
    this.statusListeners.add(listener);
    return { dispose: () => void this.statusListeners.delete(listener) };
  }

  /** Stop consuming. Subscribers get `reason` as an error, or a normal end without one. */
  dispose(reason?: Error): void {
    if (this.current.state === 'disposed') return;
    this.life.abort();
    this.setStatus({ state: 'disposed' });
    this.firstConnect?.reject(reason ?? new BerthError('CANCELLED', 'The event hub was disposed'));
    for (const s of [...this.subscribers]) {
      if (reason) s.fail(reason);
      else s.end();
    }
    this.subscribers.clear();
    this.statusListeners.clear();
  }

  private add<T>(options: SubscribeOptions, pick: (item: HubItem) => T | undefined): AsyncQueue<T> {
    const queue = new AsyncQueue<T>({ capacity: options.capacity, signal: options.signal, onClose: () => this.subscribers.delete(sub) });
    const sub: Subscriber = {
      types: options.types?.length ? new Set(options.types) : undefined,
      deliver: (item) => {
        const v = pick(item);
        if (v !== undefined) queue.push(v);
      },
      fail: (err) => queue.fail(err),
      end: () => queue.end(),
    };
    if (this.current.state === 'disposed') queue.end();
    else if (queue.open) this.subscribers.add(sub);
    return queue;
  }

  private async run(): Promise<void> {
    const signal = this.life.signal;
    let delay = this.initialMs;
    let downSince: number | undefined;
    while (!signal.aborted) {
      const conn = new AbortController();
      const stop = () => conn.abort();
      signal.addEventListener('abort', stop, { once: true });
      let lastError = 'the engine closed the event stream';
      try {
        this.setStatus({ state: downSince === undefined ? 'connecting' : 'reconnecting', lastError: this.current.lastError });
        if (this.cursor === undefined) this.cursor = await this.source.now(conn.signal);
        const resumeFrom = this.cursor;
        const seen = new Set(this.boundary);
        const stream = await this.source.open(resumeFrom === undefined ? undefined : formatSince(resumeFrom), conn.signal);
        const openedAt = Date.now();
        this.setStatus({ state: 'connected' });
        this.firstConnect?.resolve();
        if (downSince !== undefined) this.broadcast({ kind: 'resumed', downMs: openedAt - downSince });
        downSince = undefined;
        for await (const item of readNdjson(stream, { maxLineLength: this.maxLineLength })) {
          if (signal.aborted) break;
          if (!item.ok) {
            this.log(`engine events: ${item.error.message}${item.error.excerpt ? ` (${item.error.excerpt})` : ''}`);
            continue;
          }
          const parsed = parseEngineEvent(item.value, item.text);
          if (!parsed) {
            this.log(`engine events: line ${item.line} is not an event: ${item.text.slice(0, 120)}`);
            continue;
          }
          // Replayed from before the resume point, or the boundary event we already delivered.
          if (resumeFrom !== undefined && (parsed.timeNano < resumeFrom || (parsed.timeNano === resumeFrom && seen.has(parsed.key)))) continue;
          if (this.cursor === undefined || parsed.timeNano > this.cursor) {
            this.cursor = parsed.timeNano;
            this.boundary = new Set([parsed.key]);
          } else if (parsed.timeNano === this.cursor) {
            this.boundary.add(parsed.key);
          }
          this.broadcast({ kind: 'event', event: parsed.event }, parsed.event.type);
        }
        // A connection that lived a while resets the backoff; one the engine drops at once does not.
        if (Date.now() - openedAt > 1000) delay = this.initialMs;
      } catch (err) {
        lastError = err instanceof Error ? err.message : String(err);
      } finally {
        signal.removeEventListener('abort', stop);
        conn.abort();
      }
      if (signal.aborted) break;
      downSince ??= Date.now();
      this.log(`engine events: disconnected (${lastError}); reconnecting in ${delay} ms`);
      this.setStatus({ state: 'reconnecting', lastError });
      await sleep(delay, signal);
      delay = Math.min(delay * 2, this.maxMs);
    }
  }

  private broadcast(item: HubItem, type?: string): void {
    for (const s of this.subscribers) if (!type || !s.types || s.types.has(type)) s.deliver(item);
  }

  private setStatus(s: HubStatus): void {
    if (this.current.state === 'disposed') return;
    if (s.state === this.current.state && s.lastError === this.current.lastError) return;
    this.current = s;
    for (const l of [...this.statusListeners]) l(s);
  }
}
