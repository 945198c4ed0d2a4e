import { useId, type ReactNode } from 'react';
import { Modal } from '../../ui/modal.js';

interface Props {
  title: string;
  /** The danger button's words, e.g. "Delete 2 and keep for 1 day". */
  confirmLabel: string;
  /** Why saving the setting deletes them now (the dialog's description). */
  why: ReactNode;
  /** What is deleted for good once the setting is saved. */
  names: readonly string[];
  onCancel(): void;
  onConfirm(): void;
}

/**
 * Asks before a Recently removed setting (a shorter "Keep for", a lower entry limit) deletes entries
 * for good, naming them; Cancel has the focus, as in every destructive dialog.
 */
export function DeleteNowConfirm({ title, confirmLabel, why, names, onCancel, onConfirm }: Props) {
  const textId = useId();
  return (
    <Modal
      title={title}
      tone="danger"
      role="alertdialog"
      describedBy={textId}
      onClose={onCancel}
      footer={
        <>
          <button type="button" className="btn" data-autofocus onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="btn btn--danger" onClick={onConfirm}>
            {confirmLabel}
          </button>
        </>
      }
    >
      <p id={textId}>{why}</p>
      <ul aria-label="Deleted now">
        {names.map((name, i) => (
          <li key={`${name}-${i}`}>{name}</li>
        ))}
      </ul>
    </Modal>
  );
}
