import { BerthError } from '../../contract/errors.js';
import type { ComposeProject, ComposeService } from '../../contract/models/compose.js';
import { containerAction, containerPath, createContainer } from '../adapter/calls.js';
import { toBerthError } from '../errors.js';
import { explainPortConflict } from '../run/port-holder.js';
import { serviceCreateBody } from './create-body.js';
import { ensureImage } from './ensure-images.js';
import { ensureResources } from './ensure-resources.js';
import { L } from './labels.js';
import { planUp, withDependencies, type ServiceStep } from './plan.js';
import { projectContainers, serviceOf } from './project-containers.js';
import type { ComposeRuntime, Emit } from './runtime.js';
import { waitCondition } from './wait-condition.js';

/**
 * `up -d`: networks and volumes first, then every service as its own task: its image is made ready
 * at once (pull or build, in parallel with everything else), then it waits for its dependencies'
 * conditions, then it is created, recreated (config hash changed), started, or left as it is.
 * Independent services therefore run side by side. Aborting `signal` cancels every request in flight.
 */
export async function upProject(rt: ComposeRuntime, project: ComposeProject, emit: Emit, signal: AbortSignal, services?: readonly string[]): Promise<void> {
  const wanted = withDependencies(project, services);
  const scoped: ComposeProject = { ...project, services: project.services.filter((s) => wanted.has(s.name)) };
  const existing = await projectContainers(rt.engine, project.name, signal);
  const plans = planUp(scoped, existing);
  const known = new Set(project.services.map((s) => s.name).concat(project.disabledServices));
  const orphans = [...new Set(existing.map(serviceOf).filter((s) => !known.has(s)))];
  if (orphans.length) emit({ kind: 'log', text: `warning: containers of services no longer in the file were left as they are: ${orphans.join(', ')} (down removes them)` });
  await ensureResources(rt, scoped, emit, signal);

  const tasks = new Map<string, Promise<string>>();
  /** When each service's container was started (or found running): exits are looked for until SETTLE_MS after the last of these. */
  const started = new Map<string, number>();
  const by = new Map(scoped.services.map((s) => [s.name, s]));
  const run = (svc: ComposeService): Promise<string> => {
    let task = tasks.get(svc.name);
    if (!task) {
      task = runService(rt, scoped, svc, plans[svc.name]!, emit, signal, (dep) => run(by.get(dep)!)).then((id) => (started.set(svc.name, Date.now()), id));
      tasks.set(svc.name, task);
    }
    return task;
  };
  const results = await Promise.allSettled(scoped.services.map(run));
  if (signal.aborted) throw new BerthError('CANCELLED', `Up of "${project.name}" was cancelled`);
  // Every service that failed on its own (a port in use, a one-shot's exit code, a build), not only the
  // first: the others were said in a Progress cell's tooltip alone. "Not started because x failed" follows from x's.
  const failed = results.flatMap((r, i) => (r.status === 'rejected' && !derived.has(r.reason as object) ? [{ service: scoped.services[i]!.name, error: toBerthError(r.reason, rt.endpoint) }] : []));
  failed.push(...(await exitedNonZero(rt, scoped, results, started, emit, signal)));
  const first = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed.length > 1) {
    // "web: Port 8080 is already in use…", but not "seed: Service "seed" exited…" (the message names it).
    const line = (f: (typeof failed)[number]) => (f.error.message.startsWith(`Service "${f.service}"`) ? f.error.message : `${f.service}: ${f.error.message}`);
    throw new BerthError(failed[0]!.error.code, `${failed.length} services failed: ${failed.map(line).join('; ')}`, {
      problems: failed.map((f) => ({ code: f.error.code, message: line(f) })),
    });
  }
  if (failed.length) throw failed[0]!.error;
  if (first) throw toBerthError(first.reason, rt.endpoint);
  emit({ kind: 'done', message: `Project "${project.name}" is up (${scoped.services.length} service${scoped.services.length === 1 ? '' : 's'})` });
}

/**
 * How long after the up's last start a container that exits counts as failing the up (a one-shot whose
 * command fails, a server that crashes at once). Waited with POST /wait (no polling). An exit after it is
 * still said, by the Compose page, from the live container list (compose-projects.ts, upOutcome).
 */
const SETTLE_MS = 500;

/**
 * Services that started but whose container exited with a non-zero code within SETTLE_MS: up is not
 * "up" then, and says which and with what code. A service others wait on with
 * service_completed_successfully is left out: their own failure names it.
 */
async function exitedNonZero(rt: ComposeRuntime, project: ComposeProject, results: PromiseSettledResult<string>[], started: ReadonlyMap<string, number>, emit: Emit, signal: AbortSignal): Promise<{ service: string; error: BerthError }[]> {
  // Every check ends SETTLE_MS after the last start: the checks run side by side, so the up waits no
  // longer, and a one-shot started early (e.g. one its services depend on) is given all that time.
  const last = Math.max(0, ...started.values());
  const awaited = new Set(project.services.flatMap((s) => Object.entries(s.dependsOn).filter(([, d]) => d.condition === 'service_completed_successfully').map(([dep]) => dep)));
  const checks = results.map(async (r, i) => {
    const service = project.services[i]!.name;
    if (r.status !== 'fulfilled' || awaited.has(service)) return [];
    const left = Math.max(50, last + SETTLE_MS - Date.now());
    const code = await rt.engine
      .json<{ StatusCode?: number }>({ method: 'POST', path: `${containerPath(r.value)}/wait`, query: { condition: 'not-running' }, signal: AbortSignal.any([signal, AbortSignal.timeout(left)]) })
      .then((w) => w.StatusCode ?? 0, () => 0);
    if (code === 0 || signal.aborted) return [];
    emit({ kind: 'service', service, step: 'failed', container: r.value, message: `Exited with code ${code}` });
    return [{ service, error: new BerthError('CONFLICT', `Service "${service}" exited with code ${code}`, { reason: 'exited', service, exitCode: code }) }];
  });
  return (await Promise.all(checks)).flat();
}

/** Failures that only follow from a dependency's: up reports the dependency's own. */
const derived = new WeakSet<object>();

async function runService(
  rt: ComposeRuntime,
  project: ComposeProject,
  svc: ComposeService,
  step: ServiceStep,
  emit: Emit,
  signal: AbortSignal,
  dependency: (name: string) => Promise<string>,
): Promise<string> {
  try {
    const image = step.plan === 'create' || step.plan === 'recreate' ? ensureImage(rt, svc, emit, signal) : Promise.resolve();
    image.catch(() => undefined);
    const deps = Object.entries(svc.dependsOn);
    if (deps.length) emit({ kind: 'service', service: svc.name, step: 'waiting', message: `Waiting for ${deps.map(([d]) => d).join(', ')}` });
    await Promise.all(
      deps.map(async ([dep, { condition }]) => {
        let id: string;
        try {
          id = await dependency(dep);
        } catch {
          const e = new BerthError('CONFLICT', `"${svc.name}" was not started because "${dep}" failed`);
          derived.add(e);
          throw e;
        }
        await waitCondition(rt, dep, id, condition, signal);
      }),
    );
    await image;
    if (step.plan === 'unchanged') {
      emit({ kind: 'service', service: svc.name, step: 'unchanged', container: step.container!.Id, message: 'Running, unchanged' });
      return step.container!.Id!;
    }
    if (step.plan === 'start') {
      emit({ kind: 'service', service: svc.name, step: 'starting', container: step.container!.Id });
      await startQuietly(rt, step.container!.Id!, signal);
      emit({ kind: 'service', service: svc.name, step: 'running', container: step.container!.Id });
      return step.container!.Id!;
    }
    const n = Number(step.container?.Labels?.[L.number] ?? 1) || 1;
    if (step.plan === 'recreate') {
      emit({ kind: 'service', service: svc.name, step: 'recreating', container: step.container!.Id, message: 'Its configuration changed' });
      // Stopped as compose stops it (SIGTERM, then SIGKILL after the grace period), then removed.
      await containerAction(rt.engine, step.container!.Id!, 'stop', { t: svc.stopGracePeriod ?? 10 }, signal).catch((err: unknown) => {
        if ((err as { statusCode?: unknown }).statusCode !== 304) throw err;
      });
      await rt.engine.json({ method: 'DELETE', path: containerPath(step.container!.Id!), query: { force: 1 }, signal });
    } else {
      emit({ kind: 'service', service: svc.name, step: 'creating' });
    }
    const { name, body, extraNetworks } = serviceCreateBody(project, svc, n);
    const { id } = await createContainer(rt.engine, body, name, signal);
    for (const net of extraNetworks) {
      await rt.engine.json({ method: 'POST', path: `/networks/${encodeURIComponent(net.name)}/connect`, body: { Container: id, EndpointConfig: { Aliases: net.aliases } }, signal });
    }
    emit({ kind: 'service', service: svc.name, step: 'starting', container: id });
    await startQuietly(rt, id, signal);
    emit({ kind: 'service', service: svc.name, step: 'running', container: id });
    return id;
  } catch (err) {
    // A published port another container holds: named ("…in use by container web-1"), as for a run.
    const e = signal.aborted ? new BerthError('CANCELLED', 'Cancelled') : await explainPortConflict(toBerthError(err, rt.endpoint), rt.engine);
    if (derived.has(err as object)) derived.add(e);
    emit({ kind: 'service', service: svc.name, step: 'failed', message: e.message });
    throw e;
  }
}

async function startQuietly(rt: ComposeRuntime, id: string, signal: AbortSignal): Promise<void> {
  try {
    await containerAction(rt.engine, id, 'start', {}, signal);
  } catch (err) {
    if ((err as { statusCode?: unknown }).statusCode !== 304) throw err;
  }
}
