import { describe, expect, it, vi } from 'vitest';
import { AsyncQueue } from './async-queue.js';

describe('AsyncQueue', () => {
  it('delivers pushed items in order, then the end', async () => {
    const q = new AsyncQueue<number>();
    q.push(1);
    q.push(2);
    q.end();
    const got: number[] = [];
    for await (const n of q) got.push(n);
    expect(got).toEqual([1, 2]);
  });

  it('hands an item straight to a waiting consumer', async () => {
    const q = new AsyncQueue<string>();
    const next = q.next();
    q.push('x');
    await expect(next).resolves.toEqual({ done: false, value: 'x' });
  });

  it('fails with the overflow error after delivering what fit', async () => {
    const onClose = vi.fn();
    const q = new AsyncQueue<number>({ capacity: 2, onClose });
    expect(q.push(1)).toBe(true);
    expect(q.push(2)).toBe(true);
    expect(q.push(3)).toBe(false);
    expect(q.push(4)).toBe(false);
    expect(onClose).toHaveBeenCalledOnce();
    await expect(q.next()).resolves.toEqual({ done: false, value: 1 });
    await expect(q.next()).resolves.toEqual({ done: false, value: 2 });
    await expect(q.next()).rejects.toMatchObject({ code: 'TRANSPORT', message: expect.stringContaining('more than 2 items behind') });
    await expect(q.next()).resolves.toEqual({ done: true, value: undefined });
  });

  it('coalesces items with the same key in place, without using room', async () => {
    const q = new AsyncQueue<{ id: string; v: number }>({ capacity: 2, key: (i) => i.id });
    q.push({ id: 'a', v: 1 });
    q.push({ id: 'b', v: 1 });
    expect(q.push({ id: 'a', v: 2 })).toBe(true);
    expect(q.size).toBe(2);
    q.end();
    const got = [];
    for await (const i of q) got.push(i);
    expect(got).toEqual([
      { id: 'a', v: 2 },
      { id: 'b', v: 1 },
    ]);
  });

  it('return() ends a pending next() at once and calls onClose', async () => {
    const onClose = vi.fn();
    const q = new AsyncQueue<number>({ onClose });
    const pending = q.next();
    await q.return();
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
    expect(onClose).toHaveBeenCalledOnce();
    expect(q.push(1)).toBe(false);
  });

  it('closes when its signal aborts', async () => {
    const ctl = new AbortController();
    const onClose = vi.fn();
    const q = new AsyncQueue<number>({ signal: ctl.signal, onClose });
    const pending = q.next();
    ctl.abort();
    await expect(pending).resolves.toMatchObject({ done: true });
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('is closed from the start with an aborted signal', () => {
    const q = new AsyncQueue<number>({ signal: AbortSignal.abort() });
    expect(q.open).toBe(false);
    expect(q.push(1)).toBe(false);
  });

  it('fail() is thrown to a waiting consumer', async () => {
    const q = new AsyncQueue<number>();
    const pending = q.next();
    q.fail(new Error('gone'));
    await expect(pending).rejects.toThrow('gone');
  });

  it('clear() drops queued items', async () => {
    const q = new AsyncQueue<number>();
    q.push(1);
    q.clear();
    q.push(2);
    await expect(q.next()).resolves.toEqual({ done: false, value: 2 });
  });
});
