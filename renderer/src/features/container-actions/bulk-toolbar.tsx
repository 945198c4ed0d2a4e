import { useState, type ReactNode } from 'react';
import { stopTimeoutProblem } from '../../../../contract/domains/container-action-rules.js';
import type { ContainerState } from '../../../../contract/index.js';
import { actionDefs, applies, bulkOrder, type ContainerActionKind } from './action-defs.js';
import { actionIcons } from './row-actions.js';
import type { ActionOptions } from './run-actions.js';

interface BulkToolbarProps {
  /** The states of the selected containers: each button says how many it applies to. */
  states: readonly ContainerState[];
  busy: boolean;
  onAction(kind: ContainerActionKind, options: ActionOptions): void;
  onClear(): void;
  /** More tools for the selection (e.g. its merged logs), in the toolbar before Clear selection. */
  children?: ReactNode;
}

/** Parses the optional stop timeout field: undefined when empty, an error text when invalid. */
export function parseTimeout(text: string): { timeout?: number; error?: string } {
  if (!text.trim()) return {};
  const n = Number(text.trim());
  // Not a number at all ("abc", "10s"): said as a sentence, not in the schema's words ("expected a number…").
  if (!Number.isFinite(n)) return { error: `Stop timeout must be a number of seconds, e.g. 30 (got “${text.trim()}”)` };
  const problem = stopTimeoutProblem(n);
  if (problem) return { error: `Stop timeout ${problem}` };
  return { timeout: n };
}

/**
 * The actions on the selected rows, with an optional stop timeout for Stop and Restart. A button
 * that applies to only some of them says to how many ("Pause 2 of 3"); one that applies to none is off.
 */
export function BulkToolbar({ states, busy, onAction, onClear, children }: BulkToolbarProps) {
  const count = states.length;
  const [timeoutText, setTimeoutText] = useState('');
  const { timeout, error } = parseTimeout(timeoutText);
  return (
    <div className="ca-bulk" role="toolbar" aria-label="Actions on selected containers">
      <span className="ca-bulk__count">{count} selected</span>
      {bulkOrder.map((kind) => {
        const Icon = actionIcons[kind];
        const d = actionDefs[kind];
        const timed = kind === 'stop' || kind === 'restart';
        const n = states.filter((s) => applies(kind, s)).length;
        return (
          <button
            key={kind}
            type="button"
            className={`btn ca-bulk__btn${kind === 'remove' || kind === 'kill' ? ' ca-bulk__btn--danger' : ''}`}
            disabled={busy || n === 0 || (timed && !!error)}
            title={n === 0 ? `None of the selected containers can ${d.verb}` : undefined}
            onClick={() => onAction(kind, timed && timeout !== undefined ? { timeout } : {})}
          >
            <Icon width={14} height={14} />
            {d.label}
            {kind === 'remove' || kind === 'kill' ? '…' : ''}
            {n > 0 && n < count ? <span className="ca-bulk__part">{` ${n} of ${count}`}</span> : null}
          </button>
        );
      })}
      <label className="ca-timeout">
        <span>Stop timeout (s)</span>
        <input inputMode="numeric" placeholder="default" value={timeoutText} onChange={(e) => setTimeoutText(e.target.value)} aria-invalid={!!error} size={6} />
      </label>
      {error ? (
        <span className="ca-warn" role="alert">
          {error}
        </span>
      ) : null}
      {children}
      <button type="button" className="btn ca-bulk__clear" onClick={onClear}>
        Clear selection
      </button>
    </div>
  );
}
