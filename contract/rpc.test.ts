import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { method, stream, type Implementation } from './define.js';
import { BerthError } from './errors.js';
import { createClient, createDispatcher, type ClientMessage, type ServerMessage } from './rpc.js';

const testContract = {
  math: {
    add: method<number>()(z.object({ a: z.number(), b: z.number() }).strict()),
    count: stream<number>()(z.object({ to: z.number().int().max(10_000) }).strict()),
    fail: method<void>()(z.object({}).strict()),
  },
};

const impl: Implementation<typeof testContract> = {
  math: {
    add: async ({ a, b }) => a + b,
    async *count({ to }) {
      for (let i = 1; i <= to; i++) yield i;
    },
    fail: async () => {
      throw new BerthError('CONFLICT', 'port 8080 is already in use', { port: 8080 });
    },
  },
};

/** A loopback transport that JSON-encodes both ways, as the real ones do. */
function loopback() {
  const dispatcher = createDispatcher(testContract, impl, { batchMs: 5, maxBatch: 100 });
  const listeners = new Set<(m: unknown) => void>();
  const conn = dispatcher.connect(
    { send: (m: ServerMessage) => queueMicrotask(() => listeners.forEach((l) => l(JSON.parse(JSON.stringify(m))))) },
    'test',
  );
  const client = createClient(testContract, {
    send: (m: ClientMessage) => conn.handle(JSON.parse(JSON.stringify(m))),
    onMessage: (cb) => (listeners.add(cb), { dispose: () => listeners.delete(cb) }),
  });
  return { client, conn };
}

describe('rpc derived from the contract', () => {
  it('calls a method and returns its result', async () => {
    const { client } = loopback();
    await expect(client.math.add({ a: 2, b: 3 })).resolves.toBe(5);
  });

  it('rejects an invalid argument with a VALIDATION error naming the field', async () => {
    const { client } = loopback();
    const err = await client.math.add({ a: 2, b: 'x' as unknown as number }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BerthError);
    expect((err as BerthError).code).toBe('VALIDATION');
    expect((err as BerthError).message).toContain('"b"');
    expect((err as BerthError).details).toMatchObject({ issues: [{ field: 'b' }] });
  });

  it('rejects unknown fields (strict schemas)', async () => {
    const { client } = loopback();
    const err = (await client.math.add({ a: 1, b: 2, c: 3 } as never).catch((e: unknown) => e)) as BerthError;
    expect(err.code).toBe('VALIDATION');
  });

  it('carries a BerthError across with code, message and details', async () => {
    const { client } = loopback();
    const err = (await client.math.fail({}).catch((e: unknown) => e)) as BerthError;
    expect(err.toJSON()).toEqual({ code: 'CONFLICT', message: 'port 8080 is already in use', details: { port: 8080 } });
  });

  it('streams events in batches and completes', async () => {
    const { client } = loopback();
    const got: number[] = [];
    let batches = 0;
    await new Promise<void>((resolve, reject) =>
      client.math.count({ to: 1000 }, { next: (e) => (batches++, got.push(...e)), complete: resolve, error: reject }),
    );
    expect(got).toHaveLength(1000);
    expect(got[999]).toBe(1000);
    expect(batches).toBeGreaterThan(1);
    expect(batches).toBeLessThan(1000);
  });

  it('refuses an unknown method and a malformed message', async () => {
    const sent: ServerMessage[] = [];
    const conn = createDispatcher(testContract, impl).connect({ send: (m) => sent.push(m) }, 't');
    conn.handle({ t: 'call', id: 1, name: 'math.nope', args: {} });
    conn.handle({ t: 'bogus' });
    conn.handle({ t: 'call', id: 2, name: 'constructor.toString', args: {} });
    await new Promise((r) => setTimeout(r, 10));
    expect(sent).toContainEqual(expect.objectContaining({ id: 1, ok: false, error: expect.objectContaining({ code: 'UNKNOWN_METHOD' }) }));
    expect(sent).toContainEqual(expect.objectContaining({ id: -1, ok: false, error: expect.objectContaining({ code: 'VALIDATION' }) }));
    expect(sent).toContainEqual(expect.objectContaining({ id: 2, ok: false, error: expect.objectContaining({ code: 'UNKNOWN_METHOD' }) }));
  });
});

describe('back-pressure', () => {
  it('pulls nothing from a stream while the transport is congested, and resumes when it drains', async () => {
    let pulled = 0;
    const c = { s: { n: stream<number>()(z.object({}).strict()) } };
    const endless: Implementation<typeof c> = {
      s: {
        async *n() {
          for (;;) yield ++pulled;
        },
      },
    };
    let congested = false;
    const sent: ServerMessage[] = [];
    const conn = createDispatcher(c, endless, { batchMs: 1, maxBatch: 10 }).connect(
      { send: (m) => (sent.push(m), (congested = true)), congested: () => congested },
      't',
    );
    conn.handle({ t: 'sub', id: 1, name: 's.n', args: {} });
    await new Promise((r) => setTimeout(r, 50));
    const whileCongested = pulled;
    expect(sent).toHaveLength(1);
    expect(whileCongested).toBeLessThanOrEqual(11);
    congested = false;
    await new Promise((r) => setTimeout(r, 50));
    expect(pulled).toBeGreaterThan(whileCongested);
    conn.close();
  });
});

describe('reconnects', () => {
  /** A transport the test opens and closes by hand; it records what the client sent. */
  function manualTransport() {
    const sent: ClientMessage[] = [];
    const status = new Set<(s: 'open' | 'closed') => void>();
    const transport = {
      send: (m: ClientMessage) => void sent.push(m),
      onMessage: () => ({ dispose: () => undefined }),
      onStatus: (cb: (s: 'open' | 'closed') => void) => (status.add(cb), { dispose: () => status.delete(cb) }),
    };
    return { transport, sent, set: (s: 'open' | 'closed') => status.forEach((l) => l(s)) };
  }

  it('re-sends live subscriptions on reconnect and tells their handlers the stream starts over', () => {
    const t = manualTransport();
    const client = createClient(testContract, t.transport);
    const log: string[] = [];
    // Subscribed before the transport first opened: its first delivery is not a restart.
    client.math.count({ to: 3 }, { next: () => undefined, restarted: () => log.push('early restarted') });
    t.set('open');
    expect(log).toEqual([]);
    client.math.count({ to: 5 }, { next: () => undefined, restarted: () => log.push('late restarted') });
    const subs = () => t.sent.filter((m) => m.t === 'sub').length;
    expect(subs()).toBe(3); // early (sent twice: dropped while closed, then on open) + late
    t.set('closed');
    t.set('open');
    expect(log).toEqual(['early restarted', 'late restarted']);
    expect(subs()).toBe(5);
  });

  it('a transport without a status (Electron IPC) never restarts a stream', () => {
    const sent: ClientMessage[] = [];
    const client = createClient(testContract, { send: (m) => void sent.push(m), onMessage: () => ({ dispose: () => undefined }) });
    let restarted = 0;
    client.math.count({ to: 3 }, { next: () => undefined, restarted: () => restarted++ });
    expect(sent).toHaveLength(1);
    expect(restarted).toBe(0);
  });
});
