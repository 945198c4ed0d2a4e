import type { BerthImplementation } from '../contract/api.js';
import type { EngineEndpoint } from '../contract/model.js';
import { createDockerAdapter } from './adapter/docker-adapter.js';
import type { EngineOptions } from './adapter/engine-adapter.js';
import { discoverEngine, type Discovery, type DiscoverOptions } from './client/discover.js';
import { nodeDiscoverDeps, pingAt } from './client/engine-client.js';
import { createEngineConnection, type ConnectionProvider, type EngineConnection } from './client/engine-connection.js';
import { ExecSessionRegistry } from './exec/session-registry.js';
import { RecycleBinStore } from './recycle-bin/recycle-bin-store.js';
import { recycleBinDir } from './services/container-actions-service.js';
import { createComposeService } from './services/compose-service.js';
import { createContainerActionsService } from './services/container-actions-service.js';
import { createContainerExecService } from './services/container-exec-service.js';
import { createContainerFilesService } from './services/container-files-service.js';
import { createContainerLogsService } from './services/container-logs-service.js';
import { createContainerRunService } from './services/container-run-service.js';
import { createContainersService } from './services/containers-service.js';
import { createImageBuildService } from './services/image-build-service.js';
import { createImagesService } from './services/images-service.js';
import { createRecycleBinService } from './services/recycle-bin-service.js';
import { createRegistriesService } from './services/registries-service.js';
import { createNetworksService } from './services/networks-service.js';
import { createVolumesService } from './services/volumes-service.js';
import { sweepHelpers } from './volumes/volume-helper.js';
import { createDiskUsageService } from './services/disk-usage-service.js';
import type { ServiceDeps, SharedStores } from './services/service-deps.js';
import { createEngineService } from './services/engine-service.js';
import { StatusStore } from './services/status-store.js';
import { StatsPool } from './stats/stats-pool.js';
import { engineStatsSource } from './stats/stats-source.js';
import { checkEmbedded, nodeEmbeddedCheckDeps, type EmbeddedCheck } from './supervisor/embedded-check.js';
import { DockerdSupervisor, type DockerdSupervisorOptions } from './supervisor/dockerd-supervisor.js';
import { planEngine, type EngineRequestFlags } from './providers/engine-choice.js';
import { embeddedProvider, type SupervisorLike } from './providers/embedded-provider.js';
import { EngineLifecycle } from './providers/engine-lifecycle.js';
import { nativeProvider } from './providers/native-provider.js';
import { nodeVmHost } from './providers/vm-host.js';
import { vmProvider, type VmEngineHost } from './providers/vm-provider.js';
import { VmPortForwards } from './providers/vm-port-forwards.js';
import type { VmWanted } from './providers/vm-host.js';
import { clientVersions } from './versions.js';
import { contract } from '../contract/api.js';
import type { EngineChoice, EngineFrom } from '../contract/domains/settings.js';
import { ErrorRing, recordErrors } from './diagnostics/error-ring.js';
import { dockerConfigPath } from './registry/docker-config.js';
import { createDiagnosticsService } from './services/diagnostics-service.js';
import { createSettingsService } from './services/settings-service.js';
import { readLegacyBinSettings } from './settings/legacy-bin-settings.js';
import { SettingsStore } from './settings/settings-store.js';
import { join } from 'node:path';

export interface BackendOptions {
  /** Berth's data directory; the embedded engine lives in <dataDir>/engine. */
  dataDir: string;
  /** The engine setting (unix://, tcp://, npipe://, ssh://): tried before DOCKER_HOST and the defaults. */
  dockerHost?: string;
  /** 'auto' (default): start Berth's own dockerd when no engine answers (Linux, root, dockerd installed). */
  embedded?: 'auto' | 'never';
  /** Which provider: auto (default), native, embedded or vm (see engine/providers/engine-choice.ts). */
  engine?: EngineRequestFlags['engine'];
  /** Extra dockerd arguments for the embedded engine. */
  extraDockerdArgs?: string[];
  /** The platform the rules of `engine: 'auto'` follow (default: this one). */
  platform?: NodeJS.Platform;
  log?: (line: string) => void;
  /** Secrets the host holds (browser mode's token), redacted from the diagnostics bundle. */
  secrets?: () => string[];
}

export interface Backend {
  readonly impl: BerthImplementation;
  /** Returns at once; the engine is found (or started) in the background, visible through engine.status. */
  start(): Promise<void>;
  /** Stops the event hub, every stream, and the embedded dockerd if (and only if) Berth started it. */
  dispose(): Promise<void>;
}

export type { SupervisorLike } from './providers/embedded-provider.js';

/** Seams for tests; the defaults use the real machine. */
export interface BackendDeps {
  discover(options: DiscoverOptions): Promise<Discovery>;
  checkEmbedded(): EmbeddedCheck;
  createSupervisor(options: Omit<DockerdSupervisorOptions, 'ping'>): SupervisorLike;
  connect(options: EngineOptions, endpoint: EngineEndpoint, managed: boolean, log: (line: string) => void): EngineConnection;
  /** Berth's VM for this data dir (undefined: no VM on this build or platform). Built on first use. */
  createVm?(dataDir: string, log: (line: string) => void, wanted: () => VmWanted): VmEngineHost;
  /** Re-discovery while no engine is reachable: first delay and cap (defaults 2 s → 30 s). */
  retry?: { initialMs: number; maxMs: number };
}

export function createBackend(options: BackendOptions, deps: BackendDeps = nodeBackendDeps()): Backend {
  return new EngineBackend(options, deps);
}

export function nodeBackendDeps(): BackendDeps {
  return {
    discover: (options) => discoverEngine(nodeDiscoverDeps(), options),
    checkEmbedded: () => checkEmbedded(nodeEmbeddedCheckDeps()),
    createSupervisor: (options) => new DockerdSupervisor({ ...options, ping: (socketPath) => pingAt({ socketPath }, { host: `unix://${socketPath}`, source: 'embedded' }, 2000) }),
    connect: (options, endpoint, managed, log) => createEngineConnection(createDockerAdapter(options, endpoint), managed, log),
    createVm: (dataDir, log, wanted) => nodeVmHost(dataDir, log, wanted),
  };
}

class EngineBackend implements Backend {
  readonly impl: BerthImplementation;
  private readonly store = new StatusStore({ state: 'stopped', managed: false, message: 'Berth has not looked for a Docker engine yet' });
  private readonly log: (line: string) => void;
  private readonly lifecycle: EngineLifecycle;
  private disposing?: Promise<void>;
  /** Held stats connections, one pool per engine connection (shared by every window's sparklines). */
  private readonly statsPools = new WeakMap<EngineConnection, StatsPool>();
  private readonly settings: SettingsStore;
  private readonly engineInEffect: EngineChoice;
  private readonly engineFrom: EngineFrom;
  /** The last errors returned to a window, for the diagnostics bundle. */
  private readonly errors = new ErrorRing();
  /** Berth's VM, built on first use (undefined on builds without one). */
  private vm: VmEngineHost | undefined;
  private readonly portForwards: VmPortForwards;

  constructor(
    private readonly options: BackendOptions,
    private readonly deps: BackendDeps,
  ) {
    this.log = options.log ?? (() => undefined);
    const binDir = recycleBinDir(options.dataDir);
    this.settings = new SettingsStore({ file: join(options.dataDir, 'settings.json'), legacy: () => readLegacyBinSettings(binDir), log: this.log });
    ({ choice: this.engineInEffect, from: this.engineFrom } = this.chooseEngine());
    this.portForwards = new VmPortForwards({
      forwarder: { forward: (spec) => this.vmHost()!.forwardPort(spec) },
      allInterfaces: () => this.settings.get().vm.portsAllInterfaces,
      log: this.log,
    });
    this.settings.onChange((s) => void this.portForwards.setAllInterfaces(s.vm.portsAllInterfaces));
    this.lifecycle = this.createLifecycle();
    const connections: ConnectionProvider = { require: () => this.lifecycle.require() };
    const services: ServiceDeps = {
      connections,
      dataDir: options.dataDir,
      log: this.log,
      vmShares: () => (this.lifecycle.require().endpoint.source === 'vm' ? this.vm?.shares() : undefined),
    };
    const stores = this.sharedStores();
    const impl: BerthImplementation = {
      engine: createEngineService({ status: this.store, connections, versions: clientVersions, vmAction: (a) => this.lifecycle.vmAction(a), portForwards: this.portForwards }),
      containers: {
        ...createContainersService(connections),
        ...createContainerActionsService(services, stores.recycleBin),
        ...createContainerRunService(services),
        ...createContainerLogsService(services),
        ...createContainerExecService(services, stores),
        ...createContainerFilesService(services),
      },
      recycleBin: createRecycleBinService(services, stores.recycleBin),
      images: { ...createImagesService(services), ...createImageBuildService(services) },
      registries: createRegistriesService(services),
      compose: createComposeService(services),
      networks: createNetworksService(services),
      system: createDiskUsageService(services),
      volumes: createVolumesService(services, stores.recycleBin),
      settings: createSettingsService(this.settings, { choice: this.engineInEffect, from: this.engineFrom }),
      diagnostics: createDiagnosticsService({
        dataDir: options.dataDir,
        settings: this.settings,
        errors: this.errors,
        status: () => this.store.get(),
        connections,
        versions: clientVersions,
        secrets: () => options.secrets?.() ?? [],
        dockerConfigPath: dockerConfigPath(),
      }),
    };
    this.impl = recordErrors(impl, contract, this.errors);
  }

  /** The engine setting applies when no command-line flag chose one (a flag always wins). */
  /** The engine choice for this run: `--engine` (or `--docker-host`) wins, else the saved setting if it can apply here, else auto. */
  private chooseEngine(): { choice: EngineChoice; from: EngineFrom } {
    const { options } = this;
    const flag = options.engine ?? 'auto';
    const chosen = this.settings.get().engine;
    if (flag !== 'auto' || options.dockerHost) return { choice: flag, from: { kind: 'flag' } };
    if (chosen === 'auto') return { choice: 'auto', from: { kind: 'settings' } };
    try {
      planEngine({ engine: chosen, noEmbedded: options.embedded === 'never' }, options.platform ?? process.platform);
      return { choice: chosen, from: { kind: 'settings' } };
    } catch (err) {
      const reason = (err as Error).message;
      this.log(`settings: the engine choice "${chosen}" cannot apply (${reason}); using auto`);
      return { choice: 'auto', from: { kind: 'unusable', reason } };
    }
  }

  /** The stores services share, each built once here. */
  private sharedStores(): SharedStores {
    return {
      recycleBin: new RecycleBinStore({
        dir: recycleBinDir(this.options.dataDir),
        settings: {
          get: () => this.settings.get().recycleBin,
          set: async (recycleBin) => void (await this.settings.update({ recycleBin })),
          onChange: (l) => this.settings.onChange(l),
        },
      }),
      execSessions: new ExecSessionRegistry(),
      statsPool: (conn) => {
        let pool = this.statsPools.get(conn);
        if (!pool) {
          const source = engineStatsSource(conn.engine, this.log);
          this.statsPools.set(conn, (pool = new StatsPool({ hold: (id, signal) => source.hold(id, signal), log: this.log })));
        }
        return pool;
      },
    };
  }

  /** The engine's providers, in the order the flags and the platform give (engine/providers/engine-choice.ts). */
  private createLifecycle(): EngineLifecycle {
    const { options, deps, log } = this;
    const plan = planEngine({ engine: this.engineInEffect, dockerHost: options.dockerHost, noEmbedded: options.embedded === 'never' }, options.platform ?? process.platform);
    const vmHost = deps.createVm ? () => this.vmHost()! : undefined;
    return new EngineLifecycle({
      plan,
      store: this.store,
      log,
      retry: deps.retry,
      vm: vmHost,
      providers: {
        native: () => nativeProvider((o) => deps.discover(o), options.dockerHost),
        embedded: () => embeddedProvider({ ...deps, dataDir: options.dataDir, extraDockerdArgs: options.extraDockerdArgs, log }),
        ...(vmHost ? { vm: () => vmProvider(vmHost()) } : {}),
      },
      connect: (target, endpoint, managed) => deps.connect(target, endpoint, managed, log),
      onConnected: (conn, firstTime) => {
        // Helper containers a crash left behind would block `docker volume rm`: sweep them once.
        if (firstTime) void sweepHelpers(conn.engine, log).catch((err: unknown) => log(`volumes: helper sweep failed: ${String(err)}`));
        if (conn.endpoint.source === 'vm') this.portForwards.attach(conn);
      },
      onDisconnected: (conn) => {
        if (conn.endpoint.source === 'vm') this.portForwards.detach();
        this.statsPools.get(conn)?.close();
        conn.engine.dispose();
      },
    });
  }

  /** Berth's VM for this data dir, built on first use with the VM settings it applies at each start. */
  private vmHost(): VmEngineHost | undefined {
    const { createVm } = this.deps;
    if (!createVm) return undefined;
    this.vm ??= createVm(this.options.dataDir, this.log, () => {
      const { cpus, memoryMiB, diskGiB, shares } = this.settings.get().vm;
      return { resources: { cpus, memoryMiB, diskGiB }, shares };
    });
    return this.vm;
  }

  start(): Promise<void> {
    this.lifecycle.start();
    return Promise.resolve();
  }

  dispose(): Promise<void> {
    this.disposing ??= (async () => {
      this.portForwards.dispose();
      await this.lifecycle.dispose();
      this.store.close({ state: 'stopped', managed: false, message: 'Berth has stopped' });
    })();
    return this.disposing;
  }
}
