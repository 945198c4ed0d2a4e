import { memo, type ReactNode } from 'react';
import type { ContainerState } from '../../../../contract/index.js';
import { Spinner } from '../../ui/spinner.js';
import { actionDefs, applies, type ContainerActionKind } from './action-defs.js';
import { BoltIcon, PauseIcon, PlayIcon, RestartIcon, StopIcon, TrashIcon } from './action-icons.js';

export const actionIcons: Record<ContainerActionKind, (p: { width?: number; height?: number }) => ReactNode> = {
  start: PlayIcon,
  stop: StopIcon,
  restart: RestartIcon,
  pause: PauseIcon,
  unpause: PlayIcon,
  kill: BoltIcon,
  remove: TrashIcon,
};

/** Which buttons a container in this state shows, in order. */
export function rowActionsFor(state: ContainerState): ContainerActionKind[] {
  const primary: ContainerActionKind = applies('stop', state) ? 'stop' : 'start';
  const out: ContainerActionKind[] = [primary, 'restart'];
  if (state === 'running') out.push('pause');
  if (state === 'paused') out.push('unpause');
  if (applies('kill', state)) out.push('kill');
  out.push('remove');
  return out;
}

interface RowActionsProps {
  id: string;
  name: string;
  state: ContainerState;
  pending?: ContainerActionKind;
  onAction(kind: ContainerActionKind, id: string, name: string): void;
}

/** A row's compact action buttons (icon buttons named "Stop web-1"…), or the action under way. */
export const RowActions = memo(function RowActions({ id, name, state, pending, onAction }: RowActionsProps) {
  if (pending) {
    return (
      <span className="ca-row-pending" role="status">
        <Spinner />
        {actionDefs[pending].doing}…
      </span>
    );
  }
  return (
    <span className="ca-row-actions">
      {rowActionsFor(state).map((kind) => {
        const Icon = actionIcons[kind];
        const d = actionDefs[kind];
        const label = `${d.label}${kind === 'kill' || kind === 'remove' ? '…' : ''}`;
        return (
          <button
            key={kind}
            type="button"
            className={`ca-icon-btn${kind === 'remove' || kind === 'kill' ? ' ca-icon-btn--danger' : ''}`}
            aria-label={`${d.label} ${name}`}
            title={`${label} (${d.shortcut === 'Delete' ? 'Del' : d.shortcut})`}
            onClick={(e) => {
              e.stopPropagation();
              onAction(kind, id, name);
            }}
          >
            <Icon width={15} height={15} />
          </button>
        );
      })}
    </span>
  );
});
