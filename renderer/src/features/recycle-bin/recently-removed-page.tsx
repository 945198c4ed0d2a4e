import { useEffect, useRef, useState } from 'react';
import { retentionSchema } from '../../../../contract/domains/recycle-bin.js';
import type { RecycleBinEntry } from '../../../../contract/models/recycle-bin.js';
import { useApi } from '../../app/runtime-context.js';
import { useHashQueryParam } from '../../app/use-hash-route.js';
import { formatAbsoluteTime, formatRelativeTime } from '../../lib/format/relative-time.js';
import { useNow } from '../../lib/use-now.js';
import { Notice } from '../../ui/notice.js';
import { Spinner } from '../../ui/spinner.js';
import { Modal } from '../../ui/modal.js';
import { reasonOf } from '../container-actions/run-actions.js';
import '../container-actions/container-actions.css';
import { RemovedVolumes } from '../volumes/removed-volumes.js';
import { EmptyBinDialog } from './empty-bin-dialog.js';
import { binItems } from './empty-bin.js';
import { capacityNote } from './bin-capacity.js';
import { formatExpiresIn, formatRetention } from './retention.js';
import { RetentionSelect } from './retention-select.js';
import { restoreOutcome } from './restore-outcome.js';
import { useRecycleBin } from './use-recycle-bin.js';
import './recycle-bin.css';

type Outcome = { tone: 'success' | 'warning' | 'error'; text: string; missingNetworks?: { entry: RecycleBinEntry; names: string[] } };

/** The networks a refused restore names as gone (its error's details.missingNetworks), if any. */
function missingNetworksOf(err: unknown): string[] | undefined {
  const names = ((err as { details?: { missingNetworks?: unknown } } | undefined)?.details ?? {}).missingNetworks;
  return Array.isArray(names) && names.length && names.every((n) => typeof n === 'string') ? (names as string[]) : undefined;
}

/**
 * "Recently removed", a page of its own in the sidebar: the configurations of containers removed
 * through Berth, each recreated in one click (same name, config, ports, mounts, networks, labels,
 * restart policy; started again when it was running), and the copies of removed volumes; each can be
 * deleted for good, or left to expire after the retention window the user sets. `?show=volumes` (the
 * Volumes page's link) brings the volumes into view.
 */
export function RecentlyRemovedPage() {
  const api = useApi();
  const { listing, error } = useRecycleBin();
  const now = useNow(60_000);
  const [busy, setBusy] = useState<Record<string, 'restore' | 'delete'>>({});
  const [outcome, setOutcome] = useState<Outcome>();
  const [confirmDelete, setConfirmDelete] = useState<RecycleBinEntry>();
  const [retentionError, setRetentionError] = useState<string>();
  const [emptying, setEmptying] = useState(false);
  const items = binItems(listing);
  const page = useRef<HTMLDivElement>(null);
  const show = useHashQueryParam('show');
  const loaded = !!listing;
  useEffect(() => {
    if (show === 'volumes' && loaded) page.current?.querySelector('.rb-volumes')?.scrollIntoView({ block: 'start' });
  }, [show, loaded]);

  const mark = (id: string, what?: 'restore' | 'delete') =>
    setBusy((b) => {
      const next = { ...b };
      if (what) next[id] = what;
      else delete next[id];
      return next;
    });

  const restore = async (e: RecycleBinEntry, createNetworks = false) => {
    mark(e.id, 'restore');
    setOutcome(undefined);
    try {
      setOutcome(restoreOutcome(await api.recycleBin.restore(createNetworks ? { id: e.id, createNetworks } : { id: e.id })));
    } catch (err) {
      const names = missingNetworksOf(err);
      setOutcome({ tone: 'error', text: `Could not restore ${e.name}: ${reasonOf(err)}`, ...(names ? { missingNetworks: { entry: e, names } } : {}) });
    } finally {
      mark(e.id);
    }
  };

  const remove = async (e: RecycleBinEntry) => {
    setConfirmDelete(undefined);
    mark(e.id, 'delete');
    try {
      await api.recycleBin.delete({ id: e.id });
      setOutcome({ tone: 'success', text: `Deleted the configuration of ${e.name} for good` });
    } catch (err) {
      setOutcome({ tone: 'error', text: `Could not delete ${e.name}: ${reasonOf(err)}` });
    } finally {
      mark(e.id);
    }
  };

  const setRetention = async (ms: number) => {
    const ok = retentionSchema.safeParse(ms);
    if (!ok.success) {
      setRetentionError(`Retention ${ok.error.issues[0]?.message ?? 'is invalid'}`);
      return;
    }
    setRetentionError(undefined);
    try {
      await api.recycleBin.setRetention({ retentionMs: ms });
    } catch (err) {
      setRetentionError(reasonOf(err));
    }
  };

  return (
    <div className="page page--scroll rb-page" ref={page}>
      <div className="rb-head">
        <p className="rb-explain rb-explain--lead">
          What you removed through Berth, containers and volumes, kept for a while so it can be restored. Keeps at most {listing?.maxEntries ?? '…'} entries (
          <a href="#/settings">Settings</a>).
        </p>
        <div className="rb-head__tools">
          <label className="ca-field ca-field--inline">
            <span>Keep for</span>
            <RetentionSelect value={listing?.retentionMs} listing={listing} disabled={!listing} onChange={(ms) => void setRetention(ms)} />
          </label>
          <button type="button" className="btn" disabled={!items.length} onClick={() => setEmptying(true)} aria-label="Empty Recently removed">
            Empty…
          </button>
        </div>
      </div>
      {capacityNote(listing) ? (
        <p className="ca-warn" role="status" aria-label="Capacity">
          {capacityNote(listing)} <a href="#/settings">Change the limit in Settings</a>.
        </p>
      ) : null}
      {retentionError ? (
        <p className="ca-warn" role="alert">
          {retentionError}
        </p>
      ) : null}
      {outcome ? (
        <div className={`ca-notice ca-notice--${outcome.tone}`} role={outcome.tone === 'success' ? 'status' : 'alert'}>
          <p className="ca-notice__title">{outcome.text}</p>
          {outcome.missingNetworks ? (
            <button type="button" className="btn" disabled={!!busy[outcome.missingNetworks.entry.id]} onClick={() => void restore(outcome.missingNetworks!.entry, true)}>
              Create {outcome.missingNetworks.names.length === 1 ? 'network' : 'networks'} {outcome.missingNetworks.names.join(', ')} and restore
            </button>
          ) : null}
        </div>
      ) : null}
      {error && !listing ? (
        <Notice title="The recycle bin could not be read." role="alert">
          <p>{error}</p>
        </Notice>
      ) : !listing ? (
        <Notice title="Loading…" busy role="status" />
      ) : listing.entries.length === 0 && listing.volumes.length === 0 ? (
        <Notice title="Nothing removed recently">
          <p>Containers and volumes you remove in Berth appear here for {formatRetention(listing.retentionMs)}, ready to be restored.</p>
        </Notice>
      ) : (
        <section className="rb-containers" aria-label="Removed containers">
          <h3 className="rb-title">Containers</h3>
          <p className="rb-explain">
            Containers removed through Berth keep their configuration here (name, image, command, environment, ports, mounts, networks, labels,
            restart policy and limits). <strong>Data in the container’s writable layer is gone; only its configuration is kept.</strong> Volumes and bind
            mounts are untouched unless you chose to remove anonymous volumes.
          </p>
          {listing.entries.length === 0 ? (
            <p className="muted">No container removed recently.</p>
          ) : (
            <ul className="rb-list" aria-label="Recently removed containers">
              {listing.entries.map((e) => (
                <li key={e.id} className="rb-item" aria-label={e.name}>
                  <div className="rb-item__main">
                    <p className="rb-item__name">{e.name}</p>
                    <p className="rb-item__image mono">{e.image}</p>
                    <dl className="rb-item__facts">
                      <div>
                        <dt>Removed</dt>
                        <dd>
                          <time dateTime={new Date(e.removedAt).toISOString()} title={formatAbsoluteTime(e.removedAt)}>
                            {formatRelativeTime(e.removedAt, now)}
                          </time>
                        </dd>
                      </div>
                      <div>
                        <dt>Expires</dt>
                        <dd>
                          <time dateTime={new Date(e.expiresAt).toISOString()} title={formatAbsoluteTime(e.expiresAt)}>
                            {formatExpiresIn(e.expiresAt, now)}
                          </time>
                        </dd>
                      </div>
                      <div>
                        <dt>Was</dt>
                        <dd>{e.wasRunning ? 'running' : 'stopped'}</dd>
                      </div>
                      {e.ports.length ? (
                        <div>
                          <dt>Ports</dt>
                          <dd className="mono">{e.ports.join(', ')}</dd>
                        </div>
                      ) : null}
                      {e.mounts.length ? (
                        <div>
                          <dt>Mounts</dt>
                          <dd className="mono">{e.mounts.join(', ')}</dd>
                        </div>
                      ) : null}
                      {e.networks.length ? (
                        <div>
                          <dt>Networks</dt>
                          <dd>{e.networks.join(', ')}</dd>
                        </div>
                      ) : null}
                      <div>
                        <dt>Restart</dt>
                        <dd>{e.restartPolicy}</dd>
                      </div>
                    </dl>
                  </div>
                  <div className="rb-item__actions">
                    {busy[e.id] ? (
                      <span className="ca-row-pending" role="status">
                        <Spinner />
                        {busy[e.id] === 'restore' ? `Restoring ${e.name}…` : 'Deleting…'}
                      </span>
                    ) : null}
                    <button type="button" className="btn ca-btn-primary" disabled={!!busy[e.id]} onClick={() => void restore(e)} aria-label={`Restore ${e.name}`}>
                      Restore
                    </button>
                    <button type="button" className="btn" disabled={!!busy[e.id]} onClick={() => setConfirmDelete(e)} aria-label={`Delete ${e.name} permanently`}>
                      Delete…
                    </button>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {listing ? <RemovedVolumes listing={listing} /> : null}
      {emptying ? (
        <EmptyBinDialog
          items={items}
          onClose={() => setEmptying(false)}
          onDone={(text) => {
            setEmptying(false);
            setOutcome({ tone: 'success', text });
          }}
        />
      ) : null}
      {confirmDelete ? (
        <Modal
          title={`Delete ${confirmDelete.name} permanently?`}
          tone="danger"
          onClose={() => setConfirmDelete(undefined)}
          footer={
            <>
              <button type="button" className="btn" onClick={() => setConfirmDelete(undefined)} data-autofocus>
                Cancel
              </button>
              <button type="button" className="btn btn--danger" onClick={() => void remove(confirmDelete)}>
                Delete permanently
              </button>
            </>
          }
        >
          <p>The saved configuration of {confirmDelete.name} will be deleted; it can no longer be restored.</p>
        </Modal>
      ) : null}
    </div>
  );
}
