import { join } from 'node:path';
import { app, dialog, session, shell, type BrowserWindow } from 'electron';
import type { Disposable } from '../contract/index.js';
import { registerAppScheme, serveAppProtocol } from './app-protocol.js';
import { BackendProcess } from './backend-process.js';
import { NAVIGATE_CHANNEL } from './channels.js';
import { startDesktopServices, type DesktopServices } from './desktop-services.js';
import { pickComposeFiles } from './compose-file-dialog.js';
import { registerIpcRouter } from './ipc.js';
import { launchArgs, type LaunchOptions } from './launch-options.js';
import { createMainClient } from './main-client.js';
import { hardenSession, hardenWebContents } from './security.js';
import { createUpdateChecker, type UpdaterLike } from './updater.js';
import { createMainWindow } from './window.js';

export type { DesktopBackend } from './desktop-backend.js';

export interface DesktopAppOptions {
  launch: LaunchOptions;
  /** dist/electron: holds preload.cjs, backend.js (the back end's process) and tray/; the UI is in ../renderer. */
  distDir: string;
  /** electron-updater's autoUpdater (main.ts), created on first use. */
  updater?: () => UpdaterLike | Promise<UpdaterLike>;
  platform?: NodeJS.Platform;
  log(line: string): void;
}

/**
 * The desktop app's lifecycle: one instance per data dir; on ready, harden the session, serve
 * app://berth/, start the back end in its utility process, route IPC to it, open the window, the tray
 * and notifications. Closing the window keeps Berth in the tray; Quit stops the back end first (which
 * stops the engine Berth started), then really quits.
 */
export function runDesktopApp(options: DesktopAppOptions): void {
  const { log } = options;
  registerAppScheme();
  // Electron's single-instance lock is per userData directory: one per data dir makes one Berth per data dir.
  app.setPath('userData', join(options.launch.dataDir, 'electron'));
  if (!app.requestSingleInstanceLock()) {
    log('Berth is already running for this data dir; focusing its window.');
    app.quit();
    return;
  }

  const backend = new BackendProcess({ entry: join(options.distDir, 'backend.js'), args: launchArgs(options.launch), log });
  let window: BrowserWindow | undefined;
  let router: Disposable | undefined;
  let services: DesktopServices | undefined;
  let quitState: 'running' | 'disposing' | 'done' = 'running';

  const openExternal = (url: string) => shell.openExternal(url).catch((err: unknown) => log(`could not open ${url}: ${(err as Error).message}`));
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, { openExternal: (url) => void openExternal(url), log }));

  const showWindow = (route?: string) => {
    if (window && !window.isDestroyed()) {
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
      if (route) window.webContents.send(NAVIGATE_CHANNEL, route);
      return;
    }
    const win = createMainWindow({ preloadPath: join(options.distDir, 'preload.cjs'), route, stateFile: join(app.getPath('userData'), 'window-state.json'), log });
    window = win;
    // Like Docker Desktop: closing the window keeps Berth (and its engine) running in the tray.
    win.on('close', (event) => {
      if (quitState !== 'running' || !services?.hasTray) return;
      event.preventDefault();
      win.hide();
    });
    win.on('closed', () => (window = undefined));
  };
  app.on('second-instance', () => showWindow());
  app.on('activate', () => {
    if (app.isReady()) showWindow();
  });
  // Without a tray, the last window closing quits (and stops the engine Berth started).
  app.on('window-all-closed', () => {
    if (!services?.hasTray) app.quit();
  });

  const beforeQuit = (event: { preventDefault(): void }) => {
    if (quitState === 'done') return;
    event.preventDefault();
    if (quitState === 'disposing') return;
    quitState = 'disposing';
    log('stopping the back end…');
    services?.dispose();
    router?.dispose();
    backend
      .stop()
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
      backend.start();
      services = startDesktopServices({
        api: createMainClient(backend),
        iconDir: join(options.distDir, 'tray'),
        platform: options.platform,
        windowFocused: () => !!window && !window.isDestroyed() && window.isVisible() && window.isFocused(),
        open: showWindow,
        quit: () => app.quit(),
        quitting: () => quitState !== 'running',
        updates: options.updater && createUpdateChecker({ updater: options.updater, packaged: app.isPackaged, log }),
        log,
      });
      router = registerIpcRouter({ dispatcher: backend, backendStatus: backend, observer: services.observer, openExternal, pickComposeFiles, log });
      showWindow();
    })
    .catch((err: unknown) => {
      log(`startup failed: ${(err as Error).stack ?? String(err)}`);
      dialog.showErrorBox('Berth could not start', (err as Error).message ?? String(err));
      app.exit(1);
    });
}
