import type { ExecEvent } from '../../contract/models/container-exec.js';

export interface TerminalQueueOptions {
  /** Most output characters handed over in one event (default 64 Ki). */
  maxChunk?: number;
  /** Above this many buffered characters the producer is asked to pause (default 1 Mi); it resumes below a quarter of it. */
  highWater?: number;
  /** Called with true to pause the producer (e.g. socket.pause()), false to resume it. */
  onPressure?: (paused: boolean) => void;
  /** Called once when the consumer goes away or the queue ends. */
  onClose?: () => void;
  signal?: AbortSignal;
}

/**
 * The event queue of one terminal session: `ready`, merged `output`, then `exit`. Output that arrives
 * while the consumer is busy is merged into one string (bounded: the producer is paused above
 * `highWater`, real back-pressure down to the engine's socket), so a chatty program never grows memory
 * without limit nor floods the transport with tiny events. `return()` releases the producer at once.
 */
export class TerminalQueue implements AsyncIterableIterator<ExecEvent> {
  private readonly head: ExecEvent[] = [];
  private text = '';
  private exitEvent?: ExecEvent;
  private state: 'open' | 'ending' | 'done' = 'open';
  private waiter?: (r: IteratorResult<ExecEvent>) => void;
  private paused = false;
  private readonly maxChunk: number;
  private readonly highWater: number;
  private readonly options: TerminalQueueOptions;
  private readonly onAbort = () => void this.return();

  constructor(options: TerminalQueueOptions = {}) {
    this.options = options;
    this.maxChunk = options.maxChunk ?? 65_536;
    this.highWater = options.highWater ?? 1_048_576;
    if (options.signal?.aborted) this.state = 'done';
    else options.signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  get open(): boolean {
    return this.state === 'open';
  }

  /** Buffered output characters not yet handed over. */
  get buffered(): number {
    return this.text.length;
  }

  pushEvent(event: ExecEvent): void {
    if (this.state !== 'open') return;
    this.head.push(event);
    this.wake();
  }

  pushOutput(data: string): void {
    if (this.state !== 'open' || !data) return;
    this.text += data;
    if (!this.paused && this.text.length > this.highWater) this.setPaused(true);
    this.wake();
  }

  /** The last event: the consumer gets everything queued, then this, then the end. */
  finish(exit: ExecEvent): void {
    if (this.state !== 'open') return;
    this.exitEvent = exit;
    this.state = 'ending';
    this.closed();
    this.wake();
  }

  next(): Promise<IteratorResult<ExecEvent>> {
    const item = this.take();
    if (item) return Promise.resolve(item);
    if (this.waiter) return Promise.reject(new Error('TerminalQueue has a single consumer'));
    return new Promise((resolve) => (this.waiter = resolve));
  }

  return(): Promise<IteratorResult<ExecEvent>> {
    const was = this.state;
    this.state = 'done';
    this.head.length = 0;
    this.text = '';
    if (was === 'open') this.closed();
    const w = this.waiter;
    this.waiter = undefined;
    w?.({ done: true, value: undefined });
    return Promise.resolve({ done: true, value: undefined });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private take(): IteratorResult<ExecEvent> | undefined {
    if (this.head.length) return { done: false, value: this.head.shift()! };
    if (this.text) {
      let cut = Math.min(this.text.length, this.maxChunk);
      // Never split a UTF-16 surrogate pair between two events.
      if (cut < this.text.length && /[\uD800-\uDBFF]/.test(this.text[cut - 1]!)) cut--;
      const data = this.text.slice(0, cut);
      this.text = this.text.slice(cut);
      if (this.paused && this.text.length < this.highWater / 4) this.setPaused(false);
      return { done: false, value: { kind: 'output', data } };
    }
    if (this.state === 'ending') {
      this.state = 'done';
      const exit = this.exitEvent!;
      this.exitEvent = undefined;
      return { done: false, value: exit };
    }
    if (this.state === 'done') return { done: true, value: undefined };
    return undefined;
  }

  private wake(): void {
    if (!this.waiter) return;
    const item = this.take();
    if (!item) return;
    const w = this.waiter;
    this.waiter = undefined;
    w(item);
  }

  private setPaused(paused: boolean): void {
    this.paused = paused;
    this.options.onPressure?.(paused);
  }

  private closed(): void {
    this.options.signal?.removeEventListener('abort', this.onAbort);
    if (this.paused) this.setPaused(false);
    try {
      this.options.onClose?.();
    } catch {
      // A failing cleanup must not break the consumer.
    }
  }
}
