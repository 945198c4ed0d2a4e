import type { DomainImplementation } from '../../contract/define.js';
import type { composeApi } from '../../contract/domains/compose.js';
import { BerthError } from '../../contract/errors.js';
import { familiarRepository, parseImageReference, withDefaultTag } from '../../contract/image-reference.js';
import type { ComposeEvent, ComposeIssue, ComposeProject, ServicePlan } from '../../contract/models/compose.js';
import { runBuild } from '../build/run-build.js';
import type { EngineConnection } from '../client/engine-connection.js';
import { downPlan, downProject } from '../compose/down.js';
import { ensureImage } from '../compose/ensure-images.js';
import { loadProject } from '../compose/load-project.js';
import { mergedLogs } from '../compose/merged-logs.js';
import { planUp } from '../compose/plan.js';
import { projectAction } from '../compose/project-actions.js';
import { projectContainers } from '../compose/project-containers.js';
import type { ComposeRuntime } from '../compose/runtime.js';
import { upProject } from '../compose/up.js';
import { toBerthError } from '../errors.js';
import { runTransfer } from '../images/transfer-stream.js';
import { resolveRegistryAuth } from '../registry/credentials.js';
import { AsyncQueue } from '../streams/async-queue.js';
import type { ServiceDeps } from './service-deps.js';

/** The issues as one VALIDATION error: the first few in the message, all of them in details.issues. */
export function composeValidationError(errors: ComposeIssue[]): BerthError {
  const shown = errors.slice(0, 3).map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`).join('; ');
  return new BerthError('VALIDATION', `${shown}${errors.length > 3 ? ` (and ${errors.length - 3} more)` : ''}`, { composeIssues: errors });
}

export function composeRuntime(conn: EngineConnection, log: (line: string) => void): ComposeRuntime {
  return {
    engine: conn.engine,
    hub: conn.hub,
    endpoint: conn.endpoint.host,
    build: (req, signal) => runBuild(conn.engine, { ...req, noCache: false }, signal, conn.endpoint.host),
    pull(image, signal) {
      const parsed = parseImageReference(image);
      if (!parsed.ok) throw new BerthError('VALIDATION', `"${image}": ${parsed.error}`);
      const ref = withDefaultTag(parsed.ref);
      return runTransfer({
        kind: 'pull',
        ref,
        signal,
        log,
        // Resolved by runTransfer, so a refusal of stored credentials says so (as a pull on the Images page does).
        auth: () => resolveRegistryAuth(ref.domain).catch(() => undefined),
        open: async (s, auth) =>
          conn.engine.stream({
            method: 'POST',
            path: '/images/create',
            query: { fromImage: familiarRepository(ref), tag: ref.digest ?? ref.tag },
            auth,
            signal: s,
          }),
      });
    },
  };
}

/**
 * The model `down` names networks and images from, when the project's files load. When they do not
 * (moved, deleted, or no longer valid), down still works from the compose labels alone, as
 * `docker compose down -p NAME` does, and the plan says why the files were not used.
 */
export async function downModel(project: string, files: string[] | undefined): Promise<{ model?: ComposeProject; filesNotRead?: string }> {
  if (!files?.length) return {};
  const r = await loadProject({ files, projectName: project });
  if (r.ok) return { model: r.project };
  const first = r.errors[0];
  const why = !first ? 'The compose files cannot be read' : first.message.includes(first.file) ? first.message : `${first.file}:${first.line}:${first.column}: ${first.message}`;
  return { filesNotRead: r.errors.length > 1 ? `${why} (and ${r.errors.length - 1} more error${r.errors.length > 2 ? 's' : ''})` : why };
}

/** Compose projects: load and check files, up, pull, start/stop/restart, down, and merged logs. */
export function createComposeService(deps: ServiceDeps): DomainImplementation<typeof composeApi> {
  const conn = () => deps.connections.require();
  const loadOrThrow = async (args: { files: string[]; projectName?: string; profiles?: string[] }): Promise<ComposeProject> => {
    const r = await loadProject(args);
    if (!r.ok) throw composeValidationError(r.errors);
    return r.project;
  };
  /** A job that emits ComposeEvents, as a stream; unsubscribing aborts it. */
  const job = (signal: AbortSignal, work: (emit: (e: ComposeEvent) => void, signal: AbortSignal) => Promise<void>): AsyncIterable<ComposeEvent> => {
    const life = new AbortController();
    const queue = new AsyncQueue<ComposeEvent>({
      capacity: 10_000,
      signal,
      // Per-service progress: the latest state of a service replaces one not yet sent.
      key: (e) => (e.kind === 'service' && (e.step === 'pulling' || e.step === 'building') ? `s:${e.service}` : undefined),
      onClose: () => life.abort(),
    });
    void work((e) => queue.push(e), life.signal).then(
      () => queue.end(),
      (err: unknown) => queue.fail(life.signal.aborted ? new BerthError('CANCELLED', 'Cancelled') : toBerthError(err)),
    );
    return queue;
  };

  return {
    async load(args, ctx) {
      const r = await loadProject(args);
      if (!r.ok) return r;
      const plan: Record<string, ServicePlan> = {};
      try {
        const existing = await projectContainers(conn().engine, r.project.name, ctx.signal);
        for (const [svc, step] of Object.entries(planUp(r.project, existing))) plan[svc] = step.plan;
      } catch (err) {
        deps.log(`compose: cannot read the state of "${r.project.name}": ${err instanceof Error ? err.message : String(err)}`);
      }
      return { ok: true, project: r.project, plan };
    },

    up: (args, ctx) =>
      job(ctx.signal, async (emit, signal) => {
        const project = await loadOrThrow(args);
        for (const w of project.warnings) emit({ kind: 'log', text: `warning: ${w.file}:${w.line}:${w.column}: ${w.message}` });
        await upProject(composeRuntime(conn(), deps.log), project, emit, signal, args.services);
      }),

    pull: (args, ctx) =>
      job(ctx.signal, async (emit, signal) => {
        const project = await loadOrThrow(args);
        const rt = composeRuntime(conn(), deps.log);
        const targets = project.services.filter((s) => !args.services?.length || args.services.includes(s.name));
        await Promise.all(
          targets.map(async (s) => {
            await ensureImage(rt, s, emit, signal, true);
            emit({ kind: 'service', service: s.name, step: s.build ? 'unchanged' : 'running', message: s.build ? 'Built locally: nothing to pull' : `Pulled ${s.image}` });
          }),
        );
        emit({ kind: 'done', message: `Pulled the images of "${project.name}"` });
      }),

    async action({ project, action, service }, ctx) {
      const c = conn();
      return { containers: await projectAction(composeRuntime(c, deps.log), project, action, service, ctx.signal, c.endpoint.host) };
    },

    async downPlan({ project, volumes, images, files }, ctx) {
      const { model, filesNotRead } = await downModel(project, files);
      const plan = await downPlan(conn().engine, project, { volumes, images }, model, ctx.signal);
      return filesNotRead ? { ...plan, filesNotRead } : plan;
    },

    async down({ project, volumes, images, files }, ctx) {
      const c = conn();
      const { model, filesNotRead } = await downModel(project, files);
      const plan = await downPlan(c.engine, project, { volumes, images }, model, ctx.signal);
      return downProject(c.engine, filesNotRead ? { ...plan, filesNotRead } : plan, ctx.signal, c.endpoint.host);
    },

    logs: ({ ids, tail, follow }, ctx) => {
      const c = conn();
      return mergedLogs(c.engine, ids, { tail, follow }, ctx.signal, c.endpoint.host);
    },
  };
}
