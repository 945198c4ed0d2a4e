import type { BerthApi, BerthError, ContainerState } from '../../../../contract/index.js';
import { actionDefs, nothingToDoText, resultText, skipReason, skippedText, type ContainerActionKind } from './action-defs.js';
import type { ActionFailure, ActionsSlice, NoticeScope } from './action-store.js';

export interface ActionTarget {
  id: string;
  name: string;
  /** The state the list shows, where known: an action that does not apply to it is left out. */
  state?: ContainerState;
}

export interface ActionPlan {
  apply: ActionTarget[];
  skipped: { name: string; reason: string }[];
}

/** Splits the chosen containers into those the action applies to and those left out, with why. */
export function planAction(kind: ContainerActionKind, targets: readonly ActionTarget[]): ActionPlan {
  const plan: ActionPlan = { apply: [], skipped: [] };
  for (const t of targets) {
    const reason = t.state ? skipReason(kind, t.state) : undefined;
    if (reason) plan.skipped.push({ name: t.name, reason });
    else plan.apply.push(t);
  }
  return plan;
}

export interface ActionOptions {
  /** stop/restart: seconds before SIGKILL. */
  timeout?: number;
  /** kill: signal name or number. */
  signal?: string;
  /** remove: also anonymous volumes; force-remove running containers. */
  volumes?: boolean;
  force?: boolean;
}

export interface ActionOutcome {
  target: ActionTarget;
  ok: boolean;
  message?: string;
  /** Remove only: the container was already gone (removed elsewhere, e.g. from the CLI): nothing left to do. */
  alreadyGone?: boolean;
}

type ActionsApi = Pick<BerthApi['containers'], ContainerActionKind>;

/**
 * A readable reason from whatever the call threw (BerthError from the contract, or anything else).
 * With the target, its id in the message (the back end's "Container <64 hex digits> no longer exists")
 * becomes the name people know.
 */
export function reasonOf(err: unknown, target?: ActionTarget): string {
  const e = err as Partial<BerthError> | undefined;
  const message = typeof e?.message === 'string' && e.message.trim() ? e.message.trim() : String(err);
  // Only an engine id (hex, 12 digits or more) is replaced: never a word that happens to be an id in a test or a name.
  return target?.name && /^[0-9a-f]{12,64}$/.test(target.id) ? message.split(target.id).join(target.name) : message;
}

/** The container is not there any more: for a removal that is the outcome asked for, not a failure. */
const isGone = (err: unknown) => (err as Partial<BerthError> | undefined)?.code === 'NOT_FOUND';

function call(api: ActionsApi, kind: ContainerActionKind, id: string, o: ActionOptions): Promise<unknown> {
  switch (kind) {
    case 'start':
      return api.start({ id });
    case 'stop':
      return api.stop(o.timeout === undefined ? { id } : { id, timeout: o.timeout });
    case 'restart':
      return api.restart(o.timeout === undefined ? { id } : { id, timeout: o.timeout });
    case 'pause':
      return api.pause({ id });
    case 'unpause':
      return api.unpause({ id });
    case 'kill':
      return api.kill(o.signal ? { id, signal: o.signal } : { id });
    case 'remove':
      return api.remove({ id, volumes: o.volumes ?? false, force: o.force ?? false });
  }
}

/**
 * Runs one action on one or more containers through the contract, a few at a time: marks each as
 * pending (the row shows it), reports bulk progress ("Stopping 2 of 3…"), and ends with one notice:
 * success, or the failures listed per container in the engine's (readable) words.
 */
export async function runContainerActions(
  api: ActionsApi,
  store: { getState(): ActionsSlice },
  kind: ContainerActionKind,
  targets: readonly ActionTarget[],
  options: ActionOptions = {},
  scope: NoticeScope = 'list',
  /** Why containers were left out before the run (see planAction): said in the result. */
  skipped: readonly string[] = [],
  concurrency = 4,
): Promise<ActionOutcome[]> {
  if (!targets.length) return [];
  const s = () => store.getState();
  s().actionsStarted(
    targets.map((t) => t.id),
    kind,
  );
  const bulk = targets.length > 1;
  let done = 0;
  let failed = 0;
  if (bulk) s().setBulkProgress({ kind, total: targets.length, done, failed });
  const outcomes: ActionOutcome[] = new Array(targets.length);
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const i = next++;
      const t = targets[i]!;
      try {
        await call(api, kind, t.id, options);
        outcomes[i] = { target: t, ok: true };
      } catch (err) {
        if (kind === 'remove' && isGone(err)) outcomes[i] = { target: t, ok: true, alreadyGone: true };
        else {
          failed++;
          outcomes[i] = { target: t, ok: false, message: reasonOf(err, t) };
        }
      } finally {
        done++;
        s().actionFinished(t.id);
        if (bulk) s().setBulkProgress({ kind, total: targets.length, done, failed });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, targets.length) }, worker));
  if (bulk) s().setBulkProgress(undefined);
  const failures: ActionFailure[] = outcomes.filter((o) => !o.ok).map((o) => ({ name: o.target.name, message: o.message ?? 'Unknown error' }));
  // Containers already gone were not acted on: the result counts the others, and says so.
  const gone = outcomes.filter((o) => o.alreadyGone).map((o) => ({ name: o.target.name, reason: 'already removed' }));
  const acted = outcomes.filter((o) => !o.alreadyGone).map((o) => o.target.name);
  const leftOut = [...skipped, ...gone.map((g) => g.reason)];
  const left = leftOut.length ? `; ${skippedText(leftOut)}` : '';
  if (!acted.length) {
    s().pushNotice({ tone: 'success', title: `${nothingToDoText(kind, gone)}${skipped.length ? `; ${skippedText(skipped)}` : ''}`, failures: [], scope });
    return outcomes;
  }
  const title = resultText(kind, acted, failures.length);
  const extra = kind === 'remove' && failures.length < acted.length ? ' — configuration kept in Recently removed' : '';
  s().pushNotice({ tone: failures.length ? 'error' : 'success', title: failures.length ? `${title}${left}` : `${title}${left}${extra}`, failures, scope });
  return outcomes;
}

export { actionDefs };
