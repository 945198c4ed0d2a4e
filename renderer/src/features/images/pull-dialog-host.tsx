import { useState } from 'react';
import { parseImageReference } from '../../../../contract/image-reference.js';
import { useApi, useAppStore } from '../../app/runtime-context.js';
import { Modal, ModalCloseButton } from '../../ui/modal.js';
import { jobClosingQuestion } from '../../ui/job-closing.js';
import { TransferOutcome } from './transfer-outcome.js';
import { useTransfer } from './use-transfer.js';
import './images.css';

function PullDialog({ initial, onClose }: { initial: string; onClose(): void }) {
  const api = useApi();
  const [reference, setReference] = useState(initial);
  const [invalid, setInvalid] = useState<string>();
  const t = useTransfer();
  const running = t.phase === 'running';
  // The reference it opened with, then each one pulled: closing loses only what was typed since.
  const [settled, setSettled] = useState(initial);
  // Closing asks first while a pull runs (closing stops it) or when a reference was typed since; a
  // finished pull closes at once.
  const dirty = running || reference.trim() !== settled.trim();

  const submit = () => {
    const r = parseImageReference(reference);
    if (!r.ok) {
      // The last pull's outcome is not this reference's: only the new error shows.
      t.reset();
      setInvalid(r.error);
      return;
    }
    setInvalid(undefined);
    setSettled(reference);
    t.start((h) => api.images.pull({ reference: reference.trim() }, h));
  };

  return (
    <Modal
      title="Pull an image"
      onClose={() => {
        t.cancel();
        onClose();
      }}
      size="wide"
      closeOnBackdrop={false}
      dirty={dirty}
      {...jobClosingQuestion('pull', running, 'Discard the image reference you typed?')}
      footer={
        <>
          {running ? (
            <button type="button" className="btn" onClick={t.cancel}>
              Cancel
            </button>
          ) : (
            <ModalCloseButton className="btn">Close</ModalCloseButton>
          )}
          <button type="submit" form="pull-form" className="btn btn--primary" disabled={running}>
            Pull
          </button>
        </>
      }
    >
      <form
        id="pull-form"
        className="img-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label className="img-field">
          <span className="img-field__label">Image reference</span>
          <input
            className="img-field__input mono"
            value={reference}
            placeholder="nginx:1.27, ghcr.io/owner/app@sha256:…, 127.0.0.1:5000/team/app:1"
            aria-invalid={invalid ? true : undefined}
            aria-describedby="pull-hint"
            spellCheck={false}
            autoComplete="off"
            disabled={running}
            onChange={(e) => setReference(e.target.value)}
          />
          <span id="pull-hint" className="img-field__hint">
            Name, tag or digest; Docker Hub unless a registry host is given.
          </span>
        </label>
      </form>
      {invalid ? (
        <p className="img-error" role="alert">
          {invalid}
        </p>
      ) : null}
      <TransferOutcome t={t} kind="pull" label="Overall progress" />
    </Modal>
  );
}

/** Mounted once in the app: the pull dialog, open when the store says so (openPullDialog(reference?)). */
export function PullDialogHost() {
  const pullDialog = useAppStore((s) => s.pullDialog);
  const close = useAppStore((s) => s.closePullDialog);
  if (!pullDialog) return null;
  return <PullDialog key={pullDialog.reference ?? ''} initial={pullDialog.reference ?? ''} onClose={close} />;
}
