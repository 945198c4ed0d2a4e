import { useMemo, useState } from 'react';
import { useApi, useAppStore } from '../../app/runtime-context.js';
import { formatBytes } from '../../lib/format/bytes.js';
import type { ImageRow } from './image-rows.js';
import { selectImageUsers } from './image-users.js';
import { Modal } from '../../ui/modal.js';

/**
 * Confirm, naming exactly what goes: one tag (the image stays) or the image with all its tags, and the
 * containers that use it, live while the dialog is open.
 */
export function RemoveDialog({ row, onClose, onRemoved }: { row: ImageRow; onClose(): void; onRemoved?(): void }) {
  const api = useApi();
  const { image } = row;
  const untagOnly = row.tag !== undefined && image.repoTags.length > 1;
  const [force, setForce] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const containers = useAppStore((s) => s.containers);
  const live = useAppStore((s) => s.containersPhase === 'live');
  const users = useMemo(() => selectImageUsers(containers, live, image), [containers, live, image]);
  // The box is only shown while a container uses the image: a tick left from before does not count.
  const forced = force && users.length > 0;
  const title = untagOnly ? `Remove tag ${row.name}?` : `Remove image ${row.name}?`;

  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api.images.remove({ image: untagOnly ? row.tag! : image.id, force: forced });
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
      busy={busy}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn--danger" disabled={busy} onClick={() => void confirm()}>
            {untagOnly ? 'Remove tag' : forced ? 'Force remove' : 'Remove'}
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
          {users.length ? (
            <div className="img-warning">
              <p>
                Used by {users.length === 1 ? 'container' : 'containers'} {users.map((c) => `${c.name} (${c.state})`).join(', ')}. Remove {users.length === 1 ? 'it' : 'them'} first, or force.
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
