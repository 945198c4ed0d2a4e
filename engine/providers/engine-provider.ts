import type { EngineEndpoint, EngineProviderKind, EngineStep, VmView } from '../../contract/model.js';
import type { Discovery } from '../client/discover.js';

/** How to reach an engine: what discovery found, or the socket a provider started. */
export type EngineTarget = Extract<Discovery, { found: true }>['options'];

export interface ProviderReady {
  target: EngineTarget;
  endpoint: EngineEndpoint;
  /** True when Berth started this engine (and stops it on quit). */
  managed: boolean;
}

export interface ProviderFailure {
  message: string;
  remedy?: string;
  logTail?: string[];
  endpoint?: EngineEndpoint;
  /** The provider really started something (a dockerd, a VM) that then failed: its failure is the headline. */
  started?: boolean;
}

export type ProviderResult = { ok: true; ready: ProviderReady } | { ok: false; failure: ProviderFailure };

/** What a provider reports while it starts (shown on the Engine page as it happens). */
export interface ProviderUpdate {
  message: string;
  endpoint?: EngineEndpoint;
  managed?: boolean;
  steps?: EngineStep[];
  vm?: VmView;
}

/**
 * One source of a Docker engine: one that already runs (native), Berth's own dockerd on this machine
 * (embedded), or dockerd in Berth's VM (vm). The back end walks the plan's providers in order and
 * connects to the first that is ready (engine-choice.ts decides the order).
 */
export interface EngineProvider {
  readonly kind: EngineProviderKind;
  /** Find or start the engine. Resolves with where it answers, or why it cannot. */
  start(report: (update: ProviderUpdate) => void, signal: AbortSignal): Promise<ProviderResult>;
  /** The engine this provider started went away by itself (a crash): the back end reconnects or reports. */
  onLost(listener: (failure: ProviderFailure) => void): void;
  /** Stop what this provider started, and nothing else (the VM suspends where it can). */
  stop(): Promise<void>;
}
