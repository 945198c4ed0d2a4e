import { BrowserWindow, type WebPreferences } from 'electron';
import { APP_INDEX_URL } from './app-url.js';
import { isHashRoute } from './window-route.js';

/**
 * The renderer's privileges, locked: an isolated, sandboxed page with no Node, no <webview> and the
 * web's same-origin rules. The preload is the only bridge (window.berth, window.berthHost).
 */
export function lockedWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    webviewTag: false,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

export interface MainWindowOptions {
  preloadPath: string;
  /** The page to open at, a hash route such as "#/containers/<id>" (a notification's or the tray's). */
  route?: string;
  log(line: string): void;
}

/** The main window, shown once its first paint is ready; loads app://berth/index.html. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'Berth',
    backgroundColor: '#1e1f22',
    autoHideMenuBar: true,
    webPreferences: lockedWebPreferences(options.preloadPath),
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.on('render-process-gone', (_event, details) => options.log(`the window's renderer went away: ${details.reason}`));
  win.loadURL(APP_INDEX_URL + (isHashRoute(options.route) ? options.route : '')).catch((err: unknown) => options.log(`could not load the UI: ${(err as Error).message}`));
  return win;
}
