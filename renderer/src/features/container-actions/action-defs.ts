import type { ContainerState } from '../../../../contract/index.js';
import type { ContainerActionKind } from '../../../../contract/models/container-actions.js';

export type { ContainerActionKind };

export interface ActionDef {
  kind: ContainerActionKind;
  label: string;
  /** "Stopping" (progress), "Stopped" (result), "stop" (in "Could not stop …"). */
  doing: string;
  done: string;
  verb: string;
  /** The keyboard shortcut shown in the help. */
  shortcut: string;
  /** States in which the action makes sense (for showing a row's buttons). */
  appliesTo: readonly ContainerState[];
}

export const actionDefs: Record<ContainerActionKind, ActionDef> = {
  start: { kind: 'start', label: 'Start', doing: 'Starting', done: 'Started', verb: 'start', shortcut: 's', appliesTo: ['created', 'exited', 'dead'] },
  stop: { kind: 'stop', label: 'Stop', doing: 'Stopping', done: 'Stopped', verb: 'stop', shortcut: 'x', appliesTo: ['running', 'paused', 'restarting'] },
  restart: { kind: 'restart', label: 'Restart', doing: 'Restarting', done: 'Restarted', verb: 'restart', shortcut: 'r', appliesTo: ['running', 'paused', 'exited', 'created', 'dead', 'restarting'] },
  pause: { kind: 'pause', label: 'Pause', doing: 'Pausing', done: 'Paused', verb: 'pause', shortcut: 'p', appliesTo: ['running'] },
  unpause: { kind: 'unpause', label: 'Unpause', doing: 'Unpausing', done: 'Unpaused', verb: 'unpause', shortcut: 'p', appliesTo: ['paused'] },
  kill: { kind: 'kill', label: 'Kill', doing: 'Killing', done: 'Killed', verb: 'kill', shortcut: 'k', appliesTo: ['running', 'paused', 'restarting'] },
  remove: { kind: 'remove', label: 'Remove', doing: 'Removing', done: 'Removed', verb: 'remove', shortcut: 'Delete', appliesTo: ['created', 'exited', 'dead', 'running', 'paused', 'restarting'] },
};

export const bulkOrder: readonly ContainerActionKind[] = ['start', 'stop', 'restart', 'pause', 'unpause', 'kill', 'remove'];

export function applies(kind: ContainerActionKind, state: ContainerState): boolean {
  return actionDefs[kind].appliesTo.includes(state);
}

/** Why an action is left out for a container in this state ("not running"); undefined when it applies. */
export function skipReason(kind: ContainerActionKind, state: ContainerState): string | undefined {
  if (applies(kind, state)) return undefined;
  if (state === 'removing') return 'being removed';
  if (kind === 'start') return 'already running';
  if (kind === 'unpause') return 'not paused';
  if (kind === 'pause' && state === 'paused') return 'already paused';
  return 'not running';
}

/**
 * The part of the result that tells what was left out: "skipped 1 that is not running",
 * "skipped 2 that are not running or being removed"; empty when nothing was.
 */
export function skippedText(reasons: readonly string[]): string {
  if (!reasons.length) return '';
  const distinct = [...new Set(reasons)];
  return `skipped ${reasons.length} that ${reasons.length === 1 ? 'is' : 'are'} ${distinct.join(' or ')}`;
}

/** The notice when none of the chosen containers can take the action: "Nothing to pause: web is not running". */
export function nothingToDoText(kind: ContainerActionKind, skipped: readonly { name: string; reason: string }[]): string {
  const d = actionDefs[kind];
  if (skipped.length === 1) return `Nothing to ${d.verb}: ${skipped[0]!.name} is ${skipped[0]!.reason}`;
  const distinct = [...new Set(skipped.map((s) => s.reason))];
  return `Nothing to ${d.verb}: the ${skipped.length} containers are ${distinct.join(' or ')}`;
}

/** "Stopping 2 of 3…" while a bulk action runs (the item being worked on, 1-based). */
export function progressText(kind: ContainerActionKind, done: number, total: number): string {
  const d = actionDefs[kind];
  if (total <= 1) return `${d.doing}…`;
  return `${d.doing} ${Math.min(done + 1, total)} of ${total}…`;
}

/** The result line: "Stopped web-1", "Stopped 3 containers", "Could not stop 1 of 3 containers". */
export function resultText(kind: ContainerActionKind, names: readonly string[], failed: number): string {
  const d = actionDefs[kind];
  const total = names.length;
  if (failed === 0) return total === 1 ? `${d.done} ${names[0]}` : `${d.done} ${total} containers`;
  if (total === 1) return `Could not ${d.verb} ${names[0]}`;
  return `Could not ${d.verb} ${failed} of ${total} containers`;
}
