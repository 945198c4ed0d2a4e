import { useState } from 'react';
import { useApi } from '../../app/runtime-context.js';
import { formatBytes } from '../../lib/format/bytes.js';
import type { ImageRow } from './image-rows.js';
import { Modal } from './modal.js';

/** Confirm, naming exactly what goes: one tag (the image stays) or the image with all its tags. */
export function RemoveDialog({ row, onClose, onRemoved }: { row: ImageRow; onClose(): void; onRemoved?(): void }) {
  const api = useApi();
  const { image } = row;
  const untagOnly = row.tag !== undefined && image.repoTags.length > 1;
  const [force, setForce] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const title = untagOnly ? `Remove tag ${row.name}?` : `Remove image ${row.name}?`;

  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api.images.remove({ image: untagOnly ? row.tag! : image.id, force });
      onRemoved?.();
      onClose();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={title}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn--danger" disabled={busy} onClick={() => void confirm()}>
            {untagOnly ? 'Remove tag' : force ? 'Force remove' : 'Remove'}
          </button>
        </>
      }
    >
      {untagOnly ? (
        <p>
          Only the tag <strong>{row.tag}</strong> goes. The image {image.shortId} stays, still tagged {image.repoTags.filter((t) => t !== row.tag).join(', ')}.
        </p>
      ) : (
        <>
          <p>This removes:</p>
          <ul className="img-list">
            {image.repoTags.map((t) => (
              <li key={t}>
                tag <strong>{t}</strong>
              </li>
            ))}
            <li>
              image <span className="mono">{image.shortId}</span> ({formatBytes(image.size)}; frees about {formatBytes(image.uniqueSize ?? image.size)})
            </li>
          </ul>
          {image.containers.length ? (
            <div className="img-warning">
              <p>
                Used by {image.containers.length === 1 ? 'container' : 'containers'}{' '}
                {image.containers.map((c) => `${c.name} (${c.state})`).join(', ')}. Remove {image.containers.length === 1 ? 'it' : 'them'} first, or force.
              </p>
              <label className="img-check">
                <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} /> Force (remove even though containers use it)
              </label>
            </div>
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
