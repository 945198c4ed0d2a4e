import { useEffect, useState } from 'react';
import type { RecycleBinListing } from '../../../../contract/models/recycle-bin.js';
import { DeleteNowConfirm } from './delete-now-confirm.js';
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
        <DeleteNowConfirm
          title={`Keep at most ${pending.maxEntries} entries?`}
          confirmLabel={`Delete ${n} and keep at most ${pending.maxEntries}`}
          why={`Recently removed holds more than ${pending.maxEntries} entries: the oldest ${n === 1 ? 'one is' : `${n} are`} deleted for good as soon as the lower limit is saved, and can no longer be restored:`}
          names={pending.names}
          onCancel={() => setPending(undefined)}
          onConfirm={() => {
            setPending(undefined);
            onSave(pending.maxEntries);
          }}
        />
      ) : null}
    </>
  );
}
