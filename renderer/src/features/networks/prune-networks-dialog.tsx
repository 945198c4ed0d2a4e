import { useEffect, useState } from 'react';
import type { NetworkPrunePreview, NetworkPruneResult } from '../../../../contract/models/networks.js';
import { useApi } from '../../app/runtime-context.js';
import { Modal } from '../../ui/modal.js';
import { Spinner } from '../../ui/spinner.js';
import { describeFailure } from '../run-container/run-errors.js';

/** Prune networks: first the networks that would go, then confirm, then what the engine removed. */
export function PruneNetworksDialog({ onClose }: { onClose(): void }) {
  const api = useApi();
  const [preview, setPreview] = useState<NetworkPrunePreview>();
  const [result, setResult] = useState<NetworkPruneResult>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    let live = true;
    api.networks.prunePreview({}).then(
      (p) => live && setPreview(p),
      (err: unknown) => live && setError(describeFailure(err).message),
    );
    return () => {
      live = false;
    };
  }, [api]);

  const prune = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setResult(await api.networks.prune({}));
    } catch (err) {
      setError(describeFailure(err).message);
    } finally {
      setBusy(false);
    }
  };

  const count = preview?.networks.length ?? 0;
  return (
    <Modal
      title="Prune networks"
      onClose={onClose}
      busy={busy}
      tone="danger"
      footer={
        result ? (
          <button type="button" className="btn" onClick={onClose}>
            Close
          </button>
        ) : (
          <>
            <button type="button" className="btn" onClick={onClose} disabled={busy}>
              Cancel
            </button>
            <button type="button" className="btn btn--danger" disabled={!preview || count === 0 || busy} onClick={() => void prune()}>
              {count ? `Remove ${count} ${count === 1 ? 'network' : 'networks'}` : 'Nothing to remove'}
            </button>
          </>
        )
      }
    >
      {result ? (
        <p role="status">
          Removed {result.deleted.length} {result.deleted.length === 1 ? 'network' : 'networks'}
          {result.deleted.length ? `: ${result.deleted.join(', ')}` : ''}.
        </p>
      ) : !preview && !error ? (
        <Spinner />
      ) : preview ? (
        <>
          <p role="status">{count ? `Will remove ${count} ${count === 1 ? 'network' : 'networks'} no running container uses. The engine's own networks stay.` : 'Nothing to prune: every network you created is in use.'}</p>
          {count ? (
            <ul className="net-list" aria-label="Networks to remove">
              {preview.networks.map((n) => (
                <li key={n.id}>
                  <strong>{n.name}</strong> <span className="muted">{n.driver}</span>
                  {n.stopped.length ? <span className="muted"> · stopped containers lose it: {n.stopped.join(', ')}</span> : null}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
      {error ? (
        <p className="net-error" role="alert">
          {error}
        </p>
      ) : null}
    </Modal>
  );
}
