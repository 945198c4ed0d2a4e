import type { BerthApi, Disposable, ServerMessage } from '../contract/index.js';
import { defaultSettings, type Settings } from '../contract/domains/settings.js';
import type { TrafficObserver } from './ipc.js';
import { applyStartAtLogin } from './login-item.js';
import { ContainerExitRules, EngineStopRule } from './notification-rules.js';
import { createNotifier } from './notifier.js';
import { TransferTap } from './transfer-tap.js';
import { createBerthTray } from './tray.js';
import type { UpdateChecker } from './updater.js';

export interface DesktopServicesOptions {
  api: BerthApi;
  iconDir: string;
  platform?: NodeJS.Platform;
  windowFocused(): boolean;
  /** Shows the window, at this page when given. */
  open(route?: string): void;
  quit(): void;
  /** True once Berth is quitting: the engine stopping then is expected. */
  quitting(): boolean;
  updates?: UpdateChecker;
  applyStartAtLogin?: (on: boolean) => Promise<void>;
  log(line: string): void;
}

export interface DesktopServices extends Disposable {
  /** Watches the pages' traffic for pulls, pushes, builds and VM stops (give it to the IPC router). */
  readonly observer: TrafficObserver;
  /** False when the desktop has no tray (closing the window must then quit). */
  readonly hasTray: boolean;
}

/**
 * What the desktop adds around the window, all fed by the main process's own client of the back end:
 * the tray, notifications (each kind switchable in settings), start at login, and the update feed.
 */
export function startDesktopServices(o: DesktopServicesOptions): DesktopServices {
  let settings: Settings = defaultSettings;
  let loginApplied: boolean | undefined;
  const notify = createNotifier({
    windowFocused: o.windowFocused,
    enabled: (kind) => settings.notifications[kind],
    open: (route) => o.open(route),
    log: o.log,
  });
  const exits = new ContainerExitRules();
  const engineStop = new EngineStopRule();
  const transfers = new TransferTap(notify);
  const subs: Disposable[] = [];

  let hasTray = true;
  try {
    subs.push(
      createBerthTray({
        api: o.api,
        iconDir: o.iconDir,
        platform: o.platform,
        openDashboard: () => o.open(),
        openContainer: (id) => o.open(`#/containers/${id}`),
        quit: o.quit,
        engineAction: (action) => action !== 'start' && engineStop.expectStop(),
        log: o.log,
      }),
    );
  } catch (err) {
    hasTray = false;
    o.log(`no tray on this desktop (${(err as Error).message}); closing the window quits`);
  }

  subs.push(
    o.api.settings.watch({}, {
      next: (views) => {
        const view = views.at(-1);
        if (!view) return;
        settings = view.settings;
        o.updates?.setFeed(settings.updateFeedUrl);
        if (loginApplied === settings.startAtLogin) return;
        loginApplied = settings.startAtLogin;
        (o.applyStartAtLogin ?? applyStartAtLogin)(settings.startAtLogin).catch((err: unknown) => o.log(`start at login: ${(err as Error).message}`));
      },
    }),
    o.api.engine.events({ types: ['container'] }, {
      next: (events) => {
        for (const e of events) {
          const notice = exits.event(e);
          if (notice) notify(notice);
        }
      },
    }),
    o.api.engine.statusChanges({}, {
      next: (events) => {
        for (const s of events) {
          const notice = engineStop.status(s);
          if (notice && !o.quitting()) notify(notice);
        }
      },
      restarted: () => engineStop.reset(),
    }),
  );

  const observer: TrafficObserver = {
    fromPage(conn, raw) {
      transfers.fromPage(conn, raw);
      const msg = raw as { t?: unknown; name?: unknown; args?: { action?: unknown } };
      if (msg?.t === 'call' && msg.name === 'engine.vm' && msg.args?.action !== 'start') engineStop.expectStop();
    },
    toPage: (conn, msg: ServerMessage) => transfers.toPage(conn, msg),
    closed: (conn) => transfers.closed(conn),
  };

  return {
    observer,
    hasTray,
    dispose() {
      for (const s of subs.splice(0)) s.dispose();
      o.updates?.dispose();
    },
  };
}
