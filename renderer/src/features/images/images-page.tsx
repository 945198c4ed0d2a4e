import { useMemo, useState } from 'react';
import { useApi, useAppStore } from '../../app/runtime-context.js';
import { ImagesIcon } from '../../ui/icons.js';
import { SearchField } from '../../ui/search-field.js';
import { liveListGate } from '../../ui/live-list-gate.js';
import { NoMatchNotice, Notice } from '../../ui/notice.js';
import { countsText, imageTotals, selectImageRows, shownTotals, type ImageFilter, type ImageRow, type ImageSort, type SortKey } from './image-rows.js';
import { ImagesTable } from './images-table.js';
import { PruneDialog } from './prune-dialog.js';
import { RemoveDialog } from './remove-dialog.js';
import { TagPushDialog } from './tag-push-dialog.js';
import { useLiveImages } from './use-images.js';
import { messageOf } from '../../lib/error-message.js';
import '../../ui/list-page.css';
import './images.css';

type Dialog = { kind: 'remove'; row: ImageRow } | { kind: 'tag'; row: ImageRow } | { kind: 'prune' } | null;

/** Every local image, live from engine events: sizes (unique/shared), users, sort/filter/search, pull, build, tag, push, remove, prune. */
export function ImagesPage() {
  const api = useApi();
  const live = useLiveImages();
  const engineStatus = useAppStore((s) => s.engineStatus);
  const openPull = useAppStore((s) => s.openPullDialog);
  const openBuild = useAppStore((s) => s.openBuildDialog);
  const openRun = useAppStore((s) => s.openRunDialog);
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<ImageFilter>('all');
  const [sort, setSort] = useState<ImageSort>({ key: 'created', dir: 'desc' });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [actionError, setActionError] = useState<string>();

  const rows = useMemo(() => selectImageRows(live.images, query, filter, sort), [live.images, query, filter, sort]);
  const totals = useMemo(() => imageTotals(live.images), [live.images]);
  // With a filter or a search hiding rows, every count describes the rows on screen, never the hidden ones.
  const narrowed = rows.length !== totals.rows;
  const shown = useMemo(() => (narrowed ? shownTotals(rows) : totals), [narrowed, rows, totals]);

  const onSort = (key: SortKey) =>
    setSort((s) => (s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: key === 'repository' || key === 'tag' ? 'asc' : 'desc' }));

  const run = async (row: ImageRow) => {
    setActionError(undefined);
    try {
      const d = await api.images.inspect({ id: row.image.id });
      openRun({ image: row.tag ?? row.image.id, exposedPorts: d.exposedPorts, volumes: d.volumes });
    } catch (err) {
      setActionError(messageOf(err));
    }
  };

  const gate = liveListGate('Images', engineStatus?.state === 'running', live.phase);
  if (gate) return gate;

  return (
    <div className="page page--fill">
      <div className="toolbar">
        <SearchField label="Search images" placeholder="Search by name, tag, id, container, label…" value={query} onChange={setQuery} />
        <label className="img-select">
          <span className="visually-hidden">Show</span>
          <select aria-label="Show images" value={filter} onChange={(e) => setFilter(e.target.value as ImageFilter)}>
            <option value="all">All images</option>
            <option value="in-use">In use</option>
            <option value="unused">Unused</option>
            <option value="dangling">Dangling</option>
          </select>
        </label>
        <p className="toolbar__text counts" aria-live="polite">
          <span>
            <strong>{shown.images}</strong>
            {countsText(shown, totals, narrowed)}
          </span>
          <span>{shown.inUse} in use</span>
          {shown.dangling ? <span>{shown.dangling} dangling</span> : null}
        </p>
        <div className="img-toolbar-actions">
          <button type="button" className="btn" onClick={() => setDialog({ kind: 'prune' })}>
            Prune…
          </button>
          <button type="button" className="btn" onClick={() => openBuild()}>
            Build
          </button>
          <button type="button" className="btn btn--primary" onClick={() => openPull()}>
            Pull
          </button>
        </div>
      </div>
      {live.phase === 'error' ? (
        <p className="inline-warning" role="status">
          The live list stopped updating: {live.error}. Retrying…
        </p>
      ) : null}
      {actionError ? (
        <p className="img-error" role="alert">
          {actionError}
        </p>
      ) : null}
      <ImagesTable
        rows={rows}
        sort={sort}
        onSort={onSort}
        actions={{ run: (row) => void run(row), tagPush: (row) => setDialog({ kind: 'tag', row }), remove: (row) => setDialog({ kind: 'remove', row }) }}
        empty={
          totals.images === 0 ? (
            <Notice title="No images yet" icon={<ImagesIcon width={28} height={28} />}>
              <p>Pull one, or build one from a Dockerfile: it shows up here at once.</p>
            </Notice>
          ) : (
            <NoMatchNotice
              what="images"
              clearLabel="Clear search and filter"
              onClear={() => {
                setQuery('');
                setFilter('all');
              }}
            />
          )
        }
      />
      {dialog?.kind === 'remove' ? <RemoveDialog row={dialog.row} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'tag' ? <TagPushDialog source={dialog.row.tag ?? dialog.row.image.id} initialTarget={dialog.row.tag} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'prune' ? <PruneDialog onClose={() => setDialog(null)} /> : null}
    </div>
  );
}
