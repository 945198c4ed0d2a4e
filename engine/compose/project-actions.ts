import { BerthError } from '../../contract/errors.js';
import type { DependencyCondition } from '../../contract/models/compose.js';
import { containerAction } from '../adapter/calls.js';
import type { RawContainer } from '../mapping/container-summary.js';
import { toBerthError } from '../errors.js';
import { explainPortConflict } from '../run/port-holder.js';
import { L } from './labels.js';
import { nameOf, projectContainers, serviceOf } from './project-containers.js';
import type { ComposeRuntime } from './runtime.js';
import { waitCondition } from './wait-condition.js';

export type ProjectAction = 'start' | 'stop' | 'restart';

const CONDITIONS = new Set<string>(['service_started', 'service_healthy', 'service_completed_successfully']);

/** The com.docker.compose.depends_on label ("db:service_healthy:false,init:service_started:true", as compose v2 writes it). */
export function dependsOnLabel(label: string | undefined): Map<string, DependencyCondition> {
  const out = new Map<string, DependencyCondition>();
  for (const part of (label ?? '').split(',')) {
    const [dep, cond] = part.trim().split(':');
    if (dep) out.set(dep, (cond && CONDITIONS.has(cond) ? cond : 'service_started') as DependencyCondition);
  }
  return out;
}

/**
 * `service` and every service it depends on, directly or not (by the depends_on labels of the
 * project's containers): what `docker compose up <service>` brings up with it, so starting one
 * service starts its stopped dependencies first.
 */
export function withDependencies(all: readonly RawContainer[], service: string): Set<string> {
  const labelOf = new Map(all.map((c) => [serviceOf(c), c.Labels?.[L.dependsOn]]));
  const out = new Set<string>();
  const visit = (s: string) => {
    if (out.has(s)) return;
    out.add(s);
    for (const dep of dependsOnLabel(labelOf.get(s)).keys()) visit(dep);
  };
  visit(service);
  return out;
}

/**
 * start, stop or restart a project's containers (or one service's), found by the compose labels.
 * Returns the containers acted on. Already in the wanted state (HTTP 304) is not an error. Starting
 * one service starts its dependencies too (withDependencies), as `docker compose up <service>` does.
 * As compose does, by the depends_on label: start and restart go in dependency order (a service once
 * its dependencies meet their condition, e.g. healthy), stop in reverse (a service once everything
 * that depends on it is stopped); independent services go side by side.
 * stop and restart send no `t`: the engine then waits each container's own StopTimeout (the service's
 * stop_grace_period, 10 s when unset) before SIGKILL.
 */
export async function projectAction(rt: ComposeRuntime, project: string, action: ProjectAction, service?: string, signal?: AbortSignal, endpoint?: string): Promise<string[]> {
  const sig = signal ?? new AbortController().signal;
  const all = await projectContainers(rt.engine, project, sig);
  const targets = service ? all.filter((c) => (action === 'start' ? withDependencies(all, service) : new Set([service])).has(serviceOf(c))) : all;
  if (!targets.length) {
    throw new BerthError('NOT_FOUND', service ? `Project "${project}" has no container for service "${service}"` : `Project "${project}" has no containers`);
  }
  const byService = new Map<string, RawContainer[]>();
  for (const c of targets) byService.set(serviceOf(c), [...(byService.get(serviceOf(c)) ?? []), c]);
  // Edges among the acted-on services only: dependencies outside them are left as they are.
  const deps = new Map([...byService].map(([s, cs]) => [s, new Map([...dependsOnLabel(cs[0]!.Labels?.[L.dependsOn])].filter(([d]) => d !== s && byService.has(d)))]));
  // A published port another container holds is named, as up names it: "web: Port 8080 is already in use by container proxy-1".
  const act = (c: RawContainer) =>
    containerAction(rt.engine, c.Id!, action, {}, sig).catch(async (err: unknown) => {
      if ((err as { statusCode?: unknown }).statusCode === 304) return;
      const e = await explainPortConflict(toBerthError(err, endpoint), rt.engine);
      throw /^Port \d+ is already in use/.test(e.message) ? new BerthError(e.code, `${serviceOf(c)}: ${e.message}`, e.details) : e;
    });

  const tasks = new Map<string, Promise<void>>();
  const visiting = new Set<string>();
  const run = (s: string): Promise<void> => {
    let task = tasks.get(s);
    if (task) return task;
    if (visiting.has(s)) return Promise.resolve(); // a cycle in the labels: do not wait on it
    visiting.add(s);
    // stop: wait for the services that depend on s; start/restart: for s's dependencies and their conditions.
    const before =
      action === 'stop'
        ? [...deps].filter(([, d]) => d.has(s)).map(([dependent]) => run(dependent))
        : [...deps.get(s)!].map(async ([dep, cond]) => {
            await run(dep);
            for (const c of byService.get(dep)!) await waitCondition(rt, dep, c.Id!, cond, sig);
          });
    task = Promise.all(before).then(() => Promise.all(byService.get(s)!.map(act)).then(() => undefined));
    tasks.set(s, task);
    return task;
  };
  const results = await Promise.allSettled([...byService.keys()].map(run));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw toBerthError(failed.reason, endpoint);
  return targets.map(nameOf).sort();
}
