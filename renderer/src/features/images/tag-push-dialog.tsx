import { useState } from 'react';
import { parseImageReference, parseTagTarget } from '../../../../contract/image-reference.js';
import { useApi } from '../../app/runtime-context.js';
import { Modal, ModalCloseButton } from '../../ui/modal.js';
import { jobClosingQuestion } from '../../ui/job-closing.js';
import { TransferOutcome } from './transfer-outcome.js';
import { useTransfer } from './use-transfer.js';
import { messageOf } from '../../lib/error-message.js';

/** The target names another image: tagging would take the name from it (then push, when that was asked). */
interface Move {
  target: string;
  from: string;
  thenPush: boolean;
}

/**
 * Tag an image with a new name, and/or push a name to its registry with per-layer progress. A name
 * another image has is moved only once confirmed (the engine moves it silently, as `docker tag` does).
 */
export function TagPushDialog({ source, initialTarget, onClose }: { source: string; initialTarget?: string; onClose(): void }) {
  const api = useApi();
  const [target, setTarget] = useState(initialTarget ?? '');
  const [error, setError] = useState<string>();
  const [note, setNote] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [move, setMove] = useState<Move>();
  const t = useTransfer();
  const running = busy || t.phase === 'running';
  // The target it opened with, then each one tagged or pushed: closing loses only what was typed since.
  const [settled, setSettled] = useState(initialTarget ?? '');
  const pushing = t.phase === 'running';
  // Closing asks first while a push runs (closing stops it) or when a target was typed since; a
  // finished push closes at once.
  const dirty = pushing || (!running && target.trim() !== settled.trim());

  /** Which image `name` is on now: this one (`self`), another (its short id), or none. */
  const nameOwner = async (name: string): Promise<'self' | string | undefined> => {
    const [from, to] = await Promise.all([api.images.inspect({ id: source }), api.images.inspect({ id: name }).catch(() => undefined)]);
    return to && (to.id === from.id ? 'self' : to.shortId);
  };

  /** A new tag or push replaces the last one's outcome: its note, its error and its transfer's progress. */
  const clearOutcome = () => {
    setNote(undefined);
    setError(undefined);
    t.reset();
  };

  const doTag = async (thenPush = false, confirmed = false): Promise<string | undefined> => {
    clearOutcome();
    const r = parseTagTarget(target);
    if (!r.ok) {
      setError(r.error);
      return undefined;
    }
    setMove(undefined);
    setSettled(target);
    setBusy(true);
    try {
      const owner = confirmed ? undefined : await nameOwner(target.trim());
      if (owner === 'self') {
        // Nothing to tag (the engine would say nothing either): not a "Tagged" that did nothing.
        setNote(`${target.trim()} already names this image: type another reference to add a tag.`);
        return target.trim();
      }
      if (owner) {
        setMove({ target: target.trim(), from: owner, thenPush });
        return undefined;
      }
      const { target: name } = await api.images.tag({ source, target: target.trim() });
      setNote(`Tagged ${name}`);
      return name;
    } catch (err) {
      setError(messageOf(err));
      return undefined;
    } finally {
      setBusy(false);
    }
  };

  const doPush = async (confirmed = false) => {
    clearOutcome();
    const r = parseImageReference(target);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setSettled(target);
    const name = target.trim() === source ? source : await doTag(true, confirmed);
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
      error={error}
      dirty={dirty}
      {...jobClosingQuestion('push', pushing, 'Discard the target reference you typed?')}
      footer={
        <>
          {t.phase === 'running' ? (
            <button type="button" className="btn" onClick={t.cancel}>
              Cancel
            </button>
          ) : (
            <ModalCloseButton className="btn">Close</ModalCloseButton>
          )}
          {/* Enter tags: the local, undoable action. Pushing sends the image away, so it takes a click. */}
          <button type="submit" form="tag-push-form" className="btn" disabled={running || !!move}>
            Tag
          </button>
          <button type="button" className="btn btn--primary" disabled={running || !!move} onClick={() => void doPush()}>
            Push
          </button>
        </>
      }
    >
      <form
        id="tag-push-form"
        className="img-form"
        onSubmit={(e) => {
          e.preventDefault();
          void doTag();
        }}
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
            onChange={(e) => {
              setTarget(e.target.value);
              setMove(undefined);
            }}
          />
          <span className="img-field__hint">Push sends it to the registry named in the reference (Docker Hub when none), with the credentials of your Docker config.</span>
        </label>
      </form>
      {move ? (
        <div className="img-warning" role="group" aria-label={`Move ${move.target} to this image?`}>
          <p>
            <strong>{move.target}</strong> already names another image, {move.from}. Tagging moves the name here: {move.from} loses it (and is left untagged if it has no other tag).
          </p>
          <div className="img-warning__actions">
            <button type="button" className="btn btn--danger" onClick={() => void (move.thenPush ? doPush(true) : doTag(false, true))}>
              {move.thenPush ? 'Move the name and push' : 'Move the name'}
            </button>
            {/* The safe answer has the focus (Tag and Push are disabled while it is asked). */}
            <button type="button" className="btn" autoFocus onClick={() => setMove(undefined)}>
              Keep it on {move.from}
            </button>
          </div>
        </div>
      ) : null}
      {note && t.phase === 'idle' ? (
        <p className="img-success" role="status">
          {note}
        </p>
      ) : null}
      <TransferOutcome t={t} kind="push" label="Overall push progress" />
    </Modal>
  );
}
