import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useRef, type ReactNode } from 'react';
import type { VolumeSize, VolumeSummary } from '../../../../contract/models/volumes.js';
import { formatBytes } from '../../lib/format/bytes.js';
import { formatRelativeTime } from '../../lib/format/relative-time.js';
import { useClockText } from '../../lib/use-now.js';
import { layoutFreeMount } from '../../ui/virtual-layout.js';
import type { VolumeRow, VolumeSort, VolumeSortKey } from './volume-rows.js';

/** performance.mark set when the first rows are on screen (the bench measures from the data to it). */
export const VOLUMES_INTERACTIVE_MARK = 'berth:volumes-interactive';

const ROW_HEIGHT = 44;
const HEADER_HEIGHT = 36;
/** Rows rendered beyond the viewport on each side: rows have a fixed height, so a few are enough to scroll smoothly. */
const OVERSCAN = 5;
/** How often relative times ("5 minutes ago") are re-read. */
const TICK_MS = 30_000;

const estimateSize = () => ROW_HEIGHT;

/** What a row's buttons do, by volume name. */
export interface VolumeActions {
  exportVolume(name: string): void;
  clone(name: string): void;
  remove(name: string): void;
}

/** `cell`: the class the column's cells share with its header, for what CSS does to a whole column (volumes.css). */
const COLUMNS: { label: string; sort?: VolumeSortKey; cell?: string }[] = [
  { label: 'Name', sort: 'name' },
  { label: 'Driver', sort: 'driver', cell: 'cell-driver' },
  { label: 'Size', sort: 'size' },
  { label: 'Created', sort: 'created' },
  { label: 'Used by', sort: 'users' },
  { label: 'Labels', cell: 'cell-labels' },
  { label: 'Mountpoint', cell: 'cell-mountpoint' },
  { label: 'Actions' },
];

/**
 * One date formatter for every row's tooltips (formatAbsoluteTime builds one per call). Building it
 * loads the locale's data: 41-57 ms in a fresh Chromium page on this machine. So it is built on first
 * use, or earlier by warmVolumeFormats() while the page waits for the list, not when the chunk loads
 * (which would delay the list's subscription) nor in the render of the first rows.
 */
let absolute: Intl.DateTimeFormat | undefined;
const absoluteTime = (ms: number) => (absolute ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' })).format(new Date(ms));

/** Builds the tooltip date formatter when the main thread is idle (the page calls it once it has subscribed to the list); returns a cancel. */
export function warmVolumeFormats(): () => void {
  if (absolute) return () => undefined;
  const warm = () => void absoluteTime(0);
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(warm, { timeout: 1000 });
    return () => cancelIdleCallback(id);
  }
  const timer = setTimeout(warm, 0);
  return () => clearTimeout(timer);
}

export function volumeHref(name: string): string {
  return `#/volumes/${encodeURIComponent(name)}`;
}

/** A size and when it was measured; "…" until the first measurement. */
export function SizeText({ size }: { size: VolumeSize | undefined }) {
  const when = useClockText(TICK_MS, (now) => (size ? `measured ${formatRelativeTime(size.measuredAt, now)} (${absoluteTime(size.measuredAt)})` : ''));
  if (!size) return <span className="muted">…</span>;
  return <span title={when}>{size.bytes === null ? <span className="muted">unknown</span> : formatBytes(size.bytes)}</span>;
}

/** "3 days ago", re-read on the shared clock (only this text re-renders when it changes), the full date as its tooltip. */
function CreatedText({ at }: { at: number }) {
  const text = useClockText(TICK_MS, (now) => formatRelativeTime(at, now));
  return <time title={absoluteTime(at)}>{text}</time>;
}

/**
 * One row. Its props are the live volume and its size as the store holds them (not a wrapper made per
 * selection), so when one volume changes, or the sizes of others, only the rows whose data changed re-render.
 */
const Row = memo(function Row({ volume: v, size, top, index, actions }: { volume: VolumeSummary; size: VolumeSize | undefined; top: number; index: number; actions: VolumeActions }) {
  const labels = Object.entries(v.labels).map(([k, x]) => `${k}=${x}`);
  return (
    <div role="row" aria-label={v.name} aria-rowindex={index} className="vtable__row" style={{ transform: `translateY(${top}px)` }}>
      <div role="cell" className="vtable__cell vtable__name" title={v.name}>
        <a href={volumeHref(v.name)}>{v.name}</a>
        {v.anonymous ? <span className="vol-badge">anonymous</span> : null}
      </div>
      <div role="cell" className="vtable__cell cell-driver">
        {v.driver}
      </div>
      <div role="cell" className="vtable__cell">
        <SizeText size={size} />
      </div>
      <div role="cell" className="vtable__cell">
        {v.createdAt ? <CreatedText at={v.createdAt} /> : <span className="muted">—</span>}
      </div>
      <div role="cell" className="vtable__cell" title={v.usedBy.map((u) => `${u.name} (${u.running ? 'running' : 'stopped'})`).join('\n')}>
        {v.usedBy.length ? (
          v.usedBy.map((u, i) => (
            <span key={u.id}>
              {i ? ', ' : ''}
              <a href={`#/containers/${encodeURIComponent(u.id)}`}>{u.name}</a>
            </span>
          ))
        ) : (
          <span className="muted">—</span>
        )}
      </div>
      <div role="cell" className="vtable__cell cell-labels" title={labels.join('\n')}>
        {labels.length ? labels.join(', ') : <span className="muted">—</span>}
      </div>
      <div role="cell" className="vtable__cell cell-mountpoint mono" title={v.mountpoint}>
        {v.mountpoint}
      </div>
      <div role="cell" className="vtable__cell vtable__actions">
        <a className="btn btn--small" href={volumeHref(v.name)} aria-label={`Browse ${v.name}`}>
          Browse
        </a>
        <button type="button" className="btn btn--small" aria-label={`Export ${v.name}`} onClick={() => actions.exportVolume(v.name)}>
          Export
        </button>
        <button type="button" className="btn btn--small" aria-label={`Clone ${v.name}`} onClick={() => actions.clone(v.name)}>
          Clone
        </button>
        <button type="button" className="btn btn--small btn--danger-text" aria-label={`Remove ${v.name}`} onClick={() => actions.remove(v.name)}>
          Remove
        </button>
      </div>
    </div>
  );
});

/** The volume list as an ARIA table named "Volumes" whose body is virtualized (fixed row height). */
export function VolumesTable({ rows, sort, onSort, actions, empty }: { rows: readonly VolumeRow[]; sort: VolumeSort; onSort(key: VolumeSortKey): void; actions: VolumeActions; empty?: ReactNode }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const marked = useRef(false);
  // Stable while the rows are: a new function makes the virtualizer measure all the rows again (a re-render of the page alone, e.g. its clock, should not).
  const getItemKey = useCallback((i: number) => rows[i]?.volume.name ?? i, [rows]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    getItemKey,
    overscan: OVERSCAN,
    scrollMargin: HEADER_HEIGHT,
    ...layoutFreeMount,
  });
  useEffect(() => {
    if (marked.current || !rows.length) return;
    marked.current = true;
    performance.mark(VOLUMES_INTERACTIVE_MARK);
  }, [rows]);

  return (
    <div className="vtable-wrap">
      <div ref={scrollRef} className="vtable" role="table" aria-label="Volumes" aria-rowcount={rows.length + 1}>
        <div role="rowgroup" className="vtable__head">
          <div role="row" className="vtable__row vtable__row--head" aria-rowindex={1}>
            {COLUMNS.map((c) => {
              const active = c.sort && sort.key === c.sort;
              return (
                <div role="columnheader" key={c.label} className={`vtable__cell ${c.cell ?? ''}`} aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : c.sort ? 'none' : undefined}>
                  {c.sort ? (
                    <button type="button" className="vtable__sort" onClick={() => onSort(c.sort!)}>
                      {c.label}
                      <span aria-hidden="true">{active ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                    </button>
                  ) : (
                    c.label
                  )}
                </div>
              );
            })}
          </div>
        </div>
        <div role="rowgroup" className="vtable__body" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            return row ? <Row key={row.volume.name} volume={row.volume} size={row.size} top={item.start - HEADER_HEIGHT} index={item.index + 2} actions={actions} /> : null;
          })}
        </div>
      </div>
      {rows.length === 0 && empty ? <div className="vtable-empty">{empty}</div> : null}
    </div>
  );
}
