import type { BerthApi, Disposable } from '../../../contract/index.js';
import { startContainersSync, type ContainersSyncApi } from '../features/containers/sync.js';
import { startEngineSync, type EngineSyncApi } from '../features/docker-engine/sync.js';
import { StatsSummaryStore, type SummaryApi } from '../features/stats/summary-store.js';
import { ProjectJobs } from '../features/compose/project-jobs.js';
import { DiagnosticsJob } from '../features/settings/diagnostics-job.js';
import { createConnectionMonitor, type ConnectionMonitorOptions } from './connection-monitor.js';
import { createRootStore, type RootStore } from './root-store.js';
import { documentThemeHost, startSettingsSync, type SettingsSyncApi } from '../features/settings/sync.js';

/** Everything a window needs, wired once in main.tsx and handed to React through a context. */
export interface AppRuntime extends Disposable {
  readonly store: RootStore;
  /** The whole contract client, for pages that call it directly (through useApi()). */
  readonly api: BerthApi;
  /** The list's CPU sparklines: one statsSummary stream for the window, open while a sparkline shows. */
  readonly statsSummary: StatsSummaryStore;
  /** Compose up and pull jobs, by project: they run on while another project or page is shown. */
  readonly composeJobs: ProjectJobs;
  /** The diagnostics bundle: it runs on while another page is shown, and says how it ended. */
  readonly diagnostics: DiagnosticsJob;
  /** desktop: Electron preload bridge; browser: `npm run web` over a WebSocket. */
  readonly host: 'desktop' | 'browser';
  refreshEngineInfo(): void;
  /** Open a URL in the system browser (desktop) or a new tab (browser mode). */
  openUrl(url: string): void;
  /** Desktop only: the native Open dialog for compose files (the chosen paths, [] when cancelled). */
  readonly pickComposeFiles?: () => Promise<string[]>;
  /** Browser mode: whether the server refuses this page's access token (see api/index.ts). */
  readonly accessRefused?: () => Promise<boolean>;
}

export interface RuntimeOptions {
  host: 'desktop' | 'browser';
  openUrl(url: string): void;
  pickComposeFiles?: () => Promise<string[]>;
  connection?: Pick<ConnectionMonitorOptions, 'intervalMs' | 'timeoutMs'>;
  /** The transport's open/close signal, where it has one (browser mode's WebSocket). */
  transportStatus?: (listener: (status: 'open' | 'closed') => void) => Disposable;
  accessRefused?: () => Promise<boolean>;
}

/** What the runtime needs from the API (the rest of the contract is used by pages directly). */
export type RuntimeApi = ContainersSyncApi & EngineSyncApi & SettingsSyncApi & SummaryApi & { engine: Pick<BerthApi['engine'], 'status'> };

export function createAppRuntime(api: BerthApi, options: RuntimeOptions): AppRuntime {
  const store = createRootStore();
  const monitor = createConnectionMonitor({
    ...options.connection,
    // engine.status is cheap, and its answer also fills the status before the stream's first event.
    probe: () => api.engine.status({}).then((s) => store.getState().setEngineStatusIfUnknown(s)),
    onChange: (s) => store.getState().setBackendState(s),
  });
  const hooks = { onAlive: () => monitor.markAlive() };
  const transport = options.transportStatus?.((status) => monitor.transport(status));
  const engine = startEngineSync(api, store, hooks);
  const containers = startContainersSync(api, store, hooks);
  const settings = startSettingsSync(api, store, documentThemeHost());
  const statsSummary = new StatsSummaryStore(api);
  const composeJobs = new ProjectJobs();
  const diagnostics = new DiagnosticsJob({
    open: (handlers) => api.diagnostics.bundle({}, handlers),
    // Its code comes with the first bundle saved, not in the window's first chunk.
    save: (blob, fileName) => void import('../features/files/download-transfer.js').then((m) => m.saveBlob(blob, fileName)),
    notify: (n) => void store.getState().pushNotice({ ...n, failures: [], scope: 'app' }),
  });
  let disposed = false;

  return {
    store,
    api,
    statsSummary,
    composeJobs,
    diagnostics,
    host: options.host,
    refreshEngineInfo: () => engine.refreshInfo(),
    openUrl: (url) => options.openUrl(url),
    pickComposeFiles: options.pickComposeFiles,
    accessRefused: options.accessRefused,
    dispose() {
      if (disposed) return;
      disposed = true;
      containers.dispose();
      statsSummary.dispose();
      composeJobs.dispose();
      diagnostics.dispose();
      settings.dispose();
      engine.dispose();
      transport?.dispose();
      monitor.dispose();
    },
  };
}
