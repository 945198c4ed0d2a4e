import { useState } from 'react';
import { normalizeSignal } from '../../../../contract/domains/container-action-rules.js';
import { Modal } from '../../ui/modal.js';
import type { ActionOptions, ActionTarget } from './run-actions.js';

const common = ['SIGKILL', 'SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'] as const;

interface KillDialogProps {
  targets: readonly ActionTarget[];
  onCancel(): void;
  onConfirm(options: ActionOptions): void;
}

/** Choose the signal to send (a common one, or any name or number, checked before sending). */
export function KillDialog({ targets, onCancel, onConfirm }: KillDialogProps) {
  const [choice, setChoice] = useState<string>('SIGKILL');
  const [custom, setCustom] = useState('');
  const signal = choice === 'other' ? custom : choice;
  const normalized = normalizeSignal(signal);
  const invalid = choice === 'other' && custom.trim() !== '' && !normalized;
  const names = targets.map((t) => t.name).join(', ');
  return (
    <Modal
      title={targets.length === 1 ? `Kill ${names}?` : `Kill ${targets.length} containers?`}
      tone="danger"
      onClose={onCancel}
      footer={
        <>
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="btn btn--danger" disabled={!normalized} onClick={() => normalized && onConfirm({ signal: normalized })}>
            Send {normalized ?? 'signal'}
          </button>
        </>
      }
    >
      {targets.length > 1 ? <p>{names}</p> : null}
      <label className="ca-field">
        <span>Signal</span>
        <select value={choice} onChange={(e) => setChoice(e.target.value)} data-autofocus>
          {common.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
          <option value="other">Other…</option>
        </select>
      </label>
      {choice === 'other' ? (
        <label className="ca-field">
          <span>Signal name or number</span>
          <input
            value={custom}
            onChange={(e) => setCustom(e.target.value)}
            // Enter sends a valid signal, as the Send button would (a signal typed from the keyboard).
            onKeyDown={(e) => {
              if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
              e.preventDefault();
              if (normalized) onConfirm({ signal: normalized });
            }}
            placeholder="e.g. SIGWINCH or 28"
            aria-invalid={invalid}
            aria-describedby={invalid ? 'kill-signal-error' : undefined}
          />
        </label>
      ) : null}
      {invalid ? (
        <p id="kill-signal-error" className="ca-warn" role="alert">
          “{custom.trim()}” is not a known signal: use a name like SIGTERM or a number from 1 to 64.
        </p>
      ) : null}
      <p className="muted">SIGKILL ends the process at once; other signals are up to the program to handle.</p>
    </Modal>
  );
}
