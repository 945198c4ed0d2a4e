import { useState, type ReactNode } from 'react';
import { Modal, ModalCloseButton, type ModalProps } from '../../ui/modal.js';
import { describeFailure } from '../run-container/run-errors.js';
import '../../ui/form-fields.css';
import './networks.css';

/** Why the back end refused: one message, and the fields it named. */
export interface FormFailure<E> {
  message: string;
  errors: E;
}

/**
 * Submitting a checked form (the network create and connect dialogs): the first submit marks the form
 * touched (its errors show from then on); nothing is sent while the form has errors; a refusal keeps
 * the back end's message and its field errors until the user edits something (`clearFailure`).
 */
export function useCheckedSubmit<E extends object>() {
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<FormFailure<E>>();
  const submit = async (ready: boolean, send: () => Promise<void>) => {
    setTouched(true);
    if (!ready) return;
    setBusy(true);
    try {
      await send();
    } catch (err) {
      const f = describeFailure(err);
      const errors: Record<string, string> = {};
      for (const i of f.issues) errors[i.field] ??= i.message;
      setFailure({ message: f.message, errors: errors as E });
    } finally {
      setBusy(false);
    }
  };
  return { touched, busy, failure, submit, clearFailure: () => setFailure(undefined) };
}

interface NetworkFormDialogProps extends Pick<ModalProps, 'title' | 'onClose' | 'size' | 'closeOnBackdrop' | 'dirty' | 'discardQuestion'> {
  /** The form's id (the submit button in the footer points at it). */
  formId: string;
  busy: boolean;
  /** A refusal that named no field is shown by the buttons. */
  failure?: FormFailure<object>;
  submitLabel: string;
  busyLabel: string;
  onSubmit(): void;
  /** The fields (a run-grid). */
  children: ReactNode;
}

/** The frame of a network form dialog: the fields in a grid, the refusal message, Cancel and the submit button. */
export function NetworkFormDialog({ formId, busy, failure, submitLabel, busyLabel, onSubmit, children, ...modal }: NetworkFormDialogProps) {
  return (
    <Modal
      {...modal}
      busy={busy}
      error={failure && !Object.keys(failure.errors).length ? failure.message : undefined}
      className="run-dialog"
      footer={
        <>
          <ModalCloseButton className="btn" disabled={busy}>
            Cancel
          </ModalCloseButton>
          <button type="submit" form={formId} className="btn btn--primary" disabled={busy}>
            {busy ? busyLabel : submitLabel}
          </button>
        </>
      }
    >
      <form
        id={formId}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <fieldset className="run-grid" disabled={busy}>
          {children}
        </fieldset>
      </form>
    </Modal>
  );
}
