import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeImplementation } from '../server/testing/fake-implementation.js';
import { runDesktopApp } from './desktop-app.js';
import { playBackendChildren } from './testing/fake-backend-child.js';
import { app, BrowserWindow, FakeUtilityProcess, protocol, resetFakeElectron, session, Tray } from './testing/fake-electron.js';

// Electron cannot run here: the fake electron module plays the app, windows, tray and utility process.
describe('runDesktopApp', () => {
  beforeEach(() => resetFakeElectron());

  const run = () => {
    const backends = playBackendChildren(() => createFakeImplementation().impl);
    runDesktopApp({
      launch: { dataDir: '/data', embedded: 'never', engine: 'auto', dockerHost: 'unix:///x.sock' },
      distDir: '/app/dist/electron',
      platform: 'linux',
      log: () => undefined,
    });
    return backends;
  };
  const ready = async () => {
    app.makeReady();
    await vi.waitFor(() => expect(BrowserWindow.instances).toHaveLength(1));
    return BrowserWindow.instances[0]!;
  };

  it('on ready: hardens the session, serves app://, forks the back end, opens the locked window and the tray', async () => {
    const backends = run();
    expect(protocol.privileged.map((p) => p.scheme)).toEqual(['app']);
    expect(app.getPath('userData')).toBe('/data/electron');
    const win = await ready();
    expect((win.options.webPreferences as { preload: string }).preload).toBe('/app/dist/electron/preload.cjs');
    expect(win.webContents.windowOpenHandler).toBeDefined();
    expect(protocol.handlers.has('app')).toBe(true);
    expect(session.defaultSession.permissionRequestHandler).toBeDefined();
    expect(FakeUtilityProcess.forked.map((c) => [c.modulePath, c.args])).toEqual([
      ['/app/dist/electron/backend.js', ['--data-dir', '/data', '--docker-host', 'unix:///x.sock', '--no-embedded-engine']],
    ]);
    expect(backends).toHaveLength(1);
    expect(Tray.instances).toHaveLength(1);
  });

  it('closing the window keeps Berth in the tray: the back end keeps running', async () => {
    const backends = run();
    const win = await ready();
    win.shown = true;
    win.close();
    expect(win.closed).toBe(false);
    expect(win.shown).toBe(false);
    expect(app.quitRequests).toBe(0);
    app.emit('second-instance');
    expect(win.shown).toBe(true);
    expect(win.focused).toBe(true);
    expect(backends[0]!.dispose).not.toHaveBeenCalled();
  });

  it('Quit stops the back end in its process (and the engine Berth started), once, then really quits', async () => {
    const backends = run();
    const win = await ready();
    await vi.waitFor(() => expect(FakeUtilityProcess.forked[0]!.listenerCount('exit')).toBeGreaterThan(0));
    app.quit();
    app.quit();
    expect(app.exited).toBe(false);
    await vi.waitFor(() => expect(app.exited).toBe(true));
    expect(backends[0]!.dispose).toHaveBeenCalledTimes(1);
    expect(FakeUtilityProcess.forked).toHaveLength(1);
    expect(Tray.instances[0]!.destroyed).toBe(true);
    // While quitting the window really closes.
    win.close();
    expect(win.closed).toBe(true);
  });

  it('the tray menu’s Quit really quits', async () => {
    run();
    await ready();
    const quit = (Tray.instances[0]!.menu!.items as { label?: string; click?: () => void }[]).find((i) => i.label === 'Quit Berth')!;
    quit.click!();
    await vi.waitFor(() => expect(app.exited).toBe(true));
  });

  it('a second Berth on the same data dir quits at once without forking a back end', () => {
    app.hasLock = false;
    run();
    expect(FakeUtilityProcess.forked).toEqual([]);
    expect(app.quitRequests).toBe(1);
  });
});
