import { EventEmitter } from 'node:events';

/**
 * The desktop half of the fake `electron` module (re-exported by fake-electron.ts): message ports,
 * utilityProcess, Tray, Menu, Notification and nativeImage. Ports deliver structured clones
 * asynchronously, like Electron's MessagePortMain; a forked utility process is a FakeUtilityProcess
 * whose child side a test plays through its `parentPort`.
 */

export interface FakePortEvent {
  data: unknown;
  ports: FakeMessagePort[];
}

export class FakeMessagePort extends EventEmitter {
  other?: FakeMessagePort;
  closed = false;
  private started = false;
  private queue: FakePortEvent[] = [];

  postMessage(message: unknown, transfer: FakeMessagePort[] = []): void {
    if (this.closed) return;
    const data = structuredClone(message);
    const target = this.other;
    queueMicrotask(() => target?.receive({ data, ports: transfer }));
  }
  start(): void {
    this.started = true;
    for (const e of this.queue.splice(0)) this.emit('message', e);
  }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const other = this.other;
    queueMicrotask(() => other?.disconnect());
  }
  private receive(e: FakePortEvent): void {
    if (this.closed) return;
    if (this.started) this.emit('message', e);
    else this.queue.push(e);
  }
  private disconnect(): void {
    if (this.closed) return;
    this.closed = true;
    this.emit('close');
  }
}

export class MessageChannelMain {
  readonly port1 = new FakeMessagePort();
  readonly port2 = new FakeMessagePort();
  constructor() {
    this.port1.other = this.port2;
    this.port2.other = this.port1;
  }
}

/** The child's `process.parentPort`: messages the main process posted arrive here. */
export class FakeParentPort extends EventEmitter {
  constructor(private readonly child: FakeUtilityProcess) {
    super();
  }
  postMessage(message: unknown): void {
    const data = structuredClone(message);
    queueMicrotask(() => this.child.alive && this.child.emit('message', data));
  }
}

export class FakeUtilityProcess extends EventEmitter {
  static readonly forked: FakeUtilityProcess[] = [];
  /** Test hook: plays the child's part (e.g. serveBackend on its parentPort) as soon as it is forked. */
  static onFork?: (child: FakeUtilityProcess) => void;
  readonly parentPort = new FakeParentPort(this);
  alive = true;
  readonly pid: number;
  constructor(
    readonly modulePath: string,
    readonly args: string[],
    readonly options: Record<string, unknown>,
  ) {
    super();
    this.pid = 1000 + FakeUtilityProcess.forked.length;
    FakeUtilityProcess.forked.push(this);
    FakeUtilityProcess.onFork?.(this);
    queueMicrotask(() => this.emit('spawn'));
  }
  postMessage(message: unknown, transfer: FakeMessagePort[] = []): void {
    if (!this.alive) throw new Error('utility process is not running');
    const data = structuredClone(message);
    queueMicrotask(() => this.alive && this.parentPort.emit('message', { data, ports: transfer }));
  }
  kill(): boolean {
    this.exit(15);
    return true;
  }
  /** Test helper: the process ends (a crash when code is not 0). */
  exit(code: number): void {
    if (!this.alive) return;
    this.alive = false;
    queueMicrotask(() => this.emit('exit', code));
  }
}

export const utilityProcess = {
  fork(modulePath: string, args: string[] = [], options: Record<string, unknown> = {}): FakeUtilityProcess {
    return new FakeUtilityProcess(modulePath, args, options);
  },
};

export interface FakeMenuItem {
  label?: string;
  type?: string;
  enabled?: boolean;
  click?: () => void;
  submenu?: FakeMenuItem[];
}

export class Menu {
  constructor(readonly items: FakeMenuItem[]) {}
  static buildFromTemplate(template: FakeMenuItem[]): Menu {
    return new Menu(template);
  }
}

export class FakeNativeImage {
  template = false;
  constructor(readonly path: string) {}
  setTemplateImage(on: boolean): void {
    this.template = on;
  }
  isEmpty(): boolean {
    return false;
  }
}
export const nativeImage = {
  createFromPath: (path: string) => new FakeNativeImage(path),
};

export class Tray extends EventEmitter {
  static readonly instances: Tray[] = [];
  menu: Menu | null = null;
  setContextMenuCalls = 0;
  tooltip = '';
  destroyed = false;
  constructor(readonly image: FakeNativeImage | string) {
    super();
    Tray.instances.push(this);
  }
  setContextMenu(menu: Menu | null): void {
    this.menu = menu;
    this.setContextMenuCalls++;
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  destroy(): void {
    this.destroyed = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class Notification extends EventEmitter {
  static readonly shown: Notification[] = [];
  static supported = true;
  static isSupported(): boolean {
    return Notification.supported;
  }
  constructor(readonly options: { title: string; body?: string; silent?: boolean }) {
    super();
  }
  show(): void {
    Notification.shown.push(this);
  }
}

export function resetFakeDesktop(): void {
  FakeUtilityProcess.forked.length = 0;
  FakeUtilityProcess.onFork = undefined;
  Tray.instances.length = 0;
  Notification.shown.length = 0;
  Notification.supported = true;
}
