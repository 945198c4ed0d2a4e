import { useEffect, useId, useState, type ReactNode } from 'react';
import { Modal } from './modal.js';
import { Spinner } from './spinner.js';
import { useAction } from './use-action.js';
import { messageOf } from '../lib/error-message.js';
import './prune-dialog.css';

/** One scope a prune can have (a radio button). */
export interface PruneChoice<C extends string> {
  value: C;
  label: string;
}

export interface PruneDialogProps<C extends string, Plan, Result> {
  /** e.g. "Prune images". */
  title: string;
  /** What is removed, singular and plural: the confirm button reads "Remove 3 images". */
  noun: readonly [one: string, many: string];
  /** The scopes to choose from; the first is chosen when the dialog opens (one scope shows no choice). */
  choices: readonly [PruneChoice<C>, ...PruneChoice<C>[]];
  /** What a prune of that scope would remove (read again when the scope changes): keep it stable (useCallback). */
  loadPlan(choice: C): Promise<Plan>;
  /** How many items the plan removes. */
  countOf(plan: Plan): number;
  /** Removes what the plan shows; called only when the user confirms it. */
  prune(plan: Plan, choice: C): Promise<Result>;
  /** The plan in words, inside the status line. */
  summary(plan: Plan, count: number): ReactNode;
  /** The items of the plan (`<li>`s), in a list named `listLabel`, shown when there are any. */
  items(plan: Plan): ReactNode;
  listLabel: string;
  /** What the prune really did, inside the status shown after it. */
  outcome(result: Result): ReactNode;
  /** More settings under the scopes (they may depend on the plan, not there yet while it loads). */
  settings?(plan: Plan | undefined, busy: boolean): ReactNode;
  /** Turns a failure into the message shown. */
  messageOf?(err: unknown): string;
  onClose(): void;
}

const defaultMessage = (err: unknown) => messageOf(err);

/**
 * The prune dialog of the Images, Volumes and Networks pages: first what would go (for the scope chosen), then
 * the user confirms, then what was really removed. Nothing is removed before the confirm button.
 */
export function PruneDialog<C extends string, Plan, Result>(p: PruneDialogProps<C, Plan, Result>) {
  const { loadPlan, messageOf = defaultMessage } = p;
  const name = useId();
  const [choice, setChoice] = useState<C>(p.choices[0].value);
  const [plan, setPlan] = useState<Plan>();
  const [result, setResult] = useState<Result>();
  const { busy, error, setError, run } = useAction();

  useEffect(() => {
    let live = true;
    setPlan(undefined);
    setError(undefined);
    loadPlan(choice).then(
      (next) => live && setPlan(next),
      (err: unknown) => live && setError(messageOf(err)),
    );
    return () => {
      live = false;
    };
  }, [loadPlan, choice, messageOf]);

  const prune = async () => {
    if (plan === undefined) return;
    await run(async () => setResult(await p.prune(plan, choice)), messageOf);
  };

  const count = plan === undefined ? 0 : p.countOf(plan);
  const [one, many] = p.noun;
  return (
    <Modal
      title={p.title}
      onClose={p.onClose}
      size="wide"
      busy={busy}
      error={error}
      footer={
        result !== undefined ? (
          <button type="button" className="btn" onClick={p.onClose}>
            Close
          </button>
        ) : (
          <>
            <button type="button" className="btn" onClick={p.onClose} disabled={busy}>
              Cancel
            </button>
            <button type="button" className="btn btn--danger" disabled={plan === undefined || count === 0 || busy} onClick={() => void prune()}>
              {count ? `Remove ${count} ${count === 1 ? one : many}` : 'Nothing to remove'}
            </button>
          </>
        )
      }
    >
      {result !== undefined ? (
        <div role="status" className="prune-outcome">
          {p.outcome(result)}
        </div>
      ) : (
        <>
          {p.choices.length > 1 ? (
            <fieldset className="prune-choices" disabled={busy}>
              <legend className="visually-hidden">What to prune</legend>
              {p.choices.map((c) => (
                <label key={c.value}>
                  <input type="radio" name={name} checked={choice === c.value} onChange={() => setChoice(c.value)} /> {c.label}
                </label>
              ))}
            </fieldset>
          ) : null}
          {p.settings?.(plan, busy)}
          {plan === undefined && !error ? <Spinner /> : null}
          {plan !== undefined ? (
            <>
              <p className="prune-summary" role="status">
                {p.summary(plan, count)}
              </p>
              {count ? (
                <ul className="prune-list" aria-label={p.listLabel}>
                  {p.items(plan)}
                </ul>
              ) : null}
            </>
          ) : null}
        </>
      )}
    </Modal>
  );
}
