import { describe, expect, it } from 'vitest';
import type { HeldStream } from '../adapter/engine-adapter.js';
import { StatsPool } from './stats-pool.js';

function fakeHolds() {
  const opened: string[] = [];
  const streams: { id: string; lines: string[]; ended: boolean; closed: boolean }[] = [];
  const hold = async (id: string): Promise<HeldStream> => {
    opened.push(id);
    const s = { id, lines: [] as string[], ended: false, closed: false };
    streams.push(s);
    return {
      get ended() {
        return s.ended;
      },
      drain: async () => s.lines.splice(0),
      close: () => {
        s.closed = true;
        s.ended = true;
      },
    };
  };
  return { hold, opened, streams };
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('StatsPool', () => {
  it('one connection per container for all leases; kept for the grace period after the last release', async () => {
    const f = fakeHolds();
    const pool = new StatsPool({ hold: f.hold, graceMs: 40 });
    const a1 = pool.lease('a');
    const a2 = pool.lease('a');
    await pool.drain(['a']);
    expect(f.opened).toEqual(['a']);
    f.streams[0]!.lines.push('{"read":"2024-01-01T00:00:01Z","n":1}', '{"read":"2024-01-01T00:00:02Z","n":2}');
    await pool.drain(['a']);
    expect(a1.latest()).toEqual({ seq: 1, text: '{"read":"2024-01-01T00:00:02Z","n":2}' });
    expect(a2.latest()).toBe(a1.latest());
    a1.release();
    a2.release();
    a2.release(); // twice is harmless
    const again = pool.lease('a'); // within the grace: the same connection
    expect(f.opened).toEqual(['a']);
    again.release();
    await sleep(80);
    expect(f.streams[0]!.closed).toBe(true);
    expect(pool.size).toBe(0);
  });

  it('a stream that ends (or sends zero-time samples) marks its leases ended; a new lease opens a new connection', async () => {
    const f = fakeHolds();
    const pool = new StatsPool({ hold: f.hold, graceMs: 1000 });
    const a = pool.lease('a');
    const b = pool.lease('b');
    await pool.drain(['a', 'b']);
    f.streams[0]!.ended = true;
    f.streams[1]!.lines.push('{"read":"0001-01-01T00:00:00Z"}');
    await pool.drain(['a', 'b']);
    expect([a.ended(), b.ended()]).toEqual([true, true]);
    const a2 = pool.lease('a');
    await pool.drain(['a']);
    expect(f.opened).toEqual(['a', 'b', 'a']);
    expect(a2.ended()).toBe(false);
    a.release();
    b.release();
    a2.release();
    pool.close();
    expect(pool.size).toBe(0);
  });

  it('a connection that fails to open is ended and logged, not thrown', async () => {
    const logs: string[] = [];
    const pool = new StatsPool({ hold: () => Promise.reject(Object.assign(new Error('x'), { statusCode: 404, json: { message: 'No such container: zz' } })), log: (l) => logs.push(l) });
    const z = pool.lease('zz');
    await pool.drain(['zz']);
    await sleep(0);
    expect(z.ended()).toBe(true);
    expect(logs).toEqual(['stats zz: No such container: zz']);
    z.release();
    expect(pool.size).toBe(0);
  });
});
