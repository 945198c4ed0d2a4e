import type { ReactNode } from 'react';
import { formatBytes } from '../../lib/format/bytes.js';
import { formatAbsoluteTime, formatRelativeTime } from '../../lib/format/relative-time.js';
import { useNow } from '../../lib/use-now.js';
import type { ImageRow, ImageSort, SortKey } from './image-rows.js';
import { imageDetailsHref } from './image-title.js';

interface Column {
  label: string;
  sort?: SortKey;
  /** The class the column's cells share with its header, for what CSS does to a whole column (images.css). */
  cell?: string;
}

const COLUMNS: Column[] = [
  { label: 'Repository', sort: 'repository' },
  { label: 'Tag', sort: 'tag' },
  { label: 'Image ID', cell: 'cell-id' },
  { label: 'Created', sort: 'created' },
  { label: 'Size', sort: 'size' },
  { label: 'Unique / shared', sort: 'unique', cell: 'cell-unique' },
  { label: 'Used by', sort: 'containers' },
  { label: 'Actions' },
];

export interface ImageActions {
  run(row: ImageRow): void;
  tagPush(row: ImageRow): void;
  remove(row: ImageRow): void;
}

interface ImagesTableProps {
  rows: readonly ImageRow[];
  sort: ImageSort;
  onSort(key: SortKey): void;
  actions: ImageActions;
  empty?: ReactNode;
}

function UsedBy({ row }: { row: ImageRow }) {
  const c = row.image.containers;
  if (!c.length) return <span className="muted">—</span>;
  const names = c.map((x) => `${x.name} (${x.state})`).join(', ');
  return (
    <span title={names}>
      {c.length} {c.length === 1 ? 'container' : 'containers'}: {c.map((x) => x.name).join(', ')}
    </span>
  );
}

/** The image list as an ARIA table named "Images": one row per tag, named "repo:tag" (the short id when dangling). */
export function ImagesTable({ rows, sort, onSort, actions, empty }: ImagesTableProps) {
  const now = useNow(30_000);
  return (
    <div className="itable-wrap">
      <div className="itable" role="table" aria-label="Images" aria-rowcount={rows.length + 1}>
        <div role="rowgroup" className="itable__head">
          <div role="row" className="itable__row itable__row--head">
            {COLUMNS.map((c) => {
              const active = c.sort && sort.key === c.sort;
              return (
                <div
                  role="columnheader"
                  key={c.label}
                  className={`itable__cell ${c.cell ?? ''}`}
                  aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : c.sort ? 'none' : undefined}
                >
                  {c.sort ? (
                    <button type="button" className="itable__sort" onClick={() => onSort(c.sort!)}>
                      {c.label}
                      <span aria-hidden="true" className="itable__arrow">
                        {active ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
                      </span>
                    </button>
                  ) : (
                    c.label
                  )}
                </div>
              );
            })}
          </div>
        </div>
        <div role="rowgroup" className="itable__body">
          {rows.map((row) => {
            const i = row.image;
            return (
              <div role="row" key={row.key} aria-label={row.name} className={`itable__row${i.dangling ? ' is-dangling' : ''}`}>
                <div role="cell" className="itable__cell cell-repo" title={`${row.repository}\nImage ID ${i.shortId}`}>
                  <a href={imageDetailsHref(i.id, 'inspect', row.tag)}>{row.repository}</a>
                  {i.dangling ? <span className="img-badge">dangling</span> : null}
                  {i.repoTags.length > 1 ? <span className="img-badge img-badge--muted" title={i.repoTags.join('\n')}>{i.repoTags.length} tags</span> : null}
                </div>
                <div role="cell" className="itable__cell" title={row.tagName}>
                  {row.tagName}
                </div>
                <div role="cell" className="itable__cell cell-id mono" title={i.id}>
                  {i.shortId}
                </div>
                <div role="cell" className="itable__cell">
                  <time dateTime={new Date(i.created).toISOString()} title={formatAbsoluteTime(i.created)}>
                    {formatRelativeTime(i.created, now)}
                  </time>
                </div>
                <div role="cell" className="itable__cell">
                  {formatBytes(i.size)}
                </div>
                <div role="cell" className="itable__cell cell-unique" title="Unique: freed when this image goes. Shared: layers other images use too.">
                  {i.uniqueSize !== undefined ? (
                    <>
                      {formatBytes(i.uniqueSize)} <span className="muted">/ {formatBytes(i.sharedSize ?? 0)}</span>
                    </>
                  ) : (
                    <span className="muted">…</span>
                  )}
                </div>
                <div role="cell" className="itable__cell">
                  <UsedBy row={row} />
                </div>
                <div role="cell" className="itable__cell itable__actions">
                  <button type="button" className="btn btn--small" aria-label={`Run ${row.name}`} onClick={() => actions.run(row)}>
                    Run
                  </button>
                  <button type="button" className="btn btn--small" aria-label={`Tag or push ${row.name}`} onClick={() => actions.tagPush(row)}>
                    Tag or push
                  </button>
                  <button type="button" className="btn btn--small btn--danger-text" aria-label={`Remove ${row.name}`} onClick={() => actions.remove(row)}>
                    Remove
                  </button>
                </div>
              </div>
            );
          })}
        </div>
      </div>
      {rows.length === 0 && empty ? <div className="itable-empty">{empty}</div> : null}
    </div>
  );
}
