import type { BerthApi, Disposable } from '../../../../contract/index.js';
import { MAX_EXEC_INPUT } from '../../../../contract/domains/container-exec.js';
import type { ExecExitReason } from '../../../../contract/models/container-exec.js';

export type ExecApi = { containers: Pick<BerthApi['containers'], 'exec' | 'execInput' | 'execResize'> };

/** What a terminal session shows: the UI reads it to pick buttons and messages. */
export type SessionState =
  | { phase: 'idle' }
  | { phase: 'connecting' }
  | { phase: 'connected'; attached: boolean; tty: boolean }
  /** The process ended; `reason`/`message` explain an abnormal end (shown in an alert, not in the terminal). */
  | { phase: 'ended'; code: number | null; reason?: ExecExitReason; message?: string }
  /** The stream failed (engine gone, container removed…). */
  | { phase: 'failed'; message: string };

export interface ConnectOptions {
  id: string;
  command: 'sh' | 'bash' | string[];
  attach: boolean;
  cols: number;
  rows: number;
}

export interface TerminalSessionOptions {
  /** Where output goes (the xterm instance). */
  write(data: string): void;
  onState(state: SessionState): void;
  /** Delay before a resize is sent (the fit addon fires many while a window is dragged). */
  resizeDebounceMs?: number;
}

/**
 * One terminal's connection to a container: opens the exec (or attach) stream, forwards keystrokes
 * and resizes to the session the back end announced, and turns the end into a state the UI can show.
 * Transport-agnostic and DOM-free (tested with a fake API).
 */
export class TerminalSession implements Disposable {
  private sub?: Disposable;
  private session?: string;
  private generation = 0;
  private size?: { cols: number; rows: number };
  private sentSize?: { cols: number; rows: number };
  private resizeTimer?: ReturnType<typeof setTimeout>;
  private current: SessionState = { phase: 'idle' };
  private started = false;
  private disposed = false;

  constructor(
    private readonly api: ExecApi,
    private readonly options: TerminalSessionOptions,
  ) {}

  get state(): SessionState {
    return this.current;
  }

  /**
   * The automatic first connection (the tab shows a running container): made only if this session never
   * connected, so the automatic connection and the user's Connect never both open an exec. The flag
   * lives and dies with the session: a terminal re-created (a remount) connects again, a disposed one
   * never. True if it connected.
   */
  autoConnect(o: ConnectOptions): boolean {
    if (this.started || this.disposed) return false;
    this.connect(o);
    return true;
  }

  /** Open a new exec (or attach), closing the current one first. A disposed session opens nothing. */
  connect(o: ConnectOptions): void {
    if (this.disposed) return;
    this.started = true;
    this.disconnect();
    const mine = ++this.generation;
    const live = () => mine === this.generation;
    this.size = { cols: o.cols, rows: o.rows };
    this.sentSize = { cols: o.cols, rows: o.rows };
    this.set({ phase: 'connecting' });
    this.sub = this.api.containers.exec(
      { id: o.id, command: o.command, cols: o.cols, rows: o.rows, attach: o.attach },
      {
        next: (events) => {
          for (const e of events) {
            if (!live()) return;
            if (e.kind === 'ready') {
              this.session = e.session;
              this.set({ phase: 'connected', attached: e.attached, tty: e.tty });
              // The terminal may have been resized while connecting.
              this.flushResize();
            } else if (e.kind === 'output') {
              this.options.write(e.data);
            } else {
              this.session = undefined;
              if (!e.reason) this.options.write(`\r\n\x1b[2m[${e.code === null ? 'session closed' : `process exited with code ${e.code}`}]\x1b[0m\r\n`);
              this.set({ phase: 'ended', code: e.code, reason: e.reason, message: e.message });
            }
          }
        },
        error: (err) => {
          if (!live()) return;
          this.session = undefined;
          this.set({ phase: 'failed', message: err.message });
        },
        complete: () => {
          if (!live()) return;
          this.session = undefined;
          if (this.current.phase !== 'ended') this.set({ phase: 'ended', code: null });
        },
      },
    );
  }

  /** Keystrokes or a paste: sent in order, split so no message exceeds the back end's limit. */
  input(data: string): void {
    const session = this.session;
    if (!session || !data) return;
    let start = 0;
    while (start < data.length) {
      let end = Math.min(data.length, start + MAX_EXEC_INPUT);
      // Never split a surrogate pair between two messages.
      if (end < data.length && /[\uD800-\uDBFF]/.test(data[end - 1]!)) end--;
      const part = data.slice(start, end);
      start = end;
      this.api.containers.execInput({ session, data: part }).catch((err: Error) => this.onCallError(session, err));
    }
  }

  /** The terminal's size changed: sent after a short quiet time, only if it differs from the last one sent. */
  resize(cols: number, rows: number): void {
    this.size = { cols, rows };
    if (this.resizeTimer) clearTimeout(this.resizeTimer);
    this.resizeTimer = setTimeout(() => this.flushResize(), this.options.resizeDebounceMs ?? 120);
  }

  /** Close the session (the back end ends the exec's connection; the process gets a hang-up). */
  disconnect(): void {
    this.generation++;
    if (this.resizeTimer) clearTimeout(this.resizeTimer);
    this.resizeTimer = undefined;
    this.sub?.dispose();
    this.sub = undefined;
    const wasLive = this.current.phase === 'connecting' || this.current.phase === 'connected';
    this.session = undefined;
    if (wasLive) this.set({ phase: 'ended', code: null });
  }

  dispose(): void {
    this.disposed = true;
    this.disconnect();
  }

  private flushResize(): void {
    this.resizeTimer = undefined;
    const session = this.session;
    const size = this.size;
    if (!session || !size) return;
    if (this.sentSize && this.sentSize.cols === size.cols && this.sentSize.rows === size.rows) return;
    this.sentSize = size;
    this.api.containers.execResize({ session, cols: size.cols, rows: size.rows }).catch((err: Error) => this.onCallError(session, err));
  }

  private onCallError(session: string, err: Error): void {
    // A call racing the end of the session is expected; anything else is shown.
    if (session !== this.session) return;
    this.options.write(`\r\n\x1b[31m[${err.message}]\x1b[0m\r\n`);
  }

  private set(state: SessionState): void {
    this.current = state;
    this.options.onState(state);
  }
}
