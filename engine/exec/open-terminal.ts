import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type { ExecEvent } from '../../contract/models/container-exec.js';
import { containerPath, inspectContainer } from '../adapter/calls.js';
import type { EngineAdapter } from '../adapter/engine-adapter.js';
import { toBerthError } from '../errors.js';
import { argvOf, explainStartFailure, isNotFoundText, StartErrorProbe, type ExecCommandArg } from './exec-messages.js';
import type { ExecSessionRegistry } from './session-registry.js';
import { demuxDecoder, rawDecoder, type TerminalDecoder } from './terminal-decoder.js';
import { TerminalQueue } from './terminal-queue.js';

export interface OpenTerminalOptions {
  engine: EngineAdapter;
  endpoint?: string;
  registry: ExecSessionRegistry;
  connectionId: string;
  id: string;
  command: ExecCommandArg;
  cols: number;
  rows: number;
  attach: boolean;
  signal: AbortSignal;
}

interface Opened {
  socket: Duplex;
  tty: boolean;
  resize(cols: number, rows: number): Promise<void>;
  exitCode(): Promise<number | null>;
  /** End what the session started if it still runs (a closed exec connection does not end the process). */
  hangUp?(): void;
}

/**
 * One interactive session: a new exec with a TTY in a running container, or an attach to its main
 * process. Emits `ready` (with the session id for input/resize), the output as text, then `exit`.
 * The session is registered to the calling connection only, and is torn down (socket destroyed,
 * registration dropped) as soon as the caller unsubscribes or disconnects.
 */
export function openTerminal(o: OpenTerminalOptions): AsyncIterableIterator<ExecEvent> {
  let socket: Duplex | undefined;
  let unregister: (() => void) | undefined;
  let hangUp: (() => void) | undefined;
  const queue = new TerminalQueue({
    signal: o.signal,
    onPressure: (paused) => (paused ? socket?.pause() : socket?.resume()),
    onClose: () => {
      unregister?.();
      socket?.destroy();
      hangUp?.();
    },
  });
  void run().catch((err: unknown) => {
    const e = toBerthError(err, o.endpoint);
    queue.finish({ kind: 'exit', code: null, reason: 'engine-error', message: e.message });
  });
  return queue;

  async function run(): Promise<void> {
    const info = await inspectContainer(o.engine, o.id, o.signal);
    const container = info.Id;
    if (!queue.open) return;
    if (info.State.Paused || !info.State.Running) {
      const message = info.State.Paused
        ? 'The container is paused. Unpause it to open a shell.'
        : 'The container is not running. Start the container to open a shell.';
      queue.finish({ kind: 'exit', code: null, reason: 'not-running', message });
      return;
    }
    let opened: Opened;
    try {
      opened = o.attach ? await openAttach(container, info.Config?.Tty === true) : await openExec(container);
    } catch (err) {
      const text = toBerthError(err, o.endpoint).message;
      if (!o.attach && isNotFoundText(text)) {
        queue.finish({ kind: 'exit', code: 127, ...explainStartFailure(o.command, text) });
        return;
      }
      throw err;
    }
    socket = opened.socket;
    hangUp = opened.hangUp;
    if (!queue.open) {
      socket.destroy();
      hangUp?.();
      return;
    }
    const decoder: TerminalDecoder = opened.tty ? rawDecoder() : demuxDecoder();
    const probe = o.attach ? undefined : new StartErrorProbe();
    const reg = o.registry.add(o.connectionId, {
      write: (data) => {
        if (!socket || socket.destroyed || !socket.writable) throw toBerthError(new Error('The terminal session has ended'));
        socket.write(data, 'utf8');
      },
      resize: (cols, rows) => opened.resize(cols, rows),
    });
    unregister = reg.remove;
    queue.pushEvent({ kind: 'ready', session: reg.id, attached: o.attach, tty: opened.tty });
    if (opened.tty) opened.resize(o.cols, o.rows).catch(() => undefined);

    const show = (text: string) => queue.pushOutput(probe ? probe.push(text) : text);
    socket.on('data', (chunk: Buffer) => show(decoder.push(chunk)));
    socket.on('error', () => undefined);
    await new Promise<void>((resolve) => {
      socket!.once('close', () => resolve());
      socket!.once('end', () => resolve());
    });
    unregister();
    if (!queue.open) return;
    const rest = decoder.end();
    if (rest) show(rest);
    if (probe) queue.pushOutput(probe.flush());
    const code = await opened.exitCode().catch(() => null);
    const startError = probe?.startError;
    if (startError) queue.finish({ kind: 'exit', code, ...explainStartFailure(o.command, startError) });
    else queue.finish({ kind: 'exit', code });
  }

  async function openExec(container: string): Promise<Opened> {
    const engine = o.engine;
    const tag = randomBytes(16).toString('hex');
    let hungUp = false;
    const exec = await createExec(engine, container, {
      Cmd: argvOf(o.command),
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      Tty: true,
      // The tag marks every process of this session (children inherit it), so they can be ended when it closes.
      Env: ['TERM=xterm-256color', `${SESSION_ENV}=${tag}`],
    });
    const stream = await engine.hijack({ path: `/exec/${exec}/start`, body: { Detach: false, Tty: true }, stdin: true });
    return {
      socket: stream,
      tty: true,
      resize: async (cols, rows) => {
        await engine.json<unknown>({ method: 'POST', path: `/exec/${exec}/resize`, query: { h: rows, w: cols } });
      },
      exitCode: async () => {
        const r = await inspectExec(engine, exec);
        return r.Running ? null : (r.ExitCode ?? null);
      },
      hangUp: () => {
        if (hungUp) return;
        hungUp = true;
        void hangUpSession(engine, container, exec, tag).catch(() => undefined);
      },
    };
  }

  async function openAttach(container: string, tty: boolean): Promise<Opened> {
    const engine = o.engine;
    const stream = await engine.hijack({ path: `${containerPath(container)}/attach`, query: { stream: 1, stdin: 1, stdout: 1, stderr: 1 }, stdin: true });
    return {
      socket: stream,
      tty,
      resize: async (cols, rows) => {
        if (tty) await engine.json<unknown>({ method: 'POST', path: `${containerPath(container)}/resize`, query: { h: rows, w: cols } });
      },
      exitCode: async () => {
        const r = await inspectContainer(engine, container);
        return r.State.Running ? null : (r.State.ExitCode ?? null);
      },
    };
  }
}

/** The environment variable that tags a session's processes. */
export const SESSION_ENV = 'BERTH_SESSION';

/**
 * The engine does not end an exec's process when its connection closes (moby#9098), so a closed
 * terminal would leave its shell running forever. If the exec still runs, a detached helper exec sends
 * SIGHUP (as closing a real terminal does), then SIGKILL a second later, to every process carrying this
 * session's tag. It needs a POSIX sh, grep and kill in the container (busybox, Debian, Alpine…); where
 * they are missing the process stays, as with the docker CLI.
 */
export async function hangUpSession(engine: EngineAdapter, container: string, exec: string, tag: string): Promise<void> {
  const state = await inspectExec(engine, exec);
  if (!state.Running) return;
  const each = (signal: string) =>
    `for p in /proc/[0-9]*; do grep -q "${SESSION_ENV}=${tag}" "$p/environ" 2>/dev/null && kill -${signal} "\${p#/proc/}" 2>/dev/null; done`;
  const helper = await createExec(engine, container, { Cmd: ['/bin/sh', '-c', `${each('HUP')}; sleep 1; ${each('KILL')}`], AttachStdout: false, AttachStderr: false, Tty: false });
  await engine.json<unknown>({ method: 'POST', path: `/exec/${helper}/start`, body: { Detach: true } });
}

/** POST /containers/{id}/exec: the new exec's id. */
async function createExec(engine: EngineAdapter, container: string, body: Record<string, unknown>): Promise<string> {
  const r = await engine.json<{ Id: string }>({ method: 'POST', path: `${containerPath(container)}/exec`, body });
  return r.Id;
}

function inspectExec(engine: EngineAdapter, exec: string): Promise<{ Running?: boolean; ExitCode?: number | null }> {
  return engine.json({ path: `/exec/${exec}/json` });
}
