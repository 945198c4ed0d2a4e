import type { BerthError, Disposable, StreamHandlers } from '../../../contract/index.js';

export interface ResilientStreamOptions {
  /** First retry delay after the stream ends or fails (ms). Doubles on each failure in a row. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

export interface ResilientHandlers<E> {
  next(events: E[]): void;
  /** The stream failed; it will be reopened after `retryInMs`. */
  error?(err: BerthError, retryInMs: number): void;
}

/**
 * Keeps a contract stream open: when it ends or fails it is reopened with exponential backoff
 * (reset by the first event that arrives). Transport reconnects are handled by the client itself,
 * which re-sends live subscriptions; this covers streams the back end ended. Dispose to stop.
 */
export function subscribeResilient<E>(
  open: (handlers: StreamHandlers<E>) => Disposable,
  handlers: ResilientHandlers<E>,
  options: ResilientStreamOptions = {},
): Disposable {
  const minDelay = options.minDelayMs ?? 1000;
  const maxDelay = options.maxDelayMs ?? 30_000;
  let delay = minDelay;
  let disposed = false;
  let current: Disposable | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;

  const retry = () => {
    const wait = delay;
    delay = Math.min(delay * 2, maxDelay);
    timer = setTimeout(() => {
      timer = undefined;
      start();
    }, wait);
    return wait;
  };

  const start = () => {
    if (disposed) return;
    const mine = ++generation;
    const live = () => !disposed && mine === generation;
    current = open({
      next(events) {
        if (!live()) return;
        delay = minDelay;
        handlers.next(events);
      },
      error(err) {
        if (!live()) return;
        current = undefined;
        handlers.error?.(err, retry());
      },
      complete() {
        if (!live()) return;
        current = undefined;
        retry();
      },
    });
  };

  start();
  return {
    dispose() {
      if (disposed) return;
      disposed = true;
      if (timer) clearTimeout(timer);
      current?.dispose();
      current = undefined;
    },
  };
}
