import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import type { ExecEvent } from '../../contract/models/container-exec.js';
import { toBerthError } from '../errors.js';
import { argvOf, explainStartFailure, isNotFoundText, StartErrorProbe, type ExecCommandArg } from './exec-messages.js';
import type { ExecSessionRegistry } from './session-registry.js';
import { demuxDecoder, rawDecoder, type TerminalDecoder } from './terminal-decoder.js';
import { TerminalQueue } from './terminal-queue.js';

export interface OpenTerminalOptions {
  docker: Docker;
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

type WithSignal<T> = T & { abortSignal?: AbortSignal };

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
    const container = o.docker.getContainer(o.id);
    const info = await container.inspect({ abortSignal: o.signal } as WithSignal<object>);
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
      opened = o.attach ? await openAttach(container, info.Config.Tty) : await openExec(container);
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

  async function openExec(container: Docker.Container): Promise<Opened> {
    const tag = randomBytes(16).toString('hex');
    let hungUp = false;
    const exec = await container.exec({
      Cmd: argvOf(o.command),
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      Tty: true,
      // The tag marks every process of this session (children inherit it), so they can be ended when it closes.
      Env: ['TERM=xterm-256color', `${SESSION_ENV}=${tag}`],
    });
    const stream = (await exec.start({ hijack: true, stdin: true, Tty: true })) as Duplex;
    return {
      socket: stream,
      tty: true,
      resize: async (cols, rows) => {
        await exec.resize({ h: rows, w: cols });
      },
      exitCode: async () => {
        const r = await exec.inspect();
        return r.Running ? null : (r.ExitCode ?? null);
      },
      hangUp: () => {
        if (hungUp) return;
        hungUp = true;
        void hangUpSession(container, exec, tag).catch(() => undefined);
      },
    };
  }

  async function openAttach(container: Docker.Container, tty: boolean): Promise<Opened> {
    const stream = (await container.attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true })) as unknown as Duplex;
    return {
      socket: stream,
      tty,
      resize: async (cols, rows) => {
        if (tty) await container.resize({ h: rows, w: cols });
      },
      exitCode: async () => {
        const r = await container.inspect();
        return r.State.Running ? null : r.State.ExitCode;
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
export async function hangUpSession(container: Docker.Container, exec: Docker.Exec, tag: string): Promise<void> {
  const state = await exec.inspect();
  if (!state.Running) return;
  const each = (signal: string) =>
    `for p in /proc/[0-9]*; do grep -q "${SESSION_ENV}=${tag}" "$p/environ" 2>/dev/null && kill -${signal} "\${p#/proc/}" 2>/dev/null; done`;
  const helper = await container.exec({ Cmd: ['/bin/sh', '-c', `${each('HUP')}; sleep 1; ${each('KILL')}`], AttachStdout: false, AttachStderr: false, Tty: false });
  await helper.start({ Detach: true });
}
