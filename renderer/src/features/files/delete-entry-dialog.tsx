import { joinContainerPath } from '../../../../contract/domains/container-files.js';
import type { FileEntry } from '../../../../contract/models/container-files.js';
import { Modal } from '../../ui/modal.js';
import { useAction } from '../../ui/use-action.js';
import './file-edit.css';

interface DeleteEntryDialogProps {
  /** The folder that holds the entry. */
  dir: string;
  /** The file or folder to delete. */
  entry: FileEntry;
  /** Where it is deleted from, as said in the question ("the container web", "volume data"). */
  from: string;
  /** Delete it (given its full path); a rejection's message is shown in the dialog, which stays open. */
  remove: (path: string) => Promise<unknown>;
  onDone: () => void;
  onClose: () => void;
}

/** "Delete <name>?": what goes (a folder with everything in it), that no copy is kept; the failure's reason in place. */
export function DeleteEntryDialog({ dir, entry, from, remove, onDone, onClose }: DeleteEntryDialogProps) {
  const { busy, error, run } = useAction();
  const path = joinContainerPath(dir, entry.name);
  const confirm = () =>
    run(async () => {
      await remove(path);
      onDone();
    });
  return (
    <Modal
      title={`Delete ${entry.name}?`}
      tone="danger"
      role="alertdialog"
      busy={busy}
      error={error}
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
        {path} {entry.kind === 'dir' ? 'and everything in it are' : 'is'} deleted from {from}. No copy is kept.
      </p>
    </Modal>
  );
}
