import { randomBytes } from 'node:crypto';
import { BerthError } from '../../contract/errors.js';

/** One download's credit window: the sender waits while more than `window` bytes are unacknowledged. */
export class DownloadFlow {
  readonly id = randomBytes(16).toString('hex');
  private sent = 0;
  private acked = 0;
  private waiter?: () => void;

  constructor(
    readonly connectionId: string,
    private readonly window: number,
    private readonly signal: AbortSignal,
  ) {
    signal.addEventListener('abort', () => this.wake(), { once: true });
  }

  /** Count `bytes` as sent, after waiting until the window has room (or the download is aborted). */
  async send(bytes: number): Promise<void> {
    while (this.sent - this.acked >= this.window && !this.signal.aborted) {
      await new Promise<void>((resolve) => (this.waiter = resolve));
    }
    this.sent += bytes;
  }

  ack(received: number): void {
    if (received > this.sent) throw new BerthError('VALIDATION', `Invalid argument "received": ${received} is more than the ${this.sent} bytes sent`);
    if (received > this.acked) this.acked = received;
    this.wake();
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
  }
}

/** The live downloads of a service, so acks find their flow; each removes itself when it ends. */
export class DownloadFlows {
  private readonly flows = new Map<string, DownloadFlow>();

  constructor(private readonly window: number) {}

  open(connectionId: string, signal: AbortSignal): DownloadFlow {
    const flow = new DownloadFlow(connectionId, this.window, signal);
    this.flows.set(flow.id, flow);
    return flow;
  }

  close(flow: DownloadFlow): void {
    this.flows.delete(flow.id);
  }

  ack(connectionId: string, downloadId: string, received: number): void {
    const flow = this.flows.get(downloadId);
    // A late ack for a finished download is harmless; one from another connection is not allowed.
    if (!flow) return;
    if (flow.connectionId !== connectionId) throw new BerthError('NOT_FOUND', 'No such download on this connection');
    flow.ack(received);
  }

  get size(): number {
    return this.flows.size;
  }
}
