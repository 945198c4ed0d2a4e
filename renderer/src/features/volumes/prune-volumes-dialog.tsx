import { useEffect, useState } from 'react';
import type { VolumePrunePlan, VolumePruneResult } from '../../../../contract/models/volumes.js';
import { useApi } from '../../app/runtime-context.js';
import { formatBytes } from '../../lib/format/bytes.js';
import { Modal } from '../../ui/modal.js';
import { Spinner } from '../../ui/spinner.js';
import { messageOf } from './volume-transfer.js';

/** Prune: the unused volumes and their sizes first, whether copies are kept, then what was really freed. */
export function PruneVolumesDialog({ onClose }: { onClose(): void }) {
  const api = useApi();
  const [all, setAll] = useState(false);
  const [keep, setKeep] = useState(true);
  const [plan, setPlan] = useState<VolumePrunePlan>();
  const [result, setResult] = useState<VolumePruneResult>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    let live = true;
    setPlan(undefined);
    api.volumes.prunePlan({ all }).then(
      (p) => live && setPlan(p),
      (err: unknown) => live && setError(messageOf(err)),
    );
    return () => {
      live = false;
    };
  }, [api, all]);

  const prune = async () => {
    if (!plan) return;
    setBusy(true);
    setError(undefined);
    try {
      setResult(await api.volumes.prune({ names: plan.volumes.map((v) => v.name), keep }));
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  const count = plan?.volumes.length ?? 0;
  const kept = plan ? plan.volumes.filter((v) => v.fits).length : 0;
  return (
    <Modal
      title="Prune volumes"
      onClose={onClose}
      size="wide"
      busy={busy}
      footer={
        result ? (
          <button type="button" className="btn" onClick={onClose}>
            Close
          </button>
        ) : (
          <>
            <button type="button" className="btn" onClick={onClose}>
              Cancel
            </button>
            <button type="button" className="btn btn--danger" disabled={!plan || !count || busy} onClick={() => void prune()}>
              {count ? `Remove ${count} ${count === 1 ? 'volume' : 'volumes'}` : 'Nothing to remove'}
            </button>
          </>
        )
      }
    >
      {result ? (
        <div role="status" className="vol-result">
          <p>
            Freed {formatBytes(result.spaceFreed)}: {result.removed.length} {result.removed.length === 1 ? 'volume' : 'volumes'} removed
            {result.kept.length ? `, ${result.kept.length} kept in Recently removed` : ', none kept'}.
          </p>
          {result.failed.map((f) => (
            <p key={f.name} className="vol-error">
              {f.name}: {f.message}
            </p>
          ))}
        </div>
      ) : (
        <>
          <fieldset className="vol-radios" disabled={busy}>
            <legend className="visually-hidden">What to prune</legend>
            <label>
              <input type="radio" name="vol-prune" checked={!all} onChange={() => setAll(false)} /> Anonymous volumes no container uses
            </label>
            <label>
              <input type="radio" name="vol-prune" checked={all} onChange={() => setAll(true)} /> Every volume no container uses (named ones too)
            </label>
          </fieldset>
          <label className="vol-check">
            <input type="checkbox" checked={keep} onChange={(e) => setKeep(e.target.checked)} disabled={busy} /> Keep a copy of each in Recently removed (those up to{' '}
            {plan ? formatBytes(plan.limitBytes) : '…'})
          </label>
          {!plan && !error ? <Spinner /> : null}
          {plan ? (
            <>
              <p className="prune-summary" role="status">
                {count === 0 ? 'Nothing to prune.' : `Will remove ${count} ${count === 1 ? 'volume' : 'volumes'} holding ${formatBytes(plan.totalBytes)}. `}
                {count === 0
                  ? ''
                  : !keep
                    ? 'They are not kept: they cannot be restored.'
                    : kept === count
                      ? 'A copy of each is kept in Recently removed.'
                      : `${kept} of them fit and are kept in Recently removed; the other ${count - kept} cannot be restored.`}
              </p>
              {count ? (
                <ul className="vol-list" aria-label="Volumes to remove">
                  {plan.volumes.map((v) => (
                    <li key={v.name}>
                      <span className="mono">{v.name}</span> <span className="muted">{v.bytes === null ? 'size unknown' : formatBytes(v.bytes)}</span>
                      {keep && !v.fits ? <span className="vol-badge vol-badge--warn">not kept</span> : null}
                    </li>
                  ))}
                </ul>
              ) : null}
            </>
          ) : null}
        </>
      )}
      {error ? (
        <p className="vol-error" role="alert">
          {error}
        </p>
      ) : null}
    </Modal>
  );
}
