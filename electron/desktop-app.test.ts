import { beforeEach, describe, expect, it, vi } from 'vitest';
import { app, BrowserWindow, protocol, resetFakeElectron, session } from './testing/fake-electron.js';
import { createFakeImplementation } from '../server/testing/fake-implementation.js';
import { runDesktopApp, type DesktopBackend } from './desktop-app.js';

function fakeBackend() {
  let finishDispose: () => void = () => undefined;
  const backend = {
    impl: createFakeImplementation().impl,
    start: vi.fn(async () => undefined),
    dispose: vi.fn(() => new Promise<void>((resolve) => (finishDispose = resolve))),
  } satisfies DesktopBackend;
  return { backend, finishDispose: () => finishDispose() };
}

describe('runDesktopApp', () => {
  beforeEach(() => resetFakeElectron());

  const run = (backend: DesktopBackend) => {
    const created: unknown[] = [];
    runDesktopApp({
      launch: { dataDir: '/data', embedded: 'never', engine: 'auto', dockerHost: 'unix:///x.sock' },
      createBackend: (o) => (created.push(o), backend),
      distDir: '/app/dist/electron',
      log: () => undefined,
    });
    return created;
  };

  it('on ready: hardens the session, serves app://, opens the locked window, starts the back end', async () => {
    const { backend } = fakeBackend();
    const created = run(backend);
    expect(created).toEqual([expect.objectContaining({ dataDir: '/data', embedded: 'never', dockerHost: 'unix:///x.sock' })]);
    expect(protocol.privileged.map((p) => p.scheme)).toEqual(['app']);
    app.makeReady();
    await vi.waitFor(() => expect(BrowserWindow.instances).toHaveLength(1));
    const win = BrowserWindow.instances[0]!;
    expect((win.options.webPreferences as { preload: string }).preload).toBe('/app/dist/electron/preload.cjs');
    expect(win.webContents.windowOpenHandler).toBeDefined();
    expect(protocol.handlers.has('app')).toBe(true);
    expect(session.defaultSession.permissionRequestHandler).toBeDefined();
    expect(backend.start).toHaveBeenCalledTimes(1);
  });

  it('disposes the back end before quitting, once', async () => {
    const { backend, finishDispose } = fakeBackend();
    run(backend);
    app.makeReady();
    await vi.waitFor(() => expect(BrowserWindow.instances).toHaveLength(1));
    app.quit();
    app.quit();
    expect(backend.dispose).toHaveBeenCalledTimes(1);
    expect(app.exited).toBe(false);
    finishDispose();
    await vi.waitFor(() => expect(app.exited).toBe(true));
    expect(backend.dispose).toHaveBeenCalledTimes(1);
  });

  it('quits when the last window closes', async () => {
    const { backend, finishDispose } = fakeBackend();
    run(backend);
    app.makeReady();
    await vi.waitFor(() => expect(BrowserWindow.instances).toHaveLength(1));
    BrowserWindow.instances[0]!.close();
    app.emit('window-all-closed');
    expect(backend.dispose).toHaveBeenCalledTimes(1);
    finishDispose();
    await vi.waitFor(() => expect(app.exited).toBe(true));
  });

  it('a second instance quits at once without starting a back end', () => {
    app.hasLock = false;
    const { backend } = fakeBackend();
    expect(run(backend)).toEqual([]);
    expect(app.quitRequests).toBe(1);
  });
});
