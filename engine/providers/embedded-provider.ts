import type { EngineEndpoint } from '../../contract/model.js';
import type { EmbeddedCheck } from '../supervisor/embedded-check.js';
import type { DockerdSupervisor, DockerdSupervisorOptions, SupervisorStatus } from '../supervisor/dockerd-supervisor.js';
import type { EngineProvider, ProviderFailure, ProviderResult } from './engine-provider.js';

/** The embedded engine as the provider sees it (DockerdSupervisor, or a fake in tests). */
export type SupervisorLike = Pick<DockerdSupervisor, 'paths' | 'status' | 'onChange' | 'start' | 'stop'>;

export interface EmbeddedProviderDeps {
  checkEmbedded(): EmbeddedCheck;
  createSupervisor(options: Omit<DockerdSupervisorOptions, 'ping'>): SupervisorLike;
  dataDir: string;
  extraDockerdArgs?: string[];
  log: (line: string) => void;
}

/** Berth's own dockerd on this machine (Linux, as root, dockerd installed), stopped on quit. */
export function embeddedProvider(deps: EmbeddedProviderDeps): EngineProvider {
  let supervisor: SupervisorLike | undefined;
  const lost: ((f: ProviderFailure) => void)[] = [];

  const failure = (endpoint: EngineEndpoint, s: SupervisorStatus, what: string): ProviderFailure => ({
    endpoint,
    message: `${what}: ${s.message ?? 'unknown reason'}`,
    remedy: `See the last lines below, or its full log at ${supervisor?.paths.logFile ?? 'the engine log'}. Restart Berth to try again, or start Docker and set DOCKER_HOST.`,
    logTail: s.logTail,
    started: true,
  });

  return {
    kind: 'embedded',
    async start(report, signal): Promise<ProviderResult> {
      const check = deps.checkEmbedded();
      if (!check.possible) return { ok: false, failure: { message: `${check.message}.`, remedy: check.remedy } };
      const sup = deps.createSupervisor({ dataDir: deps.dataDir, extraArgs: deps.extraDockerdArgs, dockerdPath: check.dockerdPath, log: deps.log });
      supervisor = sup;
      const endpoint: EngineEndpoint = { host: sup.paths.host, source: 'embedded' };
      report({ message: 'Starting Berth’s own Docker engine…', endpoint, managed: true });
      let running = false;
      sup.onChange((s) => {
        // It crashed after it was up.
        if (running && s.state === 'error' && !signal.aborted) for (const l of lost) l(failure(endpoint, s, 'Berth’s own Docker engine stopped'));
      });
      try {
        await sup.start();
      } catch {
        return { ok: false, failure: failure(endpoint, sup.status, 'Berth’s own Docker engine did not start') };
      }
      running = true;
      return { ok: true, ready: { target: { socketPath: sup.paths.socketPath }, endpoint, managed: true } };
    },
    onLost(listener) {
      lost.push(listener);
    },
    async stop() {
      await supervisor?.stop().catch((err: unknown) => deps.log(`embedded engine: stop failed: ${String(err)}`));
    },
  };
}
