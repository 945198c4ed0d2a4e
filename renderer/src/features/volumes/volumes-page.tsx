import { useEffect, useMemo, useState } from 'react';
import { useAppStore } from '../../app/runtime-context.js';
import { formatRelativeTime } from '../../lib/format/relative-time.js';
import { useNow } from '../../lib/use-now.js';
import { RefreshIcon, VolumesIcon } from '../../ui/icons.js';
import { liveListGate } from '../../ui/live-list-gate.js';
import { NoMatchNotice, Notice } from '../../ui/notice.js';
import { SearchField } from '../../ui/search-field.js';
import { CreateVolumeDialog } from './create-volume-dialog.js';
import { PruneVolumesDialog } from './prune-volumes-dialog.js';
import { RemoveVolumeDialog } from './remove-volume-dialog.js';
import { useLiveVolumes, useVolumeSizes } from './use-volumes.js';
import { CloneDialog, ExportDialog, ImportDialog } from './volume-job-dialogs.js';
import { selectVolumeRows, type VolumeFilter, type VolumeSort, type VolumeSortKey } from './volume-rows.js';
import { VolumesTable, warmVolumeFormats, type VolumeActions } from './volumes-table.js';
import '../../ui/list-page.css';
import './volumes.css';

type Dialog = { kind: 'create' } | { kind: 'prune' } | { kind: 'import' } | { kind: 'remove' | 'clone' | 'export'; name: string } | null;

/** Every volume, live from engine events: sizes on demand, users, create, remove (to the recycle bin), prune, export, import, clone. */
export function VolumesPage() {
  const live = useLiveVolumes();
  const { sizes, measure } = useVolumeSizes();
  // A boolean, so a new status object (a push that changes nothing here) does not re-render the page.
  const engineRunning = useAppStore((s) => s.engineStatus?.state === 'running');
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<VolumeFilter>('all');
  const [sort, setSort] = useState<VolumeSort>({ key: 'name', dir: 'asc' });
  const [dialog, setDialog] = useState<Dialog>(null);
  const now = useNow(30_000);
  // After useLiveVolumes has subscribed: the tooltip date formatter is built while the list is on its way.
  useEffect(() => warmVolumeFormats(), []);

  const rows = useMemo(() => selectVolumeRows(live.volumes, sizes, query, filter, sort), [live.volumes, sizes, query, filter, sort]);
  const actions = useMemo<VolumeActions>(
    () => ({
      exportVolume: (name) => setDialog({ kind: 'export', name }),
      clone: (name) => setDialog({ kind: 'clone', name }),
      remove: (name) => setDialog({ kind: 'remove', name }),
    }),
    [],
  );
  const onSort = (key: VolumeSortKey) => setSort((s) => (s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: key === 'name' || key === 'driver' ? 'asc' : 'desc' }));
  const measuredAt = useMemo(() => Object.values(sizes.sizes).reduce((at, s) => Math.max(at, s.measuredAt), 0), [sizes]);
  // With a filter or a search hiding rows, the counts describe the rows on screen (as on the Images page).
  const total = live.volumes.size;
  const narrowed = rows.length !== total;
  const inUse = useMemo(() => rows.reduce((n, r) => n + (r.volume.usedBy.length ? 1 : 0), 0), [rows]);

  const gate = liveListGate('Volumes', engineRunning, live.phase);
  if (gate) return gate;

  return (
    <div className="page page--fill">
      <div className="toolbar">
        <SearchField label="Search volumes" placeholder="Search by name, label, container…" value={query} onChange={setQuery} />
        <label className="vol-select">
          <span className="visually-hidden">Show</span>
          <select aria-label="Show volumes" value={filter} onChange={(e) => setFilter(e.target.value as VolumeFilter)}>
            <option value="all">All volumes</option>
            <option value="in-use">In use</option>
            <option value="unused">Unused</option>
            <option value="anonymous">Anonymous</option>
          </select>
        </label>
        <p className="toolbar__text counts" aria-live="polite">
          <span>
            <strong>{rows.length}</strong>
            {narrowed ? ` of ${total} ${total === 1 ? 'volume' : 'volumes'} shown` : ` ${total === 1 ? 'volume' : 'volumes'}`}
          </span>
          <span>{inUse} in use</span>
        </p>
        <button type="button" className="btn" onClick={measure} disabled={sizes.measuring} title="Sizes come from the engine's disk usage, which is costly to read">
          <RefreshIcon width={14} height={14} /> {sizes.measuring ? 'Measuring…' : 'Measure sizes'}
        </button>
        <span className="muted vol-measured" aria-live="polite">
          {sizes.error ? `Sizes: ${sizes.error}` : measuredAt ? `sizes measured ${formatRelativeTime(measuredAt, now)}` : ''}
        </span>
        <span className="toolbar__spacer" />
        {/* One group, so that when the toolbar wraps the actions move to the next line together. */}
        <div className="toolbar__actions toolbar__actions--end">
          <a className="btn" href="#/recently-removed?show=volumes">
            Recently removed
          </a>
          <button type="button" className="btn" onClick={() => setDialog({ kind: 'import' })}>
            Import
          </button>
          <button type="button" className="btn" onClick={() => setDialog({ kind: 'prune' })}>
            Prune
          </button>
          <button type="button" className="btn btn--primary" onClick={() => setDialog({ kind: 'create' })}>
            Create volume
          </button>
        </div>
      </div>
      {live.phase === 'error' ? (
        <p className="vol-error" role="alert">
          The live list stopped: {live.error}. Reconnecting…
        </p>
      ) : null}
      <VolumesTable
        rows={rows}
        sort={sort}
        onSort={onSort}
        actions={actions}
        empty={
          live.volumes.size === 0 ? (
            <Notice title="No volumes yet" icon={<VolumesIcon width={28} height={28} />}>
              <p>
                Create one here, or run a container with a named volume (<code>docker run -v data:/data …</code>): it shows up here at once.
              </p>
            </Notice>
          ) : (
            <NoMatchNotice
              what="volumes"
              query={query}
              onClear={() => {
                setQuery('');
                setFilter('all');
              }}
            />
          )
        }
      />
      {dialog?.kind === 'create' ? <CreateVolumeDialog onClose={() => setDialog(null)} onCreated={() => setDialog(null)} /> : null}
      {dialog?.kind === 'prune' ? <PruneVolumesDialog onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'import' ? <ImportDialog onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'remove' ? <RemoveVolumeDialog name={dialog.name} users={live.volumes.get(dialog.name)?.usedBy} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'clone' ? <CloneDialog source={dialog.name} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'export' ? <ExportDialog name={dialog.name} onClose={() => setDialog(null)} /> : null}
    </div>
  );
}
