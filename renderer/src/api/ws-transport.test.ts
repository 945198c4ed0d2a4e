import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BerthContract } from '../../../contract/index.js';
import { berthKinds } from '../../../contract/kinds.js';
import { createClient } from '../../../contract/rpc-client.js';
import type { EarlySocket } from './early-socket.js';
import { createWsTransport } from './ws-transport.js';

/** A WebSocket as the transport and early-socket.ts use it; listeners run before the on… handler, as they do when added first. */
class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static all: FakeSocket[] = [];
  readyState = FakeSocket.CONNECTING;
  binaryType = 'blob';
  sent: unknown[] = [];
  onopen: ((ev: object) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: object) => void) | null = null;
  private listeners = new Map<string, Set<(ev: never) => void>>();
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  addEventListener(type: string, fn: (ev: never) => void) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(fn);
  }
  removeEventListener(type: string, fn: (ev: never) => void) {
    this.listeners.get(type)?.delete(fn);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    if (this.readyState === FakeSocket.CLOSED) return;
    this.readyState = FakeSocket.CLOSED;
    this.fire('close', {});
  }
  // The server's side.
  open() {
    this.readyState = FakeSocket.OPEN;
    this.fire('open', {});
  }
  message(msg: object) {
    this.fire('message', { data: JSON.stringify(msg) });
  }
  private fire(type: string, ev: object) {
    for (const fn of this.listeners.get(type) ?? []) (fn as (e: object) => void)(ev);
    (this as unknown as Record<string, ((e: object) => void) | null>)[`on${type}`]?.(ev);
  }
}

const snapshot = { kind: 'snapshot', items: [{ id: 'c1', name: 'web' }] };
const settle = () => new Promise((r) => setTimeout(r, 0));

/** Runs early-socket.ts as the page does, before the main chunk: its socket and subscriptions. */
async function earlySocket(): Promise<{ early: EarlySocket; socket: FakeSocket }> {
  vi.resetModules();
  await import('./early-socket.js');
  const early = window.berthEarlySocket!;
  window.berthEarlySocket = undefined;
  return { early, socket: FakeSocket.all.at(-1)! };
}

function client(early: EarlySocket | undefined) {
  const transport = createWsTransport('ws://berth.test/api', early);
  return { transport, api: createClient<BerthContract>(berthKinds, transport) };
}

describe('browser-mode transport adopting the early socket', () => {
  beforeEach(() => {
    FakeSocket.all = [];
    vi.stubGlobal('WebSocket', FakeSocket);
    vi.stubGlobal('location', { protocol: 'http:', host: 'berth.test' });
    vi.stubGlobal('window', { location: globalThis.location });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('opens no early socket when its file runs after the main chunk made the transport', async () => {
    window.berthEarlySocket = null;
    vi.resetModules();
    await import('./early-socket.js');
    expect(FakeSocket.all).toHaveLength(0);
    expect(window.berthEarlySocket).toBeNull();
    window.berthEarlySocket = undefined;
  });

  it('takes over an open socket: the container list that already came is delivered, and not asked for again', async () => {
    const { early, socket } = await earlySocket();
    socket.open();
    expect(socket.sent).toEqual([{ t: 'sub', id: 0, name: 'containers.watch', args: {} }]);
    socket.message({ t: 'events', id: 0, events: [snapshot] }); // before the main chunk ran

    const { api } = client(early);
    const events: unknown[] = [];
    const watch = api.containers.watch({}, { next: (e) => events.push(...e), restarted: () => events.push('restarted') });
    await settle();
    expect(events).toEqual([snapshot]);
    expect(FakeSocket.all).toHaveLength(1);
    expect(socket.sent.filter((m) => (m as { t: string }).t === 'sub')).toHaveLength(1);

    // Later events and the end of the stream are re-addressed to the client's subscription.
    socket.message({ t: 'events', id: 0, events: [{ kind: 'remove', id: 'c1' }] });
    expect(events).toEqual([snapshot, { kind: 'remove', id: 'c1' }]);
    // Calls go out under the client's own ids; their results come back to it.
    const status = api.engine.status({});
    const call = socket.sent.at(-1) as { t: string; id: number };
    expect(call).toMatchObject({ t: 'call', name: 'engine.status' });
    expect(call.id).toBeGreaterThan(0);
    socket.message({ t: 'result', id: call.id, ok: true, value: { state: 'running', managed: false } });
    await expect(status).resolves.toEqual({ state: 'running', managed: false });

    watch.dispose();
    expect(socket.sent.at(-1)).toEqual({ t: 'unsub', id: 0 });
  });

  it('takes over a socket that is still connecting: the early subscription is sent once, on open', async () => {
    const { early, socket } = await earlySocket();
    const { api } = client(early);
    const events: unknown[] = [];
    api.containers.watch({}, { next: (e) => events.push(...e) });
    await settle();
    expect(socket.sent).toEqual([]);
    socket.open();
    expect(socket.sent).toEqual([{ t: 'sub', id: 0, name: 'containers.watch', args: {} }]);
    socket.message({ t: 'events', id: 0, events: [snapshot] });
    await settle();
    expect(events).toEqual([snapshot]);
  });

  it('ends an early subscription the client did not take over', async () => {
    const { early, socket } = await earlySocket();
    socket.open();
    socket.message({ t: 'events', id: 0, events: [snapshot] });
    const { api } = client(early);
    api.containers.watch({ unexpected: true } as never, { next: () => undefined });
    await settle();
    expect(socket.sent).toContainEqual({ t: 'unsub', id: 0 });
    expect(socket.sent).toContainEqual(expect.objectContaining({ t: 'sub', name: 'containers.watch', args: { unexpected: true } }));
  });

  it('after a reconnect, subscribes under its own ids on the new socket', async () => {
    vi.useFakeTimers();
    const { early, socket } = await earlySocket();
    socket.open();
    const { api } = client(early);
    const events: unknown[] = [];
    api.containers.watch({}, { next: (e) => events.push(...e), restarted: () => events.push('restarted') });
    await vi.advanceTimersByTimeAsync(0);
    socket.close();
    await vi.advanceTimersByTimeAsync(250);
    const next = FakeSocket.all.at(-1)!;
    expect(next).not.toBe(socket);
    next.open();
    const sub = next.sent.find((m) => (m as { t: string }).t === 'sub') as { id: number; name: string };
    expect(sub).toMatchObject({ name: 'containers.watch' });
    expect(sub.id).toBeGreaterThan(0);
    next.message({ t: 'events', id: sub.id, events: [snapshot] });
    socket.message({ t: 'events', id: 0, events: ['stale'] }); // the old socket's early id means nothing now
    expect(events).toEqual(['restarted', snapshot]);
  });

  it('opens its own socket when the early one has already failed', async () => {
    const { early, socket } = await earlySocket();
    socket.close();
    client(early);
    expect(FakeSocket.all).toHaveLength(2);
    expect(FakeSocket.all[1]!.url).toBe('ws://berth.test/api');
  });

  it('a call that failed while the back end was down is never sent when it comes back', async () => {
    vi.useFakeTimers();
    const { api } = client(undefined);
    const first = FakeSocket.all.at(-1)!;
    first.open();
    first.close(); // the server goes away
    const stop = api.containers.stop({ id: 'c1' }).then(
      () => 'answered',
      (e: Error) => e.message,
    );
    await vi.advanceTimersByTimeAsync(250);
    FakeSocket.all.at(-1)!.close(); // a reconnect attempt that fails: pending calls are failed
    expect(await stop).toMatch(/lost/);
    await vi.advanceTimersByTimeAsync(500);
    const back = FakeSocket.all.at(-1)!;
    back.open();
    expect(back.sent.filter((m) => (m as { t: string }).t === 'call')).toEqual([]);
    // A call made now goes out, once.
    void api.containers.stop({ id: 'c1' }).catch(() => undefined);
    expect(back.sent.filter((m) => (m as { t: string }).t === 'call')).toHaveLength(1);
  });
});
