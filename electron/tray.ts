import { join } from 'node:path';
import { Menu, nativeImage, Tray } from 'electron';
import type { BerthApi, ContainerSummary, Disposable } from '../contract/index.js';
import { engineLabel, trayMenuTemplate, type TrayActions, type TrayState } from './tray-menu.js';

export interface BerthTrayOptions {
  api: BerthApi;
  /** dist/electron/tray: the icons scripts/tray-icons.mjs writes at build time. */
  iconDir: string;
  platform?: NodeJS.Platform;
  openDashboard(): void;
  openContainer(id: string): void;
  quit(): void;
  /** Told before the tray starts, stops or restarts the VM (a stop asked for is not news). */
  engineAction?(action: 'start' | 'stop' | 'restart'): void;
  log(line: string): void;
}

/** Each platform's convention: a template image on macOS (drawn in the menu bar's colour), .ico on Windows, PNG elsewhere. */
export function trayIconPath(iconDir: string, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return join(iconDir, 'trayTemplate.png');
  if (platform === 'win32') return join(iconDir, 'tray.ico');
  return join(iconDir, 'tray.png');
}

/**
 * The tray (menu bar on macOS): the engine's state with start/stop/restart, the running containers
 * with open/stop/restart, the dashboard and quit. The menu is rebuilt from the back end's streams and
 * set again after every change, which Linux's AppIndicator needs to show it.
 */
export function createBerthTray(o: BerthTrayOptions): Disposable {
  const platform = o.platform ?? process.platform;
  const image = nativeImage.createFromPath(trayIconPath(o.iconDir, platform));
  if (platform === 'darwin') image.setTemplateImage(true);
  const tray = new Tray(image);
  const state: { engine?: TrayState['engine']; containers: Map<string, ContainerSummary> } = { containers: new Map() };
  const report = (what: string) => (err: unknown) => o.log(`tray: ${what} failed: ${(err as Error).message}`);

  const actions: TrayActions = {
    engine: (action) => {
      o.engineAction?.(action);
      void o.api.engine.vm({ action }).catch(report(`${action} the VM`));
    },
    container: (id, action) => void o.api.containers[action]({ id }).catch(report(`${action} ${id.slice(0, 12)}`)),
    openContainer: o.openContainer,
    openDashboard: o.openDashboard,
    quit: o.quit,
  };
  const render = () => {
    if (tray.isDestroyed()) return;
    const menuState: TrayState = { engine: state.engine, containers: [...state.containers.values()] };
    tray.setToolTip(`Berth — ${engineLabel(state.engine)}`);
    tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(menuState, actions)));
  };

  const subs: Disposable[] = [
    o.api.engine.statusChanges(
      {},
      {
        next: (events) => {
          state.engine = events.at(-1) ?? state.engine;
          render();
        },
        restarted: () => {
          state.engine = undefined;
          render();
        },
      },
    ),
    o.api.containers.watch(
      {},
      {
        next: (changes) => {
          for (const c of changes) {
            if (c.kind === 'snapshot') state.containers = new Map(c.items.map((i) => [i.id, i]));
            else if (c.kind === 'upsert') state.containers.set(c.item.id, c.item);
            else state.containers.delete(c.id);
          }
          render();
        },
      },
    ),
  ];
  tray.on('click', () => o.openDashboard());
  render();
  return {
    dispose() {
      for (const s of subs) s.dispose();
      tray.destroy();
    },
  };
}
