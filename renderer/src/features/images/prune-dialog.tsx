import { useEffect, useState } from 'react';
import type { PruneMode, PrunePreview, PruneResult } from '../../../../contract/models/images.js';
import { useApi } from '../../app/runtime-context.js';
import { formatBytes } from '../../lib/format/bytes.js';
import { Spinner } from '../../ui/spinner.js';
import { Modal } from '../../ui/modal.js';

/** Prune: first what would go and the space it frees, then confirm, then what the engine really freed. */
export function PruneDialog({ onClose }: { onClose(): void }) {
  const api = useApi();
  const [mode, setMode] = useState<PruneMode>('dangling');
  const [preview, setPreview] = useState<PrunePreview>();
  const [result, setResult] = useState<PruneResult>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    let live = true;
    setPreview(undefined);
    setError(undefined);
    api.images.prunePreview({ mode }).then(
      (p) => live && setPreview(p),
      (err: unknown) => live && setError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      live = false;
    };
  }, [api, mode]);

  const prune = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setResult(await api.images.prune({ mode }));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const count = preview?.images.length ?? 0;
  return (
    <Modal
      title="Prune images"
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
            <button type="button" className="btn btn--danger" disabled={!preview || count === 0 || busy} onClick={() => void prune()}>
              {count ? `Remove ${count} ${count === 1 ? 'image' : 'images'}` : 'Nothing to remove'}
            </button>
          </>
        )
      }
    >
      {result ? (
        <p className="img-success" role="status">
          Reclaimed {formatBytes(result.reclaimed)}: {result.deleted.length} {result.deleted.length === 1 ? 'layer or image' : 'layers and images'} deleted
          {result.untagged.length ? `, ${result.untagged.length} untagged` : ''}.
        </p>
      ) : (
        <>
          <fieldset className="img-radios" disabled={busy}>
            <legend className="visually-hidden">What to prune</legend>
            <label>
              <input type="radio" name="prune-mode" checked={mode === 'dangling'} onChange={() => setMode('dangling')} /> Dangling images (untagged, unused)
            </label>
            <label>
              <input type="radio" name="prune-mode" checked={mode === 'unused'} onChange={() => setMode('unused')} /> All images no container uses
            </label>
          </fieldset>
          {!preview && !error ? <Spinner /> : null}
          {preview ? (
            <>
              <p className="prune-summary" role="status">
                {count === 0 ? 'Nothing to prune: ' : `Will remove ${count} ${count === 1 ? 'image' : 'images'} and free about `}
                <strong>{count === 0 ? 'no space to reclaim' : formatBytes(preview.reclaimable)}</strong>
                {count ? '.' : ''}
              </p>
              {count ? (
                <ul className="img-list img-list--scroll" aria-label="Images to remove">
                  {preview.images.map((i) => (
                    <li key={i.id}>
                      <span>{i.repoTags.length ? i.repoTags.join(', ') : <span className="mono">{`<none>:<none> ${i.shortId}`}</span>}</span>
                      <span className="muted"> {formatBytes(i.uniqueSize)}</span>
                    </li>
                  ))}
                </ul>
              ) : null}
            </>
          ) : null}
        </>
      )}
      {error ? (
        <p className="img-error" role="alert">
          {error}
        </p>
      ) : null}
    </Modal>
  );
}
