import { EventEmitter } from 'node:events';
import { MessageChannelMain, Menu, nativeImage, Notification, resetFakeDesktop, Tray, utilityProcess } from './fake-electron-desktop.js';

export * from './fake-electron-desktop.js';

/**
 * A fake `electron` module for unit tests (vitest aliases `electron` to this file in the unit
 * project). Only what Berth uses: it records what the code under test did (window options, handlers,
 * exposed objects, opened URLs) and wires ipcRenderer to ipcMain in-process, with structured cloning
 * and asynchronous delivery like real IPC. Call resetFakeElectron() between tests.
 */

export class FakeFrame {
  constructor(
    public url: string,
    public parent: FakeFrame | null = null,
  ) {}
  get top(): FakeFrame {
    return this.parent ? this.parent.top : this;
  }
}

interface PreventableEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}
const preventable = <T extends object>(fields: T): T & PreventableEvent => {
  const ev = {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      ev.defaultPrevented = true;
    },
  };
  return ev;
};

let nextContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly mainFrame = new FakeFrame('');
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler?: (details: { url: string; frameName: string; features: string; disposition: string }) => { action: 'allow' | 'deny' };
  private destroyed = false;
  readonly session = session.defaultSession;

  setWindowOpenHandler(handler: NonNullable<FakeWebContents['windowOpenHandler']>): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    const copy = structuredClone(args);
    this.sent.push({ channel, args: copy });
    queueMicrotask(() => ipcRenderer.deliver(this, channel, copy));
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('destroyed');
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  loadURL(url: string): Promise<void> {
    this.mainFrame.url = url;
    return Promise.resolve();
  }

  // Test helpers that play the browser's part. Each returns whether the code prevented the action.
  tryNavigate(url: string, isMainFrame = true): boolean {
    const ev = preventable({ url, isMainFrame, isSameDocument: false, frame: this.mainFrame });
    this.emit('will-navigate', ev);
    return ev.defaultPrevented;
  }
  tryRedirect(url: string, isMainFrame = true): boolean {
    const ev = preventable({ url, isMainFrame, isSameDocument: false, frame: this.mainFrame });
    this.emit('will-redirect', ev);
    return ev.defaultPrevented;
  }
  tryAttachWebview(): boolean {
    const ev = preventable({});
    this.emit('will-attach-webview', ev, {}, {});
    return ev.defaultPrevented;
  }
  tryOpenWindow(url: string): 'allow' | 'deny' | 'no-handler' {
    return this.windowOpenHandler?.({ url, frameName: '', features: '', disposition: 'new-window' }).action ?? 'no-handler';
  }
  startNavigation(url: string, isMainFrame = true, isSameDocument = false): void {
    this.emit('did-start-navigation', { url, isMainFrame, isSameDocument, frame: this.mainFrame });
  }
}

export class BrowserWindow extends EventEmitter {
  static readonly instances: BrowserWindow[] = [];
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.instances.filter((w) => !w.closed);
  }
  readonly webContents = new FakeWebContents();
  shown = false;
  focused = false;
  closed = false;
  constructor(readonly options: Record<string, unknown> = {}) {
    super();
    BrowserWindow.instances.push(this);
    const width = Number(options.width ?? 800);
    const height = Number(options.height ?? 600);
    this.bounds = { width, height, x: Number(options.x ?? Math.round((1920 - width) / 2)), y: Number(options.y ?? Math.round((1040 - height) / 2)) };
    app.emit('web-contents-created', preventable({}), this.webContents);
  }
  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {
    this.focused = true;
  }
  isMinimized(): boolean {
    return false;
  }
  isFocused(): boolean {
    return this.focused;
  }
  isVisible(): boolean {
    return this.shown;
  }
  hide(): void {
    this.shown = false;
    this.focused = false;
  }
  restore(): void {}
  isDestroyed(): boolean {
    return this.closed;
  }
  /** Bounds as Electron would open the window with its options (x and y: centred when not given); set in the constructor. */
  bounds = { x: 0, y: 0, width: 0, height: 0 };
  maximized = false;
  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return { ...this.bounds };
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  /** Like Electron: maximizing also shows the window. */
  maximize(): void {
    this.maximized = true;
    this.shown = true;
    this.emit('maximize');
  }
  unmaximize(): void {
    this.maximized = false;
    this.emit('unmaximize');
  }
  /** Test helper: the user dragged or resized the window (one event per call, as Electron sends many). */
  userSetBounds(bounds: Partial<{ x: number; y: number; width: number; height: number }>): void {
    const moved = bounds.x !== undefined || bounds.y !== undefined;
    this.bounds = { ...this.bounds, ...bounds };
    this.emit(moved ? 'move' : 'resize');
  }
  /** Like Electron: 'close' can be prevented (the window then stays). */
  close(): void {
    if (this.closed) return;
    const ev = preventable({});
    this.emit('close', ev);
    if (ev.defaultPrevented) return;
    this.closed = true;
    this.emit('closed');
    this.webContents.destroy();
  }
}

type Handler = (event: unknown, ...args: unknown[]) => unknown;

class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}
export const ipcMain = new FakeIpcMain();

/** The renderer side. Messages come from the attached webContents and frame (attachRenderer). */
class FakeIpcRenderer extends EventEmitter {
  contents?: FakeWebContents;
  frame?: FakeFrame | null;

  private senderEvent() {
    if (!this.contents) throw new Error('fake-electron: call attachRenderer(webContents) first');
    return { sender: this.contents, senderFrame: this.frame ?? null, processId: 1, frameId: 1 };
  }
  send(channel: string, ...args: unknown[]): void {
    const event = this.senderEvent();
    const copy = structuredClone(args);
    queueMicrotask(() => ipcMain.emit(channel, event, ...copy));
  }
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    const event = this.senderEvent();
    const copy = structuredClone(args);
    return Promise.resolve().then(() => {
      const handler = ipcMain.handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      return handler(event, ...copy);
    });
  }
  /** Called by FakeWebContents.send. */
  deliver(from: FakeWebContents, channel: string, args: unknown[]): void {
    if (from === this.contents) this.emit(channel, { sender: this }, ...args);
  }
}
export const ipcRenderer = new FakeIpcRenderer();

/** Makes ipcRenderer speak for this webContents, from this frame (its main frame by default). */
export function attachRenderer(contents: FakeWebContents, frame: FakeFrame | null = contents.mainFrame): void {
  ipcRenderer.contents = contents;
  ipcRenderer.frame = frame;
}

export const contextBridge = {
  exposed: {} as Record<string, unknown>,
  exposeInMainWorld(key: string, api: unknown): void {
    if (key in contextBridge.exposed) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
    contextBridge.exposed[key] = api;
  },
};

export const shell = {
  opened: [] as string[],
  openExternal(url: string): Promise<void> {
    shell.opened.push(url);
    return Promise.resolve();
  },
};

type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl: string; isMainFrame: boolean }) => void;
type PermissionCheckHandler = (contents: unknown, permission: string, requestingOrigin: string, details: unknown) => boolean;
type BeforeRequestListener = (details: { url: string; resourceType: string }, callback: (response: { cancel?: boolean }) => void) => void;

function makeSession() {
  return {
    permissionRequestHandler: undefined as PermissionRequestHandler | undefined,
    permissionCheckHandler: undefined as PermissionCheckHandler | undefined,
    setPermissionRequestHandler(handler: PermissionRequestHandler) {
      this.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: PermissionCheckHandler) {
      this.permissionCheckHandler = handler;
    },
    webRequest: {
      beforeRequest: undefined as { filter: { urls: string[] }; listener: BeforeRequestListener } | undefined,
      onBeforeRequest(filter: { urls: string[] }, listener: BeforeRequestListener) {
        this.beforeRequest = { filter, listener };
      },
    },
  };
}
export const session = { defaultSession: makeSession() };

export const protocol = {
  privileged: [] as { scheme: string; privileges: Record<string, boolean> }[],
  handlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges: Record<string, boolean> }[]): void {
    if (app.ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    protocol.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    if (protocol.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    protocol.handlers.set(scheme, handler);
  },
  unhandle(scheme: string): void {
    protocol.handlers.delete(scheme);
  },
};

export const dialog = {
  errors: [] as { title: string; content: string }[],
  showErrorBox(title: string, content: string): void {
    dialog.errors.push({ title, content });
  },
};

class FakeApp extends EventEmitter {
  ready = false;
  hasLock = true;
  quitRequests = 0;
  /** True once a quit went through (not prevented) or exit() was called. */
  exited = false;
  exitCode?: number;
  private readyWaiters: (() => void)[] = [];

  requestSingleInstanceLock(): boolean {
    return this.hasLock;
  }
  whenReady(): Promise<void> {
    return this.ready ? Promise.resolve() : new Promise((resolve) => this.readyWaiters.push(resolve));
  }
  isReady(): boolean {
    return this.ready;
  }
  /** Test helper: fire 'ready'. */
  makeReady(): void {
    this.ready = true;
    this.emit('ready');
    for (const w of this.readyWaiters.splice(0)) w();
  }
  /** Like Electron: before-quit, then will-quit; either can be prevented. */
  quit(): void {
    this.quitRequests++;
    const before = preventable({});
    this.emit('before-quit', before);
    if (before.defaultPrevented) return;
    const will = preventable({});
    this.emit('will-quit', will);
    if (will.defaultPrevented) return;
    this.exited = true;
    this.emit('quit', preventable({}), 0);
  }
  exit(code = 0): void {
    this.exitCode = code;
    this.exited = true;
  }
  getPath(name: string): string {
    return this.paths.get(name) ?? `/tmp/fake-electron/${name}`;
  }
  getVersion(): string {
    return '0.0.0-fake';
  }
  loginItem: { openAtLogin: boolean } = { openAtLogin: false };
  setLoginItemSettings(settings: { openAtLogin: boolean }): void {
    this.loginItem = { ...settings };
  }
  getLoginItemSettings(): { openAtLogin: boolean } {
    return { ...this.loginItem };
  }
  isPackaged = false;
  readonly paths = new Map<string, string>();
  setPath(name: string, path: string): void {
    this.paths.set(name, path);
  }
}
export const app = new FakeApp();

/** The displays' work areas (tests set them: a second monitor, one unplugged). */
export const screen = {
  displays: [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
  getAllDisplays(): { workArea: { x: number; y: number; width: number; height: number } }[] {
    return this.displays;
  },
};

/** Forgets everything recorded and every listener registered, for the next test. */
export function resetFakeElectron(): void {
  app.removeAllListeners();
  app.ready = false;
  app.hasLock = true;
  app.quitRequests = 0;
  app.exited = false;
  app.exitCode = undefined;
  app.loginItem = { openAtLogin: false };
  app.paths.clear();
  resetFakeDesktop();
  ipcMain.removeAllListeners();
  ipcMain.handlers.clear();
  ipcRenderer.removeAllListeners();
  ipcRenderer.contents = undefined;
  ipcRenderer.frame = undefined;
  for (const w of BrowserWindow.instances.splice(0)) w.removeAllListeners();
  for (const k of Object.keys(contextBridge.exposed)) delete contextBridge.exposed[k];
  shell.opened.length = 0;
  Object.assign(session, { defaultSession: makeSession() });
  protocol.privileged.length = 0;
  protocol.handlers.clear();
  dialog.errors.length = 0;
  screen.displays = [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }];
}

export default { app, BrowserWindow, contextBridge, dialog, ipcMain, ipcRenderer, MessageChannelMain, Menu, nativeImage, Notification, protocol, screen, session, shell, Tray, utilityProcess };
