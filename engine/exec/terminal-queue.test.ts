import { describe, expect, it, vi } from 'vitest';
import { TerminalQueue } from './terminal-queue.js';

describe('TerminalQueue', () => {
  it('delivers ready, merged output, then exit, then the end', async () => {
    const q = new TerminalQueue();
    q.pushEvent({ kind: 'ready', session: 's', attached: false, tty: true });
    q.pushOutput('a');
    q.pushOutput('b');
    q.finish({ kind: 'exit', code: 0 });
    q.pushOutput('ignored after finish');
    const got = [];
    for await (const e of q) got.push(e);
    expect(got).toEqual([{ kind: 'ready', session: 's', attached: false, tty: true }, { kind: 'output', data: 'ab' }, { kind: 'exit', code: 0 }]);
  });

  it('wakes a waiting consumer', async () => {
    const q = new TerminalQueue();
    const next = q.next();
    q.pushOutput('x');
    await expect(next).resolves.toEqual({ done: false, value: { kind: 'output', data: 'x' } });
  });

  it('pauses the producer above the high-water mark and resumes once drained; chunks are bounded', async () => {
    const onPressure = vi.fn();
    const q = new TerminalQueue({ highWater: 100, maxChunk: 40, onPressure });
    q.pushOutput('x'.repeat(150));
    expect(onPressure).toHaveBeenLastCalledWith(true);
    const sizes: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await q.next();
      sizes.push(r.value!.kind === 'output' ? r.value!.data.length : -1);
    }
    expect(sizes).toEqual([40, 40, 40]);
    // 30 left: still above a quarter of the high-water mark.
    expect(onPressure).toHaveBeenLastCalledWith(true);
    expect(q.buffered).toBe(30);
    await q.next();
    expect(onPressure).toHaveBeenLastCalledWith(false);
    expect(onPressure).toHaveBeenCalledTimes(2);
  });

  it('never splits a surrogate pair between two output events', async () => {
    const q = new TerminalQueue({ maxChunk: 4 });
    q.pushOutput('abc🚢def');
    const first = await q.next();
    expect(first.value).toEqual({ kind: 'output', data: 'abc' });
    const second = await q.next();
    expect(second.value).toEqual({ kind: 'output', data: '🚢de' });
  });

  it('return() and abort close at once and run the cleanup exactly once', async () => {
    const onClose = vi.fn();
    const ctl = new AbortController();
    const q = new TerminalQueue({ onClose, signal: ctl.signal });
    const waiting = q.next();
    ctl.abort();
    await expect(waiting).resolves.toEqual({ done: true, value: undefined });
    await q.return();
    expect(onClose).toHaveBeenCalledTimes(1);
    q.pushOutput('late');
    await expect(q.next()).resolves.toEqual({ done: true, value: undefined });
  });
});
