import { MessageChannelMain, utilityProcess, type UtilityProcess } from 'electron';
import type { ClientMessage, Connection, ConnectionSink, Disposable, Dispatcher } from '../contract/index.js';
import type { FromBackend, ToBackend } from './backend-child.js';

export type BackendStatus = 'open' | 'closed';

export interface BackendProcessOptions {
  /** dist/electron/backend.js */
  entry: string;
  /** The app's launch flags, passed on unchanged (the child reads them like the main process does). */
  args: string[];
  log(line: string): void;
  /** First delay before a restart, doubled after each quick crash up to maxRestartDelayMs. */
  restartDelayMs?: number;
  maxRestartDelayMs?: number;
  /** How long a stop may take (stopping an embedded dockerd or a VM) before the process is killed. */
  stopTimeoutMs?: number;
}

/**
 * The engine back end in its own Electron utility process, so a log flood or a stuck engine call
 * never stalls the window or the tray. It looks like a Dispatcher to the IPC router and the tray:
 * each connection is a MessagePort of its own handed to the child. When the child dies it is started
 * again (with a growing delay while it keeps crashing) and listeners get 'closed' then 'open', on
 * which clients resubscribe, as after a WebSocket reconnect.
 */
export class BackendProcess implements Dispatcher {
  private child?: UtilityProcess;
  private running = false;
  private stopping?: Promise<void>;
  private delay: number;
  private restartTimer?: ReturnType<typeof setTimeout>;
  private readonly listeners = new Set<(s: BackendStatus) => void>();
  /** Restarts so far; the child gets it as BERTH_BACKEND_RESTART so it adopts what the last one left running. */
  restarts = 0;

  constructor(private readonly o: BackendProcessOptions) {
    this.delay = o.restartDelayMs ?? 500;
  }

  start(): void {
    if (this.child || this.stopping) return;
    const child = utilityProcess.fork(this.o.entry, this.o.args, {
      serviceName: 'Berth back end',
      stdio: 'inherit',
      env: { ...process.env, BERTH_BACKEND_RESTART: String(this.restarts) },
    });
    this.child = child;
    const startedAt = Date.now();
    child.on('spawn', () => {
      if (this.child !== child) return;
      this.running = true;
      this.emit('open');
    });
    child.on('message', (msg: FromBackend) => {
      if (msg?.t === 'log') this.o.log(msg.line);
    });
    child.on('exit', (code: number) => {
      if (this.child !== child) return;
      this.child = undefined;
      const wasRunning = this.running;
      this.running = false;
      if (this.stopping) return;
      this.o.log(`the back end exited (code ${code}); restarting it`);
      if (wasRunning) this.emit('closed');
      // A child that lived a minute crashed once: restart soon. One that keeps crashing waits longer.
      if (Date.now() - startedAt > 60_000) this.delay = this.o.restartDelayMs ?? 500;
      const wait = this.delay;
      this.delay = Math.min(this.delay * 2, this.o.maxRestartDelayMs ?? 10_000);
      this.restarts++;
      this.restartTimer = setTimeout(() => this.start(), wait);
    });
  }

  onStatus(listener: (s: BackendStatus) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** A connection over a port of its own. While the back end is down, calls fail at once and the rest waits for 'open'. */
  connect(sink: ConnectionSink, connectionId: string): Connection {
    const child = this.child;
    if (!child || !this.running) return deadConnection(sink);
    const { port1, port2 } = new MessageChannelMain();
    child.postMessage({ t: 'connect', id: connectionId } satisfies ToBackend, [port2]);
    port1.on('message', (e) => sink.send(e.data as never));
    port1.start();
    return {
      handle: (msg) => port1.postMessage(msg),
      close: () => port1.close(),
    };
  }

  /** Quit: the child disposes the back end (stopping the engine Berth started), then exits; killed after the timeout. */
  stop(): Promise<void> {
    if (this.stopping) return this.stopping;
    clearTimeout(this.restartTimer);
    const child = this.child;
    this.stopping = new Promise<void>((resolve) => {
      if (!child) return resolve();
      const timer = setTimeout(() => {
        this.o.log('the back end did not stop in time; ending it');
        child.kill();
      }, this.o.stopTimeoutMs ?? 60_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.postMessage({ t: 'stop' } satisfies ToBackend);
    });
    return this.stopping;
  }

  private emit(status: BackendStatus): void {
    for (const l of [...this.listeners]) l(status);
  }
}

function deadConnection(sink: ConnectionSink): Connection {
  return {
    handle(raw) {
      const msg = raw as Partial<ClientMessage>;
      if (msg.t === 'call' && typeof msg.id === 'number') {
        sink.send({ t: 'result', id: msg.id, ok: false, error: { code: 'TRANSPORT', message: 'The Berth back end is restarting; try again in a moment.' } });
      }
    },
    close: () => undefined,
  };
}
