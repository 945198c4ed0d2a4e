import { BerthError } from '../../contract/errors.js';

export interface AsyncQueueOptions<T> {
  /** Most items held at once. A push beyond it fails the queue with `overflowError` (default 1000). */
  capacity?: number;
  /**
   * Coalescing: an item whose key is already queued replaces the queued one in place (latest wins)
   * and takes no extra room. Items with an undefined key are never coalesced.
   */
  key?: (item: T) => string | undefined;
  /** The error the consumer gets after the items queued before an overflow. */
  overflowError?: () => Error;
  /** Closes the queue (the consumer sees the end) when aborted. */
  signal?: AbortSignal;
  /** Called once, as soon as the queue stops accepting items (end, fail, return, abort): unsubscribe here. */
  onClose?: () => void;
}

/**
 * A bounded single-consumer queue that is an AsyncIterableIterator: producers `push`, the consumer
 * `for await`s. Unlike an async generator, `return()` takes effect at once even while the consumer is
 * waiting, so a stream is released as soon as its caller goes away. The back end's streams (hub
 * subscriptions, watches, status changes) are built on it.
 */
export class AsyncQueue<T> implements AsyncIterableIterator<T> {
  private readonly items = new Map<string, T>();
  private readonly capacity: number;
  private readonly keyOf?: (item: T) => string | undefined;
  private readonly overflowError: () => Error;
  private onClose?: () => void;
  private waiter?: { resolve(r: IteratorResult<T>): void; reject(e: unknown): void };
  private state: 'open' | 'draining' | 'done' = 'open';
  private error?: unknown;
  private seq = 0;
  private readonly signal?: AbortSignal;
  private readonly onAbort = () => void this.return();

  constructor(options: AsyncQueueOptions<T> = {}) {
    this.capacity = options.capacity ?? 1000;
    this.keyOf = options.key;
    this.onClose = options.onClose;
    this.overflowError =
      options.overflowError ?? (() => new BerthError('TRANSPORT', `The consumer fell more than ${this.capacity} items behind; subscribe again`));
    this.signal = options.signal;
    if (this.signal?.aborted) this.close();
    else this.signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** Items waiting for the consumer. */
  get size(): number {
    return this.items.size;
  }

  /** True until end(), fail(), return() or an abort. */
  get open(): boolean {
    return this.state === 'open';
  }

  /** Queue an item; false (and the item is dropped) if the queue is closed or just overflowed. */
  push(item: T): boolean {
    if (this.state !== 'open') return false;
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = undefined;
      w.resolve({ done: false, value: item });
      return true;
    }
    const key = this.keyOf?.(item);
    if (key !== undefined && this.items.has(`k${key}`)) {
      this.items.set(`k${key}`, item);
      return true;
    }
    if (this.items.size >= this.capacity) {
      this.fail(this.overflowError());
      return false;
    }
    this.items.set(key !== undefined ? `k${key}` : `s${this.seq++}`, item);
    return true;
  }

  /** Drop everything queued (e.g. a fresh snapshot makes older deltas moot). */
  clear(): void {
    this.items.clear();
  }

  /** No more items: the consumer gets what is queued, then the end. */
  end(): void {
    if (this.state !== 'open') return;
    this.state = 'draining';
    this.closed();
    this.settle();
  }

  /** No more items: the consumer gets what is queued, then `err` is thrown to it. */
  fail(err: unknown): void {
    if (this.state !== 'open') return;
    this.state = 'draining';
    this.error = err;
    this.closed();
    this.settle();
  }

  next(): Promise<IteratorResult<T>> {
    const first = this.items.entries().next();
    if (!first.done) {
      this.items.delete(first.value[0]);
      return Promise.resolve({ done: false, value: first.value[1] });
    }
    if (this.state === 'draining') {
      this.state = 'done';
      const err = this.error;
      this.error = undefined;
      return err === undefined ? Promise.resolve({ done: true, value: undefined }) : Promise.reject(err);
    }
    if (this.state === 'done') return Promise.resolve({ done: true, value: undefined });
    if (this.waiter) return Promise.reject(new Error('AsyncQueue has a single consumer: next() called while another next() is pending'));
    return new Promise((resolve, reject) => (this.waiter = { resolve, reject }));
  }

  /** The consumer is done: drop the queue and release the producer now. */
  return(): Promise<IteratorResult<T>> {
    this.close();
    return Promise.resolve({ done: true, value: undefined });
  }

  throw(err?: unknown): Promise<IteratorResult<T>> {
    this.close();
    return Promise.reject(err);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private close(): void {
    const wasDone = this.state === 'done';
    this.state = 'done';
    this.items.clear();
    this.error = undefined;
    if (!wasDone) this.closed();
    const w = this.waiter;
    this.waiter = undefined;
    w?.resolve({ done: true, value: undefined });
  }

  private settle(): void {
    if (!this.waiter) return;
    const w = this.waiter;
    this.waiter = undefined;
    this.next().then(w.resolve, w.reject);
  }

  private closed(): void {
    this.signal?.removeEventListener('abort', this.onAbort);
    const cb = this.onClose;
    this.onClose = undefined;
    try {
      cb?.();
    } catch {
      // A failing unsubscribe must not break the consumer.
    }
  }
}
