import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BerthApi, EngineEvent, EngineStatus } from '../contract/index.js';
import { defaultSettings, type Settings } from '../contract/domains/settings.js';
import { startDesktopServices } from './desktop-services.js';
import { applyStartAtLogin, autostartFile } from './login-item.js';
import { app, Notification, resetFakeElectron } from './testing/fake-electron.js';
import { createUpdateChecker, DEFAULT_UPDATE_FEED, type UpdaterLike } from './updater.js';

function fakeApi() {
  const h: { events?: (e: EngineEvent[]) => void; status?: (e: EngineStatus[]) => void; settings?: (v: { settings: Settings }[]) => void } = {};
  const sub = (key: keyof typeof h) => (_a: unknown, x: { next: never }) => ((h[key] = x.next), { dispose: vi.fn() });
  const api = {
    engine: { events: sub('events'), statusChanges: sub('status'), vm: vi.fn() },
    containers: { watch: () => ({ dispose: vi.fn() }) },
    settings: { watch: sub('settings') },
  } as unknown as BerthApi;
  return { api, h };
}
const die = (exitCode: string): EngineEvent => ({ type: 'container', action: 'die', id: 'abc', name: 'web', attributes: { exitCode }, time: 0 });

// Electron's Notification cannot show here: the fake records what was shown and plays the click.
describe('desktop services: notifications', () => {
  beforeEach(() => resetFakeElectron());

  const start = (focused: boolean) => {
    const { api, h } = fakeApi();
    const open = vi.fn();
    const services = startDesktopServices({ api, iconDir: '/t', platform: 'linux', windowFocused: () => focused, open, quit: vi.fn(), quitting: () => false, applyStartAtLogin: async () => undefined, log: () => undefined });
    return { h, open, services };
  };

  it('a crash notifies while the window is not focused; a click opens the container page', () => {
    const { h, open } = start(false);
    h.events!([die('1')]);
    expect(Notification.shown.map((n) => n.options.title)).toEqual(['web exited unexpectedly']);
    Notification.shown[0]!.emit('click');
    expect(open).toHaveBeenCalledWith('#/containers/abc');
  });

  it('nothing is shown while the window has the focus', () => {
    const { h } = start(true);
    h.events!([die('1')]);
    expect(Notification.shown).toEqual([]);
  });

  it('each kind can be switched off in settings', () => {
    const { h } = start(false);
    h.settings!([{ settings: { ...defaultSettings, notifications: { ...defaultSettings.notifications, containerExited: false } } }]);
    h.events!([die('1')]);
    h.status!([{ state: 'running', managed: false }, { state: 'stopped', managed: false }]);
    expect(Notification.shown.map((n) => n.options.title)).toEqual(['The Docker engine stopped']);
  });

  it('a VM stop asked for from the page is not news; a pull finishing is', () => {
    const { h, services } = start(false);
    h.status!([{ state: 'running', managed: true, provider: 'vm' }]);
    services.observer.fromPage('ipc-1', { t: 'call', id: 1, name: 'engine.vm', args: { action: 'stop' } });
    h.status!([{ state: 'stopped', managed: true, provider: 'vm' }]);
    services.observer.fromPage('ipc-1', { t: 'sub', id: 2, name: 'images.pull', args: { reference: 'alpine' } });
    services.observer.toPage('ipc-1', { t: 'events', id: 2, events: [{ kind: 'done', reference: 'alpine', message: '' }] });
    services.observer.toPage('ipc-1', { t: 'end', id: 2 });
    expect(Notification.shown.map((n) => n.options.title)).toEqual(['Pulled alpine']);
  });
});

describe('start at login and the update feed', () => {
  beforeEach(() => resetFakeElectron());

  it('macOS and Windows use Electron’s login item', async () => {
    await applyStartAtLogin(true, { platform: 'darwin' });
    expect(app.getLoginItemSettings().openAtLogin).toBe(true);
    await applyStartAtLogin(false, { platform: 'win32' });
    expect(app.getLoginItemSettings().openAtLogin).toBe(false);
  });

  it('Linux writes and removes an XDG autostart .desktop file', async () => {
    const env = { XDG_CONFIG_HOME: await mkdtemp(join(tmpdir(), 'berth-autostart-')) };
    await applyStartAtLogin(true, { platform: 'linux', env, command: '/opt/Berth/berth' });
    const file = autostartFile(env);
    expect(file).toBe(join(env.XDG_CONFIG_HOME, 'autostart', 'berth.desktop'));
    expect(await readFile(file, 'utf8')).toMatch(/^\[Desktop Entry\]\nType=Application\nName=Berth\n[^]*Exec="\/opt\/Berth\/berth"\n/);
    await applyStartAtLogin(false, { platform: 'linux', env });
    await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('settings change the generic feed of electron-updater, which checks again (packaged builds only)', async () => {
    const updater = { autoDownload: false, setFeedURL: vi.fn(), checkForUpdates: vi.fn(async () => null), on: vi.fn() } satisfies UpdaterLike;
    const checker = createUpdateChecker({ updater: async () => updater, packaged: true, log: () => undefined });
    checker.setFeed(undefined);
    checker.setFeed('');
    await vi.waitFor(() => expect(updater.checkForUpdates).toHaveBeenCalledTimes(1));
    checker.setFeed('https://mirror.example/berth/');
    await vi.waitFor(() => expect(updater.checkForUpdates).toHaveBeenCalledTimes(2));
    expect(updater.setFeedURL.mock.calls).toEqual([[{ provider: 'generic', url: DEFAULT_UPDATE_FEED }], [{ provider: 'generic', url: 'https://mirror.example/berth/' }]]);
    expect(updater.autoDownload).toBe(true);
    checker.dispose();
    const load = vi.fn(() => updater);
    const dev = createUpdateChecker({ updater: load, packaged: false, log: () => undefined });
    dev.setFeed(undefined);
    expect(dev.feed).toBe(DEFAULT_UPDATE_FEED);
    expect(load).not.toHaveBeenCalled();
  });
});
