import { useAppStore } from '../../app/runtime-context.js';
import { Spinner } from '../../ui/spinner.js';
import { actionDefs, progressText } from './action-defs.js';

/** "Stopping 2 of 3…" with a progressbar while a bulk action runs. */
export function BulkProgressBar() {
  const p = useAppStore((s) => s.bulkProgress);
  if (!p) return null;
  return (
    <div className="ca-progress" role="status">
      <Spinner />
      <span>{progressText(p.kind, p.done, p.total)}</span>
      <progress
        className="ca-progress__bar"
        aria-label={`${actionDefs[p.kind].doing} containers`}
        max={p.total}
        value={p.done}
        aria-valuenow={p.done}
        aria-valuemin={0}
        aria-valuemax={p.total}
      />
      {p.failed ? <span className="ca-progress__failed">{p.failed} failed</span> : null}
    </div>
  );
}
