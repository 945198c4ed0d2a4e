import { BerthError } from '../../contract/errors.js';
import type { DependencyCondition } from '../../contract/models/compose.js';
import { containerPath, inspectContainer } from '../adapter/calls.js';
import type { ComposeRuntime } from './runtime.js';

/** The engine's State.Health of a container. */
export interface HealthState {
  Status?: string;
  FailingStreak?: number;
  Log?: { ExitCode?: number; Output?: string }[] | null;
}

/** "db" is unhealthy, with why: how many checks failed in a row and the last one's exit code and output (its end, shortened). */
export function unhealthyMessage(dep: string, health: HealthState): string {
  const last = health.Log?.at(-1);
  if (!last) return `"${dep}" is unhealthy`;
  const streak = health.FailingStreak ? health.FailingStreak === 1 ? 'failed once' : `failed ${health.FailingStreak} times in a row` : 'failed';
  const output = (last.Output ?? '').trim().replace(/\s+/g, ' ');
  const shown = output.length > 200 ? `…${output.slice(-199)}` : output;
  return `"${dep}" is unhealthy: its healthcheck ${streak}; the last check exited with code ${last.ExitCode ?? '?'}${shown ? `: ${shown}` : ' and printed nothing'}`;
}

/**
 * Wait until a started dependency meets its condition. service_healthy listens to the engine's
 * events (health_status, die) and re-reads the container at each; service_completed_successfully
 * blocks on POST /wait. Nothing polls.
 */
export async function waitCondition(rt: ComposeRuntime, dep: string, id: string, condition: DependencyCondition, signal: AbortSignal): Promise<void> {
  if (condition === 'service_started') return;
  if (condition === 'service_completed_successfully') {
    const r = await rt.engine.json<{ StatusCode?: number }>({ method: 'POST', path: `${containerPath(id)}/wait`, query: { condition: 'not-running' }, signal });
    if ((r.StatusCode ?? 0) !== 0) throw new BerthError('CONFLICT', `"${dep}" exited with code ${r.StatusCode ?? '?'}; services that need it to complete successfully were not started`);
    return;
  }
  const life = new AbortController();
  const both = AbortSignal.any([signal, life.signal]);
  // Subscribe before the first read, so a change between the two is not missed.
  const events = rt.hub.subscribeEvents({ types: ['container'], signal: both });
  const check = async (): Promise<boolean> => {
    const c = await inspectContainer(rt.engine, id, signal);
    const state = (c.State as { Health?: HealthState }).Health;
    const health = state?.Status;
    if (!health) throw new BerthError('CONFLICT', `"${dep}" has no healthcheck, so it can never become healthy; add one, or use condition: service_started`);
    if (health === 'healthy') return true;
    if (!c.State.Running) throw new BerthError('CONFLICT', `"${dep}" exited (code ${c.State.ExitCode ?? '?'}) before it became healthy`);
    if (health === 'unhealthy') throw new BerthError('CONFLICT', unhealthyMessage(dep, state!));
    return false;
  };
  try {
    if (await check()) return;
    for await (const ev of events) {
      if (ev.id !== id) continue;
      if (ev.action.startsWith('health_status') || ev.action === 'die' || ev.action === 'destroy') {
        if (await check()) return;
      }
    }
    if (signal.aborted) throw new BerthError('CANCELLED', 'Cancelled');
    throw new BerthError('ENGINE_UNAVAILABLE', `Lost the engine's events while waiting for "${dep}" to become healthy`);
  } finally {
    life.abort();
  }
}
