import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StreamHandlers } from '../../../../contract/index.js';
import type { ExecEvent } from '../../../../contract/models/container-exec.js';
import { TerminalSession, type ExecApi, type SessionState } from './terminal-session.js';

function setup() {
  const subs: { args: unknown; handlers: StreamHandlers<ExecEvent>; disposed: boolean }[] = [];
  const inputs: { session: string; data: string }[] = [];
  const resizes: { session: string; cols: number; rows: number }[] = [];
  const api = {
    containers: {
      exec: (args: unknown, handlers: StreamHandlers<ExecEvent>) => {
        const s = { args, handlers, disposed: false };
        subs.push(s);
        return { dispose: () => void (s.disposed = true) };
      },
      execInput: vi.fn(async (a: { session: string; data: string }) => void inputs.push(a)),
      execResize: vi.fn(async (a: { session: string; cols: number; rows: number }) => void resizes.push(a)),
    },
  } as unknown as ExecApi;
  const written: string[] = [];
  const states: SessionState[] = [];
  const session = new TerminalSession(api, { write: (d) => written.push(d), onState: (s) => states.push(s), resizeDebounceMs: 50 });
  return { api, subs, inputs, resizes, written, states, session };
}

const S = 'a'.repeat(32);

describe('TerminalSession', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('connects, forwards output and input, and reports a normal exit in the terminal', () => {
    const t = setup();
    t.session.connect({ id: 'c1', command: 'sh', attach: false, cols: 90, rows: 20 });
    expect(t.subs[0]!.args).toEqual({ id: 'c1', command: 'sh', cols: 90, rows: 20, attach: false });
    expect(t.states.at(-1)).toEqual({ phase: 'connecting' });
    t.session.input('ignored before ready');
    t.subs[0]!.handlers.next([{ kind: 'ready', session: S, attached: false, tty: true }, { kind: 'output', data: '/ # ' }]);
    expect(t.states.at(-1)).toEqual({ phase: 'connected', attached: false, tty: true });
    t.session.input('ls\r');
    expect(t.inputs).toEqual([{ session: S, data: 'ls\r' }]);
    t.subs[0]!.handlers.next([{ kind: 'exit', code: 0 }]);
    expect(t.written.join('')).toContain('/ # ');
    expect(t.written.join('')).toContain('process exited with code 0');
    expect(t.states.at(-1)).toEqual({ phase: 'ended', code: 0, reason: undefined, message: undefined });
  });

  it('a missing shell becomes a state with the message, nothing written to the terminal', () => {
    const t = setup();
    t.session.connect({ id: 'c1', command: 'bash', attach: false, cols: 80, rows: 24 });
    const message = 'This container has no /bin/bash. Try sh, or run a custom command.';
    t.subs[0]!.handlers.next([{ kind: 'ready', session: S, attached: false, tty: true }, { kind: 'exit', code: 126, reason: 'command-not-found', message }]);
    expect(t.states.at(-1)).toEqual({ phase: 'ended', code: 126, reason: 'command-not-found', message });
    expect(t.written).toEqual([]);
  });

  it('splits a big paste into messages within the limit, in order, keeping surrogate pairs whole', () => {
    const t = setup();
    t.session.connect({ id: 'c1', command: 'sh', attach: false, cols: 80, rows: 24 });
    t.subs[0]!.handlers.next([{ kind: 'ready', session: S, attached: false, tty: true }]);
    const paste = 'x'.repeat(65_535) + '🚢' + 'y'.repeat(10);
    t.session.input(paste);
    expect(t.inputs.map((i) => i.data).join('')).toBe(paste);
    expect(t.inputs.every((i) => i.data.length <= 65_536)).toBe(true);
    expect(t.inputs[0]!.data.endsWith('x')).toBe(true);
  });

  it('debounces resizes and sends only a changed size, once the session is ready', () => {
    const t = setup();
    t.session.connect({ id: 'c1', command: 'sh', attach: false, cols: 80, rows: 24 });
    t.session.resize(100, 30);
    vi.advanceTimersByTime(100);
    expect(t.resizes).toEqual([]); // not ready yet
    t.subs[0]!.handlers.next([{ kind: 'ready', session: S, attached: false, tty: true }]);
    expect(t.resizes).toEqual([{ session: S, cols: 100, rows: 30 }]);
    t.session.resize(101, 30);
    t.session.resize(102, 31);
    t.session.resize(100, 30);
    vi.advanceTimersByTime(100);
    expect(t.resizes).toHaveLength(1); // back to the size already sent
    t.session.resize(120, 40);
    vi.advanceTimersByTime(100);
    expect(t.resizes.at(-1)).toEqual({ session: S, cols: 120, rows: 40 });
  });

  it('disconnect disposes the stream and ignores its late events; a stream error is a failed state', () => {
    const t = setup();
    t.session.connect({ id: 'c1', command: 'sh', attach: false, cols: 80, rows: 24 });
    t.subs[0]!.handlers.next([{ kind: 'ready', session: S, attached: false, tty: true }]);
    t.session.disconnect();
    expect(t.subs[0]!.disposed).toBe(true);
    expect(t.states.at(-1)).toEqual({ phase: 'ended', code: null });
    t.subs[0]!.handlers.next([{ kind: 'output', data: 'late' }]);
    expect(t.written).not.toContain('late');

    t.session.connect({ id: 'c1', command: 'sh', attach: false, cols: 80, rows: 24 });
    t.subs[1]!.handlers.error!(Object.assign(new Error('No such container: c1'), { code: 'NOT_FOUND' }) as never);
    expect(t.states.at(-1)).toEqual({ phase: 'failed', message: 'No such container: c1' });
  });

  it('one owner: the automatic connection is made once per session, never on top of a connection', () => {
    const t = setup();
    const o = { id: 'c1', command: 'sh' as const, attach: false, cols: 80, rows: 24 };
    expect(t.session.autoConnect(o)).toBe(true);
    expect(t.session.autoConnect(o)).toBe(false);
    expect(t.subs).toHaveLength(1);
    // The user disconnects: the automatic connection does not come back (the container restarting…).
    t.session.disconnect();
    expect(t.session.autoConnect(o)).toBe(false);
    expect(t.subs).toHaveLength(1);

    // The user connected first: nothing automatic follows.
    const u = setup();
    u.session.connect({ ...o, command: 'bash' });
    expect(u.session.autoConnect(o)).toBe(false);
    expect(u.subs.map((s) => s.args)).toEqual([{ ...o, command: 'bash' }]);
  });

  it('a disposed session opens nothing, and its successor (a remount, the StrictMode replay) connects by itself again', () => {
    const first = setup();
    const o = { id: 'c1', command: 'sh' as const, attach: false, cols: 80, rows: 24 };
    expect(first.session.autoConnect(o)).toBe(true);
    first.session.dispose();
    expect(first.subs[0]!.disposed).toBe(true);
    expect(first.session.autoConnect(o)).toBe(false);
    first.session.connect(o);
    expect(first.subs).toHaveLength(1);

    const second = setup();
    expect(second.session.autoConnect(o)).toBe(true);
    expect(second.subs).toHaveLength(1);
    expect(second.states.at(-1)).toEqual({ phase: 'connecting' });
  });
});
