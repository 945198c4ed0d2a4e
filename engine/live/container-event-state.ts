import type { ContainerState } from '../../contract/model.js';

/**
 * The states a container can be in once the engine has applied one of its events, or undefined when
 * the action implies none (`kill` sends a signal that may be ignored; `update`, `oom`, health checks).
 * dockerd 20.10 sends pause, unpause, die and stop before its list shows them (a client re-reading
 * at each event got the old state in 13 of 30 pauses and 22 of 30 unpauses), so a watch re-reads
 * until the list agrees. `removing`: `docker rm -f` marks the container before it kills it.
 */
export function containerStatesAfter(action: string): readonly ContainerState[] | undefined {
  return AFTER.get(action.split(':')[0]!.trim());
}

const AFTER = new Map<string, readonly ContainerState[]>([
  ['create', ['created']],
  ['start', ['running']],
  ['restart', ['running']],
  ['unpause', ['running']],
  ['pause', ['paused']],
  ['die', ['exited', 'dead', 'restarting', 'removing']],
  ['stop', ['exited', 'dead', 'removing']],
]);
