import type { Disposable } from '../../contract/define.js';
import type { EngineStatus } from '../../contract/model.js';
import { AsyncQueue } from '../streams/async-queue.js';

/**
 * The engine status as an observable value: `get`, `set` (equal values are not re-announced),
 * listeners, and `changes()` streams that start with the current value. Each stream holds at most one
 * pending value (latest wins), so a slow consumer never grows memory and always ends on the truth.
 */
export class StatusStore {
  private value: EngineStatus;
  private readonly listeners = new Set<(s: EngineStatus) => void>();
  private readonly streams = new Set<AsyncQueue<EngineStatus>>();
  private closed = false;

  constructor(initial: EngineStatus) {
    this.value = initial;
  }

  get(): EngineStatus {
    return this.value;
  }

  set(next: EngineStatus): void {
    if (this.closed || sameStatus(this.value, next)) return;
    this.value = next;
    for (const l of [...this.listeners]) l(next);
  }

  onChange(listener: (s: EngineStatus) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  /** The current status, then every change, until `signal` aborts or the store closes. */
  changes(signal?: AbortSignal): AsyncQueue<EngineStatus> {
    const subs: Disposable[] = [];
    const queue: AsyncQueue<EngineStatus> = new AsyncQueue<EngineStatus>({
      capacity: 1,
      key: () => 'status',
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
    subs.push(this.onChange((s) => queue.push(s)));
    this.streams.add(queue);
    return queue;
  }

  /** Final value: streams get it, then their end. */
  close(final?: EngineStatus): void {
    if (final) this.set(final);
    this.closed = true;
    this.listeners.clear();
    for (const q of [...this.streams]) q.end();
    this.streams.clear();
  }
}

function sameStatus(a: EngineStatus, b: EngineStatus): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
