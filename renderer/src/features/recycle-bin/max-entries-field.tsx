import { useEffect, useId, useState } from 'react';
import type { RecycleBinListing } from '../../../../contract/models/recycle-bin.js';
import { Modal } from '../../ui/modal.js';
import { droppedWithLimit, parseMaxEntries } from './max-entries.js';

interface Props {
  value: number;
  /** What is in the bin now, to say what a lower limit drops; unknown yet: nothing is asked. */
  listing: RecycleBinListing | undefined;
  /** Saves the new limit (Settings' save: it reports the outcome). */
  onSave(maxEntries: number): void;
}

/**
 * "Keep at most … entries" in Settings › Recently removed. The back end drops the oldest entries beyond
 * a lower limit as soon as it is saved, so one that would drop any asks first and names them, as a
 * shorter "Keep for" does.
 */
export function MaxEntriesField({ value, listing, onSave }: Props) {
  const [text, setText] = useState(String(value));
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState<{ maxEntries: number; names: string[] }>();
  const textId = useId();
  useEffect(() => setText(String(value)), [value]);
  const n = pending?.names.length ?? 0;
  return (
    <>
      <form
        className="st-field"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const parsed = parseMaxEntries(text);
          if ('error' in parsed) return setError(parsed.error);
          setError(undefined);
          const names = listing ? droppedWithLimit(listing, parsed.maxEntries) : [];
          if (names.length) setPending({ maxEntries: parsed.maxEntries, names });
          else onSave(parsed.maxEntries);
        }}
      >
        <label htmlFor="st-bin-max-entries">Keep at most (entries, containers and volumes together)</label>
        <input
          id="st-bin-max-entries"
          type="number"
          inputMode="numeric"
          value={text}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'st-bin-max-entries-error' : undefined}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className="btn" aria-label="Save entry limit">
          Save
        </button>
        {error ? (
          <span className="st-field-error" id="st-bin-max-entries-error" role="alert">
            {error}
          </span>
        ) : null}
      </form>
      {pending ? (
        <Modal
          title={`Keep at most ${pending.maxEntries} entries?`}
          tone="danger"
          role="alertdialog"
          describedBy={textId}
          onClose={() => setPending(undefined)}
          footer={
            <>
              <button type="button" className="btn" data-autofocus onClick={() => setPending(undefined)}>
                Cancel
              </button>
              <button
                type="button"
                className="btn btn--danger"
                onClick={() => {
                  setPending(undefined);
                  onSave(pending.maxEntries);
                }}
              >
                Delete {n} and keep at most {pending.maxEntries}
              </button>
            </>
          }
        >
          <p id={textId}>
            Recently removed holds more than {pending.maxEntries} entries: the oldest {n === 1 ? 'one is' : `${n} are`} deleted for good as soon as the lower limit
            is saved, and can no longer be restored:
          </p>
          <ul aria-label="Deleted now">
            {pending.names.map((name, i) => (
              <li key={`${name}-${i}`}>{name}</li>
            ))}
          </ul>
        </Modal>
      ) : null}
    </>
  );
}
