import { useEffect, useState, type FormEvent } from 'react';
import type { RecycleBinListing, RecycleBinVolumeEntry } from '../../../../contract/models/recycle-bin.js';
import { useApi } from '../../app/runtime-context.js';
import { formatBytes } from '../../lib/format/bytes.js';
import { formatAbsoluteTime, formatRelativeTime } from '../../lib/format/relative-time.js';
import { useNow } from '../../lib/use-now.js';
import { Modal } from '../../ui/modal.js';
import { checkName } from './volume-job-dialogs.js';
import { messageOf } from '../../lib/error-message.js';
// Its "Keep for" look (.ca-field) comes with the page it sits in; imported here too, so it never depends on that.
import '../container-actions/container-actions.css';
import './volumes.css';

const MIB = 1024 * 1024;

/** Parse the limit field (MiB): a whole number from 0 to 1,048,576; the message says what is wrong. */
export function parseLimitMiB(text: string): { bytes: number } | { error: string } {
  const t = text.trim();
  if (/^-\d+(\.\d+)?$/.test(t)) return { error: 'The size limit cannot be negative: 0 keeps no volume' };
  if (!/^\d+$/.test(t)) return { error: 'The size limit must be a whole number of MiB (0 keeps no volume)' };
  const mib = Number(t);
  if (mib > 1024 * 1024) return { error: 'The size limit must be at most 1,048,576 MiB (1 TiB)' };
  return { bytes: mib * MIB };
}

/** Removed volumes in "Recently removed": restore (name, labels, data), delete for good, and the size limit. */
export function RemovedVolumes({ listing }: { listing: RecycleBinListing }) {
  const api = useApi();
  const now = useNow(60_000);
  const [limit, setLimit] = useState(String(Math.round(listing.volumeLimitBytes / MIB)));
  const [limitError, setLimitError] = useState<string>();
  const [busy, setBusy] = useState<string>();
  const [outcome, setOutcome] = useState<{ tone: 'success' | 'error'; text: string }>();
  const [confirm, setConfirm] = useState<RecycleBinVolumeEntry>();
  const [renaming, setRenaming] = useState<{ entry: RecycleBinVolumeEntry; name: string; error?: string }>();
  useEffect(() => setLimit(String(Math.round(listing.volumeLimitBytes / MIB))), [listing.volumeLimitBytes]);

  const saveLimit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseLimitMiB(limit);
    if ('error' in parsed) return setLimitError(parsed.error);
    setLimitError(undefined);
    try {
      await api.recycleBin.setVolumeLimit({ bytes: parsed.bytes });
    } catch (err) {
      setLimitError(messageOf(err));
    }
  };
  const restore = async (entry: RecycleBinVolumeEntry, name?: string) => {
    setBusy(entry.id);
    setOutcome(undefined);
    try {
      const r = await api.recycleBin.restoreVolume({ id: entry.id, name });
      setRenaming(undefined);
      setOutcome({ tone: 'success', text: `Restored volume ${r.name} with its data` });
    } catch (err) {
      // The name the user typed stays (it is taken too): only a first conflict proposes one.
      if ((err as { code?: string }).code === 'CONFLICT') setRenaming({ entry, name: name ?? `${entry.name}-restored`, error: messageOf(err) });
      else setOutcome({ tone: 'error', text: `Could not restore ${entry.name}: ${messageOf(err)}` });
    } finally {
      setBusy(undefined);
    }
  };
  const remove = async (entry: RecycleBinVolumeEntry) => {
    setConfirm(undefined);
    setBusy(entry.id);
    try {
      await api.recycleBin.delete({ id: entry.id });
      setOutcome({ tone: 'success', text: `Deleted the copy of ${entry.name} for good` });
    } catch (err) {
      setOutcome({ tone: 'error', text: messageOf(err) });
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <section className="rb-volumes" aria-label="Recently removed volumes">
      <div className="rb-head">
        <h3 className="rb-title">Volumes</h3>
        {/* Laid out as the containers' "Keep for" beside the page title: a muted inline label, the theme's field. */}
        <form className="vol-newfolder" onSubmit={(e) => void saveLimit(e)} noValidate>
          <label className="ca-field ca-field--inline" htmlFor="rb-volume-limit">
            <span>Keep removed volumes up to (MiB)</span>
          </label>
          <input id="rb-volume-limit" inputMode="numeric" value={limit} onChange={(e) => setLimit(e.target.value)} aria-invalid={!!limitError} size={8} />
          <button type="submit" className="btn btn--small">
            Save
          </button>
        </form>
      </div>
      {/* At 0 nothing is kept (not even an empty volume): "when it holds at most 0 B" would say otherwise. */}
      <p className="rb-explain">
        {listing.volumeLimitBytes > 0
          ? `A volume removed through Berth is exported here first, with its name, labels and data, when it holds at most ${formatBytes(listing.volumeLimitBytes)}. Larger ones are removed for good, after a warning.`
          : 'With a limit of 0, no volume is kept: a volume removed through Berth is removed for good, after a warning.'}
      </p>
      {limitError ? (
        <p className="vol-error" role="alert">
          {limitError}
        </p>
      ) : null}
      {outcome ? (
        <p className={outcome.tone === 'error' ? 'vol-error' : 'vol-success'} role={outcome.tone === 'error' ? 'alert' : 'status'}>
          {outcome.text}
        </p>
      ) : null}
      {listing.volumes.length === 0 ? (
        <p className="muted">No volume removed recently.</p>
      ) : (
        <ul className="rb-list" aria-label="Recently removed volumes">
          {listing.volumes.map((e) => (
            <li key={e.id} className="rb-item" aria-label={`volume ${e.name}`}>
              <div className="rb-item__main">
                <p className="rb-item__name">{e.name}</p>
                <p className="muted">
                  {e.driver} · copy of {formatBytes(e.bytes)} · removed <time title={formatAbsoluteTime(e.removedAt)}>{formatRelativeTime(e.removedAt, now)}</time>
                  {Object.keys(e.labels).length ? ` · ${Object.entries(e.labels).map(([k, v]) => `${k}=${v}`).join(', ')}` : ''}
                </p>
                {renaming?.entry.id === e.id ? (
                  <form
                    className="vol-newfolder"
                    onSubmit={(ev) => {
                      ev.preventDefault();
                      const bad = checkName(renaming.name.trim());
                      if (bad) setRenaming({ ...renaming, error: bad });
                      else void restore(e, renaming.name.trim());
                    }}
                    noValidate
                  >
                    <label htmlFor={`rb-rename-${e.id}`}>Restore as</label>
                    {/* Focused as it appears: the Restore button pressed was disabled while it ran, which left the focus nowhere (a keyboard user started over from the top). */}
                    <input id={`rb-rename-${e.id}`} autoFocus value={renaming.name} onChange={(ev) => setRenaming({ ...renaming, name: ev.target.value })} aria-invalid={!!renaming.error} aria-describedby={renaming.error ? `rb-rename-${e.id}-error` : undefined} />
                    <button type="submit" className="btn btn--small">
                      Restore as this name
                    </button>
                    {renaming.error ? (
                      <p className="vol-error" role="alert" id={`rb-rename-${e.id}-error`}>
                        {renaming.error}
                      </p>
                    ) : null}
                  </form>
                ) : null}
              </div>
              <div className="rb-item__actions">
                <button type="button" className="btn ca-btn-primary" disabled={busy === e.id} onClick={() => void restore(e)} aria-label={`Restore volume ${e.name}`}>
                  {busy === e.id ? 'Restoring…' : 'Restore'}
                </button>
                <button type="button" className="btn" disabled={busy === e.id} onClick={() => setConfirm(e)} aria-label={`Delete the copy of volume ${e.name}`}>
                  Delete…
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {confirm ? (
        <Modal
          title={`Delete the copy of ${confirm.name}?`}
          tone="danger"
          onClose={() => setConfirm(undefined)}
          footer={
            <>
              <button type="button" className="btn" onClick={() => setConfirm(undefined)} data-autofocus>
                Cancel
              </button>
              <button type="button" className="btn btn--danger" onClick={() => void remove(confirm)}>
                Delete permanently
              </button>
            </>
          }
        >
          <p>The kept data of volume {confirm.name} ({formatBytes(confirm.bytes)}) is deleted; it can no longer be restored.</p>
        </Modal>
      ) : null}
    </section>
  );
}
