import { BrowserWindow, screen, type WebPreferences } from 'electron';
import { APP_INDEX_URL } from './app-url.js';
import { isHashRoute } from './window-route.js';
import { placeWindow, readWindowState, trackWindowState, WINDOW_MIN_SIZE } from './window-state.js';

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
  /** Where the window's position, size and maximized state are kept between runs (window-state.ts); none: the default size, centred. */
  stateFile?: string;
  log(line: string): void;
}

/**
 * The main window, shown once its first paint is ready; loads app://berth/index.html. It opens where
 * it was last closed, when that is still on a display (after app ready: `screen` needs it).
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const placed = placeWindow(options.stateFile ? readWindowState(options.stateFile, options.log) : undefined, screen.getAllDisplays().map((d) => d.workArea));
  const win = new BrowserWindow({
    ...placed.bounds,
    minWidth: WINDOW_MIN_SIZE.width,
    minHeight: WINDOW_MIN_SIZE.height,
    show: false,
    title: 'Berth',
    backgroundColor: '#1e1f22',
    autoHideMenuBar: true,
    webPreferences: lockedWebPreferences(options.preloadPath),
  });
  if (options.stateFile) trackWindowState(win, options.stateFile, options.log);
  // maximize() also shows the window: only once its first paint is ready, as show() is.
  win.once('ready-to-show', () => (placed.maximized ? win.maximize() : win.show()));
  win.webContents.on('render-process-gone', (_event, details) => options.log(`the window's renderer went away: ${details.reason}`));
  win.loadURL(APP_INDEX_URL + (isHashRoute(options.route) ? options.route : '')).catch((err: unknown) => options.log(`could not load the UI: ${(err as Error).message}`));
  return win;
}
