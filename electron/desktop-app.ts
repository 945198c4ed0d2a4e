import { join } from 'node:path';
import { app, dialog, session, shell, type BrowserWindow } from 'electron';
import { contract, createDispatcher, type BerthImplementation, type Disposable } from '../contract/index.js';
import { registerAppScheme, serveAppProtocol } from './app-protocol.js';
import { registerIpcRouter } from './ipc.js';
import type { LaunchOptions } from './launch-options.js';
import { hardenSession, hardenWebContents } from './security.js';
import { createMainWindow } from './window.js';

/** The slice of engine/backend.ts the shell needs. */
export interface DesktopBackend {
  readonly impl: BerthImplementation;
  start(): Promise<void>;
  dispose(): Promise<void>;
}

export interface DesktopAppOptions {
  launch: LaunchOptions;
  createBackend(options: { dataDir: string; dockerHost?: string; embedded: 'auto' | 'never'; engine: LaunchOptions['engine']; log(line: string): void }): DesktopBackend;
  /** dist/electron: holds preload.cjs; the UI is in ../renderer. */
  distDir: string;
  log(line: string): void;
}

/**
 * The desktop app's lifecycle: one instance; on ready, harden the session, serve app://berth/, route
 * IPC, open the window and start the engine in the background (the UI shows its state). On quit the
 * back end is disposed first (stopping an embedded dockerd cleanly), then the app really quits.
 */
export function runDesktopApp(options: DesktopAppOptions): void {
  const { log } = options;
  registerAppScheme();
  if (!app.requestSingleInstanceLock()) {
    log('Berth is already running; focusing its window.');
    app.quit();
    return;
  }

  const backend = options.createBackend({ ...options.launch, log });
  let window: BrowserWindow | undefined;
  let router: Disposable | undefined;
  let quitState: 'running' | 'disposing' | 'done' = 'running';

  const openExternal = (url: string) => shell.openExternal(url).catch((err: unknown) => log(`could not open ${url}: ${(err as Error).message}`));
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, { openExternal: (url) => void openExternal(url), log }));

  const showWindow = () => {
    if (window && !window.isDestroyed()) {
      if (window.isMinimized()) window.restore();
      window.focus();
      return;
    }
    window = createMainWindow({ preloadPath: join(options.distDir, 'preload.cjs'), log });
    window.on('closed', () => (window = undefined));
  };
  app.on('second-instance', showWindow);
  app.on('activate', () => {
    if (app.isReady()) showWindow();
  });
  // The engine belongs to the app: closing the last window quits (and stops an embedded dockerd).
  app.on('window-all-closed', () => app.quit());

  const beforeQuit = (event: { preventDefault(): void }) => {
    if (quitState === 'done') return;
    event.preventDefault();
    if (quitState === 'disposing') return;
    quitState = 'disposing';
    log('stopping the back end…');
    router?.dispose();
    backend
      .dispose()
      .catch((err: unknown) => log(`stopping the back end failed: ${(err as Error).message}`))
      .finally(() => {
        quitState = 'done';
        app.quit();
      });
  };
  app.on('before-quit', beforeQuit);
  app.on('will-quit', beforeQuit);

  app
    .whenReady()
    .then(async () => {
      hardenSession(session.defaultSession, log);
      await serveAppProtocol(join(options.distDir, '..', 'renderer'), log);
      router = registerIpcRouter({ dispatcher: createDispatcher(contract, backend.impl), openExternal, log });
      showWindow();
      backend.start().catch((err: unknown) => log(`the Docker engine did not start: ${(err as Error).message}`));
    })
    .catch((err: unknown) => {
      log(`startup failed: ${(err as Error).stack ?? String(err)}`);
      dialog.showErrorBox('Berth could not start', (err as Error).message ?? String(err));
      app.exit(1);
    });
}
