import type { Disposable } from '../../contract/define.js';
import { AsyncQueue } from './async-queue.js';

/**
 * A value as an observable: `get`, `set` (equal values, by JSON, are not re-announced), listeners, and
 * `changes()` streams that start with the current value. Each stream holds at most one pending value
 * (latest wins), so a slow consumer never grows memory and always ends on the truth.
 */
export class ValueStore<T> {
  private value: T;
  private readonly listeners = new Set<(v: T) => void>();
  private readonly streams = new Set<AsyncQueue<T>>();
  private closed = false;

  constructor(initial: T) {
    this.value = initial;
  }

  get(): T {
    return this.value;
  }

  set(next: T): void {
    if (this.closed || JSON.stringify(this.value) === JSON.stringify(next)) return;
    this.value = next;
    for (const l of [...this.listeners]) l(next);
  }

  onChange(listener: (v: T) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  /** The current value, then every change, until `signal` aborts or the store closes. */
  changes(signal?: AbortSignal): AsyncQueue<T> {
    const subs: Disposable[] = [];
    const queue: AsyncQueue<T> = new AsyncQueue<T>({
      capacity: 1,
      key: () => 'value',
      signal,
      onClose: () => {
        for (const d of subs) d.dispose();
        this.streams.delete(queue);
      },
    });
    if (!queue.open) return queue;
    queue.push(this.value);
    if (this.closed) {
      queue.end();
      return queue;
    }
    subs.push(this.onChange((v) => queue.push(v)));
    this.streams.add(queue);
    return queue;
  }

  /** Final value: streams get it, then their end. */
  close(final?: T): void {
    if (final !== undefined) this.set(final);
    this.closed = true;
    this.listeners.clear();
    for (const q of [...this.streams]) q.end();
    this.streams.clear();
  }
}
