import { useState } from 'react';
import type { RecycleBinListing } from '../../../../contract/models/recycle-bin.js';
import { DeleteNowConfirm } from './delete-now-confirm.js';
import { expiringWith, formatRetention, retentionChoices } from './retention.js';

interface Props {
  value: number | undefined;
  /** What is in the bin now, to say what a shorter window deletes; unknown yet: nothing is asked. */
  listing: RecycleBinListing | undefined;
  disabled?: boolean;
  onChange(retentionMs: number): void;
}

/**
 * "Keep for", on Recently removed and in Settings. The bin purges what is older than the window as
 * soon as it is saved, so a shorter window that would delete removed containers or volumes asks
 * first and names them; one that deletes nothing applies at once.
 */
export function RetentionSelect({ value, listing, disabled, onChange }: Props) {
  const [pending, setPending] = useState<{ ms: number; names: string[] }>();
  const choose = (ms: number) => {
    const names = listing ? expiringWith(listing, ms, Date.now()) : [];
    if (names.length) setPending({ ms, names });
    else onChange(ms);
  };
  const n = pending?.names.length ?? 0;
  return (
    <>
      <select value={value ?? ''} disabled={disabled} onChange={(e) => choose(Number(e.target.value))}>
        {retentionChoices.map((ms) => (
          <option key={ms} value={ms}>
            {formatRetention(ms)}
          </option>
        ))}
        {value !== undefined && !retentionChoices.includes(value) ? <option value={value}>{formatRetention(value)}</option> : null}
      </select>
      {pending ? (
        <DeleteNowConfirm
          title={`Keep removed items for ${formatRetention(pending.ms)}?`}
          confirmLabel={`Delete ${n} and keep for ${formatRetention(pending.ms)}`}
          why={`${n === 1 ? 'This was' : `These ${n} were`} removed more than ${formatRetention(pending.ms)} ago, so ${n === 1 ? 'it is' : 'they are'} deleted for good as soon as the shorter time is saved, and can no longer be restored:`}
          names={pending.names}
          onCancel={() => setPending(undefined)}
          onConfirm={() => {
            setPending(undefined);
            onChange(pending.ms);
          }}
        />
      ) : null}
    </>
  );
}
