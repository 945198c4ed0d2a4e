import { useState } from 'react';
import { useApi } from '../../app/runtime-context.js';
import { Modal } from '../../ui/modal.js';
import { useAction } from '../../ui/use-action.js';
import { deleteItems, describeItems, type BinItem } from './empty-bin.js';

/**
 * "Empty Recently removed?": names what goes (the items listed when it opened: one removed meanwhile
 * is not deleted unseen), deletes them for good once confirmed, and says in place what could not go.
 */
export function EmptyBinDialog({ items: shown, onClose, onDone }: { items: readonly BinItem[]; onClose(): void; onDone(text: string): void }) {
  const api = useApi();
  const [items] = useState(shown);
  const { busy, error, setError, run } = useAction();
  const what = describeItems(items);
  const confirm = () =>
    run(async () => {
      const failed = await deleteItems(items, (id) => api.recycleBin.delete({ id }));
      if (failed) return setError(failed);
      onDone(`Deleted ${what} for good`);
    });

  return (
    <Modal
      title="Empty Recently removed?"
      tone="danger"
      role="alertdialog"
      describedBy="rb-empty-what"
      busy={busy}
      onClose={onClose}
      error={error}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} disabled={busy} data-autofocus>
            Cancel
          </button>
          <button type="button" className="btn btn--danger" onClick={() => void confirm()} disabled={busy}>
            {busy ? 'Deleting…' : `Delete ${items.length} ${items.length === 1 ? 'item' : 'items'}`}
          </button>
        </>
      }
    >
      <p id="rb-empty-what">
        {capitalized(what)} will be deleted for good and can no longer be restored. Containers and volumes in the engine are not touched.
      </p>
      <ul className="rb-empty-list" aria-label="To delete">
        {items.map((i) => (
          <li key={i.id}>
            {i.name} <span className="muted">{i.kind === 'container' ? 'container' : 'volume copy'}</span>
          </li>
        ))}
      </ul>
    </Modal>
  );
}

const capitalized = (s: string) => (s ? `${s[0]!.toUpperCase()}${s.slice(1)}` : s);
