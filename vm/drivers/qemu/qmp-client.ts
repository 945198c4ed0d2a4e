import { connect, type Socket } from 'node:net';

/** A QMP event (asynchronous message from QEMU), e.g. SHUTDOWN, STOP, RESUME, MIGRATION. */
export interface QmpEvent {
  event: string;
  data?: Record<string, unknown>;
  timestamp?: { seconds: number; microseconds: number };
}

export class QmpError extends Error {
  constructor(
    readonly command: string,
    readonly errorClass: string,
    desc: string,
  ) {
    super(`QMP ${command} failed: ${desc} (${errorClass})`);
  }
}

interface Pending {
  command: string;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

/**
 * A small QMP client of our own (QEMU Machine Protocol: one JSON object per line over a unix socket).
 * Connect reads the greeting and negotiates capabilities; `execute` sends a command and resolves with its
 * `return`; events go to `onEvent` listeners. When the socket closes, every pending command rejects.
 */
export class QmpClient {
  private buffer = '';
  private nextId = 1;
  private readonly pending = new Map<string, Pending>();
  private readonly listeners = new Set<(e: QmpEvent) => void>();
  private closedError: Error | undefined;

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.onData(chunk));
    socket.on('error', (err) => this.fail(err));
    socket.on('close', () => this.fail(new Error('QMP connection closed')));
  }

  /** Connects to QEMU's `-qmp unix:PATH,server=on,wait=off` socket and leaves it in command mode. */
  static async connect(path: string, timeoutMs = 5000): Promise<QmpClient> {
    const socket = connect(path);
    const greeting = await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`QMP at ${path} sent no greeting within ${timeoutMs} ms`));
      }, timeoutMs);
      let seen = '';
      const onData = (chunk: Buffer) => {
        seen += chunk.toString('utf8');
        const nl = seen.indexOf('\n');
        if (nl < 0) return;
        clearTimeout(timer);
        socket.off('data', onData);
        socket.off('error', onError);
        const first = seen.slice(0, nl);
        try {
          if (!('QMP' in (JSON.parse(first) as object))) throw new Error('no QMP key');
        } catch {
          socket.destroy();
          reject(new Error(`Not a QMP greeting at ${path}: ${first.slice(0, 200)}`));
          return;
        }
        if (seen.length > nl + 1) socket.unshift(Buffer.from(seen.slice(nl + 1)));
        resolve();
      };
      const onError = (err: Error) => {
        clearTimeout(timer);
        reject(new Error(`Cannot connect to QMP at ${path}: ${err.message}`));
      };
      socket.on('data', onData);
      socket.once('error', onError);
    });
    void greeting;
    const client = new QmpClient(socket);
    await client.execute('qmp_capabilities');
    return client;
  }

  /** Sends one command; resolves with its `return` value, rejects with a QmpError on `error`. */
  execute<T = unknown>(command: string, args?: Record<string, unknown>): Promise<T> {
    if (this.closedError) return Promise.reject(this.closedError);
    const id = `b${this.nextId++}`;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { command, resolve: resolve as (v: unknown) => void, reject });
      this.socket.write(JSON.stringify(args ? { execute: command, arguments: args, id } : { execute: command, id }) + '\n');
    });
  }

  /** Runs a human monitor command (e.g. `hostfwd_add …`); resolves with its output text. */
  async hmp(commandLine: string): Promise<string> {
    const out = await this.execute<string>('human-monitor-command', { 'command-line': commandLine });
    return typeof out === 'string' ? out : '';
  }

  onEvent(listener: (e: QmpEvent) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Resolves with the first event named `name` (and matching `filter`), or rejects after `timeoutMs`. */
  waitForEvent(name: string, timeoutMs: number, filter: (e: QmpEvent) => boolean = () => true): Promise<QmpEvent> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        sub.dispose();
        reject(new Error(`No QMP ${name} event within ${timeoutMs} ms`));
      }, timeoutMs);
      const sub = this.onEvent((e) => {
        if (e.event !== name || !filter(e)) return;
        clearTimeout(timer);
        sub.dispose();
        resolve(e);
      });
    });
  }

  get closed(): boolean {
    return this.closedError !== undefined;
  }

  close(): void {
    this.socket.destroy();
    this.fail(new Error('QMP connection closed'));
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    let nl: number;
    while ((nl = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, nl).trim();
      this.buffer = this.buffer.slice(nl + 1);
      if (line) this.onMessage(line);
    }
  }

  private onMessage(line: string): void {
    let msg: { id?: string; return?: unknown; error?: { class: string; desc: string }; event?: string };
    try {
      msg = JSON.parse(line) as typeof msg;
    } catch {
      return;
    }
    if (msg.event) {
      for (const l of [...this.listeners]) l(msg as QmpEvent);
      return;
    }
    const p = msg.id !== undefined ? this.pending.get(msg.id) : undefined;
    if (!p || msg.id === undefined) return;
    this.pending.delete(msg.id);
    if (msg.error) p.reject(new QmpError(p.command, msg.error.class, msg.error.desc));
    else p.resolve(msg.return);
  }

  private fail(err: Error): void {
    if (this.closedError) return;
    this.closedError = err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }
}
