import { beforeEach, describe, expect, it } from 'vitest';
import { BrowserWindow, resetFakeElectron } from './testing/fake-electron.js';
import { APP_INDEX_URL } from './app-url.js';
import { createMainWindow, lockedWebPreferences } from './window.js';

describe('main window', () => {
  beforeEach(() => resetFakeElectron());

  it('locks the webPreferences', () => {
    createMainWindow({ preloadPath: '/dist/electron/preload.cjs', log: () => undefined });
    const win = BrowserWindow.instances[0];
    expect(win?.options.webPreferences).toEqual({
      preload: '/dist/electron/preload.cjs',
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
    });
    expect(lockedWebPreferences('/p')).toEqual({ ...(win?.options.webPreferences as object), preload: '/p' });
  });

  it('loads the app origin and shows once ready', () => {
    createMainWindow({ preloadPath: '/p', log: () => undefined });
    const win = BrowserWindow.instances[0]!;
    expect(win.webContents.getURL()).toBe(APP_INDEX_URL);
    expect(win.options.show).toBe(false);
    win.emit('ready-to-show');
    expect(win.shown).toBe(true);
  });
});
