import { useState } from 'react';
import { parseImageReference, parseTagTarget } from '../../../../contract/image-reference.js';
import { useApi } from '../../app/runtime-context.js';
import { Modal, ModalCloseButton } from '../../ui/modal.js';
import { TransferOutcome } from './transfer-outcome.js';
import { useTransfer } from './use-transfer.js';

/** Tag an image with a new name, and/or push a name to its registry with per-layer progress. */
export function TagPushDialog({ source, initialTarget, onClose }: { source: string; initialTarget?: string; onClose(): void }) {
  const api = useApi();
  const [target, setTarget] = useState(initialTarget ?? '');
  const [error, setError] = useState<string>();
  const [note, setNote] = useState<string>();
  const [busy, setBusy] = useState(false);
  const t = useTransfer();
  const running = busy || t.phase === 'running';
  // The target it opened with, then each one tagged or pushed: closing loses only what was typed since.
  const [settled, setSettled] = useState(initialTarget ?? '');
  // While pushing, closing cancels the push as before (its own case); a finished one closes at once.
  const dirty = !running && target.trim() !== settled.trim();

  const doTag = async (): Promise<string | undefined> => {
    const r = parseTagTarget(target);
    if (!r.ok) {
      setError(r.error);
      return undefined;
    }
    setError(undefined);
    setSettled(target);
    setBusy(true);
    try {
      const { target: name } = await api.images.tag({ source, target: target.trim() });
      setNote(`Tagged ${name}`);
      return name;
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      return undefined;
    } finally {
      setBusy(false);
    }
  };

  const doPush = async () => {
    const r = parseImageReference(target);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setSettled(target);
    const name = target.trim() === source ? source : await doTag();
    if (!name) return;
    t.start((h) => api.images.push({ reference: name }, h));
  };

  return (
    <Modal
      title={`Tag or push ${source}`}
      onClose={() => {
        t.cancel();
        onClose();
      }}
      size="wide"
      closeOnBackdrop={false}
      dirty={dirty}
      discardQuestion="Discard the target reference you typed?"
      footer={
        <>
          {t.phase === 'running' ? (
            <button type="button" className="btn" onClick={t.cancel}>
              Cancel
            </button>
          ) : (
            <ModalCloseButton className="btn">Close</ModalCloseButton>
          )}
          <button type="button" className="btn" disabled={running} onClick={() => void doTag()}>
            Tag
          </button>
          <button type="button" className="btn btn--primary" disabled={running} onClick={() => void doPush()}>
            Push
          </button>
        </>
      }
    >
      <label className="img-field">
        <span className="img-field__label">Target reference</span>
        <input
          className="img-field__input mono"
          value={target}
          placeholder="registry.example.com:5000/team/app:1.0"
          spellCheck={false}
          autoComplete="off"
          disabled={running}
          aria-invalid={error ? true : undefined}
          onChange={(e) => setTarget(e.target.value)}
        />
        <span className="img-field__hint">Push sends it to the registry named in the reference (Docker Hub when none), with the credentials of your Docker config.</span>
      </label>
      {note && t.phase === 'idle' ? (
        <p className="img-success" role="status">
          {note}
        </p>
      ) : null}
      {error ? (
        <p className="img-error" role="alert">
          {error}
        </p>
      ) : null}
      <TransferOutcome t={t} kind="push" label="Overall push progress" />
    </Modal>
  );
}
