import { useState } from 'react';
import type { FileEntryKind } from '../../../../contract/models/container-files.js';
import { Modal } from '../../ui/modal.js';
import './file-edit.css';

interface DeleteEntryDialogProps {
  /** Full path of the file or folder. */
  path: string;
  kind: FileEntryKind;
  /** Where it is deleted from, as said in the question ("the container web", "volume data"). */
  from: string;
  /** Delete it; a rejection's message is shown in the dialog, which stays open. */
  remove: () => Promise<unknown>;
  onDone: () => void;
  onClose: () => void;
}

/** "Delete <name>?": what goes (a folder with everything in it), that no copy is kept; the failure's reason in place. */
export function DeleteEntryDialog({ path, kind, from, remove, onDone, onClose }: DeleteEntryDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const name = path.slice(path.lastIndexOf('/') + 1);
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await remove();
      onDone();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };
  return (
    <Modal
      title={`Delete ${name}?`}
      tone="danger"
      role="alertdialog"
      busy={busy}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="button" className="btn btn--danger" disabled={busy} onClick={() => void confirm()}>
            {busy ? 'Deleting…' : 'Delete'}
          </button>
        </>
      }
    >
      <p>
        {path} {kind === 'dir' ? 'and everything in it are' : 'is'} deleted from {from}. No copy is kept.
      </p>
      {error ? (
        <p className="fdelete__error" role="alert">
          {error}
        </p>
      ) : null}
    </Modal>
  );
}
