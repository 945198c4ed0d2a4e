import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BerthApi, ContainerSummary, EngineStatus } from '../contract/index.js';
import { createBerthTray } from './tray.js';
import { MAX_TRAY_CONTAINERS, trayMenuTemplate, type TrayActions, type TrayState } from './tray-menu.js';
import { resetFakeElectron, Tray, type FakeMenuItem, type FakeNativeImage } from './testing/fake-electron.js';

const c = (name: string, state: ContainerSummary['state'] = 'running'): ContainerSummary => ({
  id: `${name}-id`, name, image: 'i', imageId: 'sha256:1', command: '', state, status: '', ports: [], created: 0, labels: {},
});
const engine = (state: EngineStatus['state'], provider: EngineStatus['provider'] = 'vm'): EngineStatus => ({ state, managed: true, provider });
const actions = (): TrayActions & { [K in keyof TrayActions]: ReturnType<typeof vi.fn> } =>
  ({ engine: vi.fn(), openContainer: vi.fn(), container: vi.fn(), openDashboard: vi.fn(), quit: vi.fn() }) as never;
const labels = (items: { label?: string; type?: string; enabled?: boolean }[]) => items.map((i) => (i.type === 'separator' ? '---' : `${i.label}${i.enabled === false ? ' (off)' : ''}`));

describe('tray menu per engine state', () => {
  const menu = (state: TrayState, a = actions()) => trayMenuTemplate(state, a);

  it('running VM: stop and restart on, the running containers with open/stop/restart, dashboard, quit', () => {
    const items = menu({ engine: engine('running'), containers: [c('web'), c('db'), c('old', 'exited')] });
    expect(labels(items)).toEqual(['VM: running (off)', 'Start (off)', 'Stop', 'Restart', '---', 'db', 'web', '---', 'Open Dashboard', 'Quit Berth']);
    expect(labels(items[5]!.submenu as never)).toEqual(['Open', 'Stop', 'Restart']);
  });

  it('stopped VM: only start on, no containers', () => {
    expect(labels(menu({ engine: engine('stopped'), containers: [c('web')] }))).toEqual([
      'VM: stopped (off)', 'Start', 'Stop (off)', 'Restart (off)', '---', 'No engine running (off)', '---', 'Open Dashboard', 'Quit Berth',
    ]);
  });

  it('starting: nothing to drive yet; unknown (back end restarting): connecting', () => {
    expect(labels(menu({ engine: engine('starting'), containers: [] })).slice(0, 4)).toEqual(['VM: starting… (off)', 'Start (off)', 'Stop (off)', 'Restart (off)']);
    expect(labels(menu({ containers: [] })).slice(0, 4)).toEqual(['Engine: connecting… (off)', 'Start (off)', 'Stop (off)', 'Restart (off)']);
  });

  it('an engine Berth did not start is shown but not driven; failed engine shows as failed', () => {
    expect(labels(menu({ engine: engine('running', 'native'), containers: [] })).slice(0, 6)).toEqual([
      'Engine: running (off)', 'Start (off)', 'Stop (off)', 'Restart (off)', '---', 'No running containers (off)',
    ]);
    expect(labels(menu({ engine: engine('error', 'embedded'), containers: [] }))[0]).toBe('Engine: failed (off)');
  });

  it('items call their actions; many containers end with "N more…"', () => {
    const a = actions();
    const many = Array.from({ length: MAX_TRAY_CONTAINERS + 3 }, (_, i) => c(`c${String(i).padStart(2, '0')}`));
    const items = menu({ engine: engine('running'), containers: many }, a);
    items.find((i) => i.label === 'Restart')!.click!(undefined as never, undefined, undefined as never);
    const first = items.find((i) => i.label === 'c00')!.submenu as { label: string; click(): void }[];
    first.find((i) => i.label === 'Stop')!.click();
    first.find((i) => i.label === 'Open')!.click();
    items.find((i) => i.label === '3 more…')!.click!(undefined as never, undefined, undefined as never);
    items.find((i) => i.label === 'Quit Berth')!.click!(undefined as never, undefined, undefined as never);
    expect(a.engine).toHaveBeenCalledWith('restart');
    expect(a.container).toHaveBeenCalledWith('c00-id', 'stop');
    expect(a.openContainer).toHaveBeenCalledWith('c00-id');
    expect(a.openDashboard).toHaveBeenCalledTimes(1);
    expect(a.quit).toHaveBeenCalledTimes(1);
  });
});

describe('createBerthTray (fake electron Tray)', () => {
  beforeEach(() => resetFakeElectron());

  function fakeApi() {
    const h: { status?: (e: EngineStatus[]) => void; watch?: (e: unknown[]) => void } = {};
    const api = {
      engine: { statusChanges: (_a: unknown, x: { next: never }) => ((h.status = x.next), { dispose: vi.fn() }), vm: vi.fn(async () => engine('stopped')) },
      containers: { watch: (_a: unknown, x: { next: never }) => ((h.watch = x.next), { dispose: vi.fn() }), stop: vi.fn(async () => ({})), restart: vi.fn(async () => ({})) },
    } as unknown as BerthApi;
    return { api, h };
  }
  const make = (platform: NodeJS.Platform, api: BerthApi, engineAction = vi.fn()) =>
    createBerthTray({ api, iconDir: '/app/tray', platform, openDashboard: vi.fn(), openContainer: vi.fn(), quit: vi.fn(), engineAction, log: () => undefined });

  it('sets the context menu again after every change (Linux needs it) and follows the state', () => {
    const { api, h } = fakeApi();
    make('linux', api);
    const tray = Tray.instances[0]!;
    expect((tray.image as FakeNativeImage).path).toBe('/app/tray/tray.png');
    expect(tray.setContextMenuCalls).toBe(1);
    h.status!([engine('running')]);
    h.watch!([{ kind: 'snapshot', items: [c('web')] }]);
    expect(tray.setContextMenuCalls).toBe(3);
    expect(labels(tray.menu!.items as FakeMenuItem[])).toContain('web');
    expect(tray.tooltip).toBe('Berth — VM: running');
    h.watch!([{ kind: 'remove', id: 'web-id' }]);
    expect(labels(tray.menu!.items as FakeMenuItem[])).toContain('No running containers (off)');
  });

  it('uses a template image on macOS and an .ico on Windows', () => {
    make('darwin', fakeApi().api);
    make('win32', fakeApi().api);
    const [mac, win] = Tray.instances as [Tray, Tray];
    expect((mac.image as FakeNativeImage).path).toBe('/app/tray/trayTemplate.png');
    expect((mac.image as FakeNativeImage).template).toBe(true);
    expect((win.image as FakeNativeImage).path).toBe('/app/tray/tray.ico');
  });

  it('engine items drive the VM and say so first; container items call the contract', () => {
    const { api, h } = fakeApi();
    const engineAction = vi.fn();
    make('linux', api, engineAction);
    h.status!([engine('running')]);
    h.watch!([{ kind: 'snapshot', items: [c('web')] }]);
    const items = Tray.instances[0]!.menu!.items as FakeMenuItem[];
    items.find((i) => i.label === 'Stop')!.click!();
    items.find((i) => i.label === 'web')!.submenu!.find((i) => i.label === 'Restart')!.click!();
    expect(engineAction).toHaveBeenCalledWith('stop');
    expect(api.engine.vm).toHaveBeenCalledWith({ action: 'stop' });
    expect(api.containers.restart).toHaveBeenCalledWith({ id: 'web-id' });
  });
});
