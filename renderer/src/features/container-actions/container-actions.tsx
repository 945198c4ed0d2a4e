import { useCallback, useState } from 'react';
import type { ContainerState } from '../../../../contract/index.js';
import { useAppStore } from '../../app/runtime-context.js';
import { Spinner } from '../../ui/spinner.js';
import { actionDefs, applies, type ContainerActionKind } from './action-defs.js';
import { ActionNotices } from './action-notices.js';
import { parseTimeout } from './bulk-toolbar.js';
import { actionIcons } from './row-actions.js';
import type { ActionOutcome } from './run-actions.js';
import { useActionRequests } from './use-action-requests.js';
import './container-actions.css';

function buttonsFor(state: ContainerState): ContainerActionKind[] {
  const out: ContainerActionKind[] = [applies('stop', state) ? 'stop' : 'start', 'restart'];
  if (state === 'running') out.push('pause');
  if (state === 'paused') out.push('unpause');
  if (applies('kill', state)) out.push('kill');
  out.push('remove');
  return out;
}

/**
 * The details page header's actions for one container: start/stop, restart, pause/unpause, kill
 * (with a signal), remove (with confirmation), an optional stop timeout, the action under way, and
 * its result. After a removal the page goes back to the list.
 */
export function ContainerActions({ id, name, state }: { id: string; name: string; state: ContainerState }) {
  const pending = useAppStore((s) => s.pendingActions.get(id));
  const [timeoutText, setTimeoutText] = useState('');
  const onDone = useCallback((kind: ContainerActionKind, outcomes: ActionOutcome[]) => {
    if (kind === 'remove' && outcomes.every((o) => o.ok)) window.location.hash = '#/containers';
  }, []);
  const { request, dialog } = useActionRequests('details', onDone);
  const { timeout, error } = parseTimeout(timeoutText);
  const showTimeout = applies('stop', state);

  return (
    <div className="ca-header">
      <div className="ca-header__row" role="group" aria-label={`Actions for ${name}`}>
        {buttonsFor(state).map((kind) => {
          const Icon = actionIcons[kind];
          const d = actionDefs[kind];
          const timed = kind === 'stop' || kind === 'restart';
          return (
            <button
              key={kind}
              type="button"
              className={`btn${kind === 'remove' || kind === 'kill' ? ' ca-bulk__btn--danger' : ''}`}
              disabled={!!pending || (timed && !!error)}
              onClick={() => request(kind, [{ id, name }], timed && timeout !== undefined ? { timeout } : {})}
            >
              <Icon width={14} height={14} />
              {d.label}
              {kind === 'remove' || kind === 'kill' ? '…' : ''}
            </button>
          );
        })}
        {showTimeout ? (
          <label className="ca-timeout">
            <span>Stop timeout (s)</span>
            <input inputMode="numeric" placeholder="default" value={timeoutText} onChange={(e) => setTimeoutText(e.target.value)} aria-invalid={!!error} size={6} />
          </label>
        ) : null}
        {pending ? (
          <span className="ca-row-pending" role="status">
            <Spinner />
            {actionDefs[pending].doing} {name}…
          </span>
        ) : null}
      </div>
      {error ? (
        <p className="ca-warn" role="alert">
          {error}
        </p>
      ) : null}
      <ActionNotices scope="details" />
      {dialog}
    </div>
  );
}
