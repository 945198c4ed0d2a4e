import type { MenuItemConstructorOptions } from 'electron';
import type { ContainerSummary, EngineStatus } from '../contract/index.js';

export type EngineAction = 'start' | 'stop' | 'restart';
export type ContainerAction = 'stop' | 'restart';

export interface TrayState {
  /** undefined: not known yet (the back end is starting or restarting). */
  engine?: EngineStatus;
  /** Every container the engine reports; the menu lists the running ones. */
  containers: readonly ContainerSummary[];
}

export interface TrayActions {
  engine(action: EngineAction): void;
  openContainer(id: string): void;
  container(id: string, action: ContainerAction): void;
  openDashboard(): void;
  quit(): void;
}

/** More than this many running containers end with "N more…" (a menu taller than the screen is no use). */
export const MAX_TRAY_CONTAINERS = 15;

const STATE_LABEL: Record<EngineStatus['state'], string> = { running: 'running', starting: 'starting…', stopped: 'stopped', error: 'failed' };

export function engineLabel(engine: EngineStatus | undefined): string {
  if (!engine) return 'Engine: connecting…';
  const what = engine.provider === 'vm' ? 'VM' : 'Engine';
  return `${what}: ${STATE_LABEL[engine.state]}`;
}

/**
 * The tray's menu for one state. Start, stop and restart act on what Berth runs itself (its VM);
 * an engine Berth did not start (the system's dockerd, Docker Desktop) is shown but not driven.
 */
export function trayMenuTemplate(state: TrayState, actions: TrayActions): MenuItemConstructorOptions[] {
  const { engine } = state;
  const drivable = engine?.provider === 'vm';
  const up = engine?.state === 'running';
  const busy = engine?.state === 'starting';
  const items: MenuItemConstructorOptions[] = [
    { label: engineLabel(engine), enabled: false },
    { label: 'Start', enabled: drivable && !up && !busy, click: () => actions.engine('start') },
    { label: 'Stop', enabled: drivable && up, click: () => actions.engine('stop') },
    { label: 'Restart', enabled: drivable && up, click: () => actions.engine('restart') },
    { type: 'separator' },
  ];
  const running = up ? state.containers.filter((c) => c.state === 'running').sort((a, b) => a.name.localeCompare(b.name)) : [];
  if (!up) items.push({ label: 'No engine running', enabled: false });
  else if (running.length === 0) items.push({ label: 'No running containers', enabled: false });
  for (const c of running.slice(0, MAX_TRAY_CONTAINERS)) {
    items.push({
      label: c.name,
      submenu: [
        { label: 'Open', click: () => actions.openContainer(c.id) },
        { label: 'Stop', click: () => actions.container(c.id, 'stop') },
        { label: 'Restart', click: () => actions.container(c.id, 'restart') },
      ],
    });
  }
  if (running.length > MAX_TRAY_CONTAINERS) items.push({ label: `${running.length - MAX_TRAY_CONTAINERS} more…`, click: () => actions.openDashboard() });
  items.push({ type: 'separator' }, { label: 'Open Dashboard', click: () => actions.openDashboard() }, { label: 'Quit Berth', click: () => actions.quit() });
  return items;
}
