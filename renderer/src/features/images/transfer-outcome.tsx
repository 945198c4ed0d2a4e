import { TransferProgress } from './transfer-progress.js';
import type { TransferControl } from './use-transfer.js';

const words = { pull: { cancelled: 'Pull cancelled', done: 'Pulled' }, push: { cancelled: 'Push cancelled', done: 'Pushed' } } as const;

/** A pull's or push's progress, then its outcome: an error (alert), cancelled, or done with its digest. */
export function TransferOutcome({ t, kind, label }: { t: TransferControl; kind: 'pull' | 'push'; label: string }) {
  const done = t.state.done;
  return (
    <>
      <TransferProgress state={t.state} phase={t.phase} kind={kind} label={label} />
      {t.phase === 'error' ? (
        <p className="img-error" role="alert">
          {t.error}
        </p>
      ) : null}
      {t.phase === 'cancelled' ? (
        <p className="img-note" role="status">
          {words[kind].cancelled}
        </p>
      ) : null}
      {t.phase === 'done' ? (
        <p className="img-success" role="status">
          {done?.message ?? words[kind].done}
          {/* A pull by digest already names it: said once. */}
          {done?.digest && !done.message?.includes(done.digest) ? <span className="mono muted"> {done.digest}</span> : null}
        </p>
      ) : null}
    </>
  );
}
