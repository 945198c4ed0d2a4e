import { afterEach, describe, expect, it, vi } from 'vitest';
import { ByteQueue } from './byte-queue.js';

const bytes = (n: number) => new Uint8Array(n);

async function readAll(q: ByteQueue): Promise<number> {
  let n = 0;
  for await (const chunk of q) n += chunk.length;
  return n;
}

describe('ByteQueue', () => {
  afterEach(() => vi.useRealTimers());

  it('hands over what was pushed, in order, and acknowledges as the reader consumes', async () => {
    const acks: number[] = [];
    const q = new ByteQueue({ window: 100, ackEvery: 10, ack: (b) => acks.push(b) });
    const reading = readAll(q);
    for (let i = 0; i < 10; i++) {
      expect(q.push(bytes(6))).toBe(true);
      await Promise.resolve();
    }
    q.end();
    expect(await reading).toBe(60);
    expect(acks.at(-1)).toBeGreaterThanOrEqual(50);
  });

  it('fails a sender that goes past its window', async () => {
    const q = new ByteQueue({ window: 10, ackEvery: 5, ack: () => undefined });
    expect(q.push(bytes(8))).toBe(true);
    expect(q.push(bytes(8))).toBe(false);
    await expect(readAll(q)).rejects.toMatchObject({ code: 'TRANSPORT' });
  });

  it('fails a reader left waiting idleMs without bytes, but not one fed more often, however many waits', async () => {
    vi.useFakeTimers();
    const q = new ByteQueue({ window: 1000, ackEvery: 100, ack: () => undefined, idleMs: 1000 });
    let failed: unknown;
    const reading = readAll(q).catch((err: unknown) => (failed = err));
    // Fed every 600 ms for 6 s: each wait is shorter than idleMs, though the timer outlives many of them.
    for (let i = 0; i < 10; i++) {
      await vi.advanceTimersByTimeAsync(600);
      q.push(bytes(1));
    }
    expect(failed).toBeUndefined();
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(failed).toBeUndefined();
    await vi.advanceTimersByTimeAsync(2);
    await reading;
    expect(failed).toMatchObject({ code: 'TRANSPORT', message: 'No bytes arrived for 1 s' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('leaves no timer behind once the sender ends', async () => {
    vi.useFakeTimers();
    const q = new ByteQueue({ window: 1000, ackEvery: 100, ack: () => undefined, idleMs: 1000 });
    const reading = readAll(q);
    await vi.advanceTimersByTimeAsync(10);
    q.push(bytes(3));
    q.end();
    expect(await reading).toBe(3);
    expect(vi.getTimerCount()).toBe(0);
  });
});
