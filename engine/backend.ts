import type Docker from 'dockerode';
import type { BerthImplementation } from '../contract/api.js';
import type { EngineEndpoint, EngineStatus } from '../contract/model.js';
import { discoverEngine, type Attempt, type Discovery, type DiscoverOptions } from './client/discover.js';
import { createDocker, nodeDiscoverDeps, pingDocker } from './client/docker-client.js';
import { createEngineConnection, type ConnectionProvider, type EngineConnection } from './client/engine-connection.js';
import { engineUnavailable } from './errors.js';
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
import type { ServiceDeps } from './services/service-deps.js';
import { createEngineService } from './services/engine-service.js';
import { StatusStore } from './services/status-store.js';
import { checkEmbedded, nodeEmbeddedCheckDeps, type EmbeddedCheck } from './supervisor/embedded-check.js';
import { DockerdSupervisor, type DockerdSupervisorOptions, type SupervisorStatus } from './supervisor/dockerd-supervisor.js';
import { sleep } from './util/sleep.js';
import { clientVersions } from './versions.js';

export interface BackendOptions {
  /** Berth's data directory; the embedded engine lives in <dataDir>/engine. */
  dataDir: string;
  /** The engine setting (unix://, tcp://, npipe://, ssh://): tried before DOCKER_HOST and the defaults. */
  dockerHost?: string;
  /** 'auto' (default): start Berth's own dockerd when no engine answers (Linux, root, dockerd installed). */
  embedded?: 'auto' | 'never';
  /** Extra dockerd arguments for the embedded engine. */
  extraDockerdArgs?: string[];
  log?: (line: string) => void;
}

export interface Backend {
  readonly impl: BerthImplementation;
  /** Returns at once; the engine is found (or started) in the background, visible through engine.status. */
  start(): Promise<void>;
  /** Stops the event hub, every stream, and the embedded dockerd if (and only if) Berth started it. */
  dispose(): Promise<void>;
}

/** The embedded engine as the backend sees it (DockerdSupervisor, or a fake in tests). */
export type SupervisorLike = Pick<DockerdSupervisor, 'paths' | 'status' | 'onChange' | 'start' | 'stop'>;

/** Seams for tests; the defaults use the real machine. */
export interface BackendDeps {
  discover(options: DiscoverOptions): Promise<Discovery>;
  checkEmbedded(): EmbeddedCheck;
  createSupervisor(options: Omit<DockerdSupervisorOptions, 'ping'>): SupervisorLike;
  connect(options: Docker.DockerOptions, endpoint: EngineEndpoint, managed: boolean, log: (line: string) => void): EngineConnection;
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
    createSupervisor: (options) => new DockerdSupervisor({ ...options, ping: (socketPath) => pingDocker(createDocker({ socketPath }), 2000) }),
    connect: (options, endpoint, managed, log) => createEngineConnection(createDocker(options), endpoint, managed, log),
  };
}

class EngineBackend implements Backend {
  readonly impl: BerthImplementation;
  private readonly store = new StatusStore({ state: 'stopped', managed: false, message: 'Berth has not looked for a Docker engine yet' });
  private readonly life = new AbortController();
  private readonly log: (line: string) => void;
  private conn?: EngineConnection;
  private supervisor?: SupervisorLike;
  private running?: Promise<void>;
  private disposing?: Promise<void>;
  private retrying = false;

  constructor(
    private readonly options: BackendOptions,
    private readonly deps: BackendDeps,
  ) {
    this.log = options.log ?? (() => undefined);
    const connections: ConnectionProvider = { require: () => this.requireConnection() };
    const services: ServiceDeps = { connections, dataDir: options.dataDir, log: this.log };
    this.impl = {
      engine: createEngineService({ status: this.store, connections, versions: clientVersions }),
      containers: {
        ...createContainersService(connections),
        ...createContainerActionsService(services),
        ...createContainerRunService(services),
        ...createContainerLogsService(services),
        ...createContainerExecService(services),
        ...createContainerFilesService(services),
      },
      recycleBin: createRecycleBinService(services),
      images: { ...createImagesService(services), ...createImageBuildService(services) },
      registries: createRegistriesService(services),
    };
  }

  start(): Promise<void> {
    if (!this.running && !this.life.signal.aborted) {
      this.running = this.run().catch((err: unknown) => {
        this.log(`engine: unexpected failure: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        this.store.set({ state: 'error', managed: false, message: `Berth failed while connecting to the engine: ${err instanceof Error ? err.message : String(err)}` });
      });
    }
    return Promise.resolve();
  }

  dispose(): Promise<void> {
    this.disposing ??= (async () => {
      this.life.abort();
      this.disconnect();
      await this.supervisor?.stop().catch((err: unknown) => this.log(`embedded engine: stop failed: ${String(err)}`));
      await this.running;
      this.store.close({ state: 'stopped', managed: false, message: 'Berth has stopped' });
    })();
    return this.disposing;
  }

  private requireConnection(): EngineConnection {
    const status = this.store.get();
    if (this.conn && status.state === 'running') return this.conn;
    if (status.state === 'starting') throw engineUnavailable('The Docker engine is still starting; try again in a moment', { state: status.state });
    if (status.state === 'stopped') throw engineUnavailable('Berth is not connected to a Docker engine (the back end is stopped)', { state: status.state });
    throw engineUnavailable(`No Docker engine is available: ${status.message ?? 'unknown reason'}`, { state: status.state, remedy: status.remedy });
  }

  private async run(): Promise<void> {
    this.store.set({ state: 'starting', managed: false, message: 'Looking for a Docker engine…' });
    const found = await this.deps.discover({ dockerHost: this.options.dockerHost });
    if (this.life.signal.aborted) return;
    if (found.found) return this.connect(found.options, found.endpoint, false);

    const tried = describeAttempts(found.attempts);
    if (this.options.dockerHost?.trim()) {
      // The user named an engine: say that it does not answer, rather than start another one.
      this.store.set({
        state: 'error',
        managed: false,
        message: `The Docker engine you chose does not answer (${tried})`,
        remedy: 'Start that engine, or change the engine setting (--docker-host) to a running one.',
      });
      return this.retryDiscovery();
    }
    if ((this.options.embedded ?? 'auto') === 'never') {
      this.store.set({
        state: 'error',
        managed: false,
        message: `No Docker engine answered (${tried})`,
        remedy: 'Start Docker, or set DOCKER_HOST (or the engine setting) to the address of a running engine.',
      });
      return this.retryDiscovery();
    }
    const check = this.deps.checkEmbedded();
    if (!check.possible) {
      this.store.set({ state: 'error', managed: false, message: `No Docker engine answered (${tried}). ${check.message}.`, remedy: check.remedy });
      return this.retryDiscovery();
    }
    await this.startEmbedded(check.dockerdPath);
  }

  private async startEmbedded(dockerdPath: string): Promise<void> {
    const sup = this.deps.createSupervisor({ dataDir: this.options.dataDir, extraArgs: this.options.extraDockerdArgs, dockerdPath, log: this.log });
    this.supervisor = sup;
    const endpoint: EngineEndpoint = { host: sup.paths.host, source: 'embedded' };
    this.store.set({ state: 'starting', managed: true, endpoint, message: 'Starting Berth’s own Docker engine…' });
    sup.onChange((s) => this.onSupervisor(s, endpoint));
    try {
      await sup.start();
    } catch {
      if (this.life.signal.aborted) return;
      this.store.set(this.embeddedError(endpoint, sup.status, 'Berth’s own Docker engine did not start'));
      return this.retryDiscovery();
    }
    if (this.life.signal.aborted) return;
    this.connect({ socketPath: sup.paths.socketPath }, endpoint, true);
  }

  private onSupervisor(s: SupervisorStatus, endpoint: EngineEndpoint): void {
    if (s.state !== 'error' || this.life.signal.aborted || !this.conn?.managed) return;
    // It crashed while we were connected.
    this.disconnect(engineUnavailable(s.message ?? 'The embedded engine stopped'));
    this.store.set(this.embeddedError(endpoint, s, 'Berth’s own Docker engine stopped'));
    void this.retryDiscovery();
  }

  private embeddedError(endpoint: EngineEndpoint, s: SupervisorStatus, what: string): EngineStatus {
    return {
      state: 'error',
      managed: true,
      endpoint,
      message: `${what}: ${s.message ?? 'unknown reason'}`,
      remedy: `See the last lines below, or its full log at ${this.supervisor?.paths.logFile ?? 'the engine log'}. Restart Berth to try again, or start Docker and set DOCKER_HOST.`,
      logTail: s.logTail,
    };
  }

  private connect(options: Docker.DockerOptions, endpoint: EngineEndpoint, managed: boolean): void {
    const conn = this.deps.connect(options, endpoint, managed, this.log);
    this.conn = conn;
    let everConnected = false;
    this.log(`engine: using ${endpoint.host} (${endpoint.source}${endpoint.context ? ` ${endpoint.context}` : ''})`);
    this.store.set({ state: 'starting', managed, endpoint, message: `Connecting to the engine at ${endpoint.host}…` });
    conn.hub.onStatus((s) => {
      if (this.conn !== conn || this.life.signal.aborted) return;
      if (s.state === 'connected') {
        everConnected = true;
        this.store.set({ state: 'running', managed, endpoint });
      } else if (s.state === 'reconnecting') {
        const why = s.lastError ?? 'unknown reason';
        this.store.set({
          state: 'error',
          managed,
          endpoint,
          message: everConnected
            ? `Lost the connection to the engine at ${endpoint.host} (${why}); reconnecting…`
            : `The engine at ${endpoint.host} answered, but its event stream failed (${why}); retrying…`,
          remedy: managed ? 'Berth’s own engine should come back by itself; if not, restart Berth.' : 'Make sure Docker is running; Berth reconnects by itself.',
        });
      }
    });
    void conn.hub.start().catch(() => undefined);
  }

  private disconnect(reason?: Error): void {
    const conn = this.conn;
    this.conn = undefined;
    conn?.hub.dispose(reason);
  }

  /** While no engine is reachable, look again with backoff; connect to the first one found. */
  private async retryDiscovery(): Promise<void> {
    if (this.retrying) return;
    this.retrying = true;
    const retry = this.deps.retry ?? { initialMs: 2000, maxMs: 30_000 };
    let delay = retry.initialMs;
    try {
      while (!this.life.signal.aborted && !this.conn) {
        await sleep(delay, this.life.signal);
        if (this.life.signal.aborted || this.conn) return;
        delay = Math.min(delay * 2, retry.maxMs);
        const found = await this.deps.discover({ dockerHost: this.options.dockerHost });
        if (found.found && !this.life.signal.aborted && !this.conn) {
          this.connect(found.options, found.endpoint, false);
          return;
        }
      }
    } finally {
      this.retrying = false;
    }
  }
}

function describeAttempts(attempts: readonly Attempt[]): string {
  if (!attempts.length) return 'no place to look';
  return `tried ${attempts.map((a) => `${a.endpoint.host} (${a.endpoint.source}): ${a.error}`).join('; ')}`;
}
