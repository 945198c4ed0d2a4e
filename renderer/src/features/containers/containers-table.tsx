import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { afterNextPaint } from '../../lib/after-next-paint.js';
import { layoutFreeMount } from '../../ui/virtual-layout.js';
import type { ContainerActionKind } from '../container-actions/action-defs.js';
import { ContainerRow, rowDomId } from './container-row.js';
import { GroupRow } from './group-row.js';
import type { ContainerRow as Row } from './selectors.js';
import { successorIndex } from './shortcuts.js';
import type { ContainerSort, SortKey } from './sort.js';

const HEADER_HEIGHT = 36;
const ROW_HEIGHT = 44;
const GROUP_HEIGHT = 40;
/**
 * Rows rendered beyond the visible ones, for smooth scrolling. None in the first frame with rows: they
 * would only delay it (render, style and layout of rows nobody sees yet, bench/first-row.ts); they
 * come in the frame after.
 */
const OVERSCAN = 12;
/** `cell` is the class the column's cells share with its header, for what CSS does to a whole column. */
const COLUMNS: readonly { label: string; sort?: SortKey; cell?: string }[] = [
  { label: 'Name', sort: 'name' },
  { label: 'Image', sort: 'image' },
  // The state is the Status cell's dot: this column sorts by state (running first).
  { label: 'Status', sort: 'state' },
  { label: 'Ports' },
  { label: 'Created', sort: 'created', cell: 'cell-created' },
  { label: 'Actions' },
];
/** Performance mark set when the first rows are on screen (read by bench/list-scale.ts). */
export const LIST_INTERACTIVE_MARK = 'berth:containers-interactive';

interface ContainersTableProps {
  rows: readonly Row[];
  sort: ContainerSort;
  selectedIds: ReadonlySet<string>;
  pending: ReadonlyMap<string, ContainerActionKind>;
  focusedId?: string;
  /** Number of container rows shown and how many of them are selected (for the header checkbox). */
  visibleCount: number;
  selectedVisible: number;
  onSort(key: SortKey): void;
  onToggleAll(): void;
  onToggleSelect(id: string): void;
  onToggleProject(project: string): void;
  onOpenUrl(url: string): void;
  onAction(kind: ContainerActionKind, id: string, name: string): void;
  onFocusRow(id: string): void;
  onKeyDown(e: KeyboardEvent<HTMLDivElement>, scrollTo: (index: number) => void): void;
  /** Shown over the (empty) body when there are no rows. */
  empty?: ReactNode;
}

/**
 * The container list as an ARIA table whose body is virtualized: only the rows in view (plus a
 * margin) are in the DOM, so thousands of containers scroll smoothly. aria-rowcount/aria-rowindex
 * tell assistive technology the full size. Row heights are fixed by CSS and known here. Sortable
 * headers carry aria-sort. With no rows the table (header only) stays and `empty` is shown over it.
 */
export function ContainersTable(props: ContainersTableProps) {
  const { rows, sort, selectedIds, pending, focusedId, visibleCount, selectedVisible, empty } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const allRef = useRef<HTMLInputElement>(null);
  const marked = useRef(false);
  const [overscan, setOverscan] = useState(0);
  const estimateSize = useCallback((i: number) => (rows[i]?.kind === 'group' ? GROUP_HEIGHT : ROW_HEIGHT), [rows]);
  const getItemKey = useCallback((i: number) => rows[i]?.key ?? i, [rows]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    getItemKey,
    overscan,
    scrollMargin: HEADER_HEIGHT,
    ...layoutFreeMount,
  });

  useEffect(() => {
    if (allRef.current) allRef.current.indeterminate = selectedVisible > 0 && selectedVisible < visibleCount;
  }, [selectedVisible, visibleCount]);

  useEffect(() => {
    if (marked.current || !rows.length) return;
    marked.current = true;
    performance.mark(LIST_INTERACTIVE_MARK);
  }, [rows]);

  const hasRows = rows.length > 0;
  useEffect(() => {
    if (overscan === OVERSCAN || !hasRows) return;
    return afterNextPaint(() => setOverscan(OVERSCAN));
  }, [overscan, hasRows]);

  const scrollTo = useCallback(
    (index: number) => {
      virtualizer.scrollToIndex(index, { align: 'auto' });
      const row = rows[index];
      if (row?.kind !== 'container') return;
      requestAnimationFrame(() => document.getElementById(rowDomId(row.container.id))?.focus());
    },
    [virtualizer, rows],
  );

  // When the focused row goes (removed from the keyboard, a dialog or the CLI) and took the keyboard
  // focus with it, the row that took its place gets both, so the keyboard user keeps their place.
  const focusedIndex = useRef(-1);
  const { onFocusRow } = props;
  useLayoutEffect(() => {
    const i = focusedId ? rows.findIndex((r) => r.kind === 'container' && r.container.id === focusedId) : -1;
    if (i >= 0 || !focusedId) {
      focusedIndex.current = i;
      return;
    }
    const lost = !document.activeElement || document.activeElement === document.body;
    if (!lost || focusedIndex.current < 0) return;
    const next = successorIndex(focusedIndex.current, rows.length, (j) => rows[j]?.kind === 'container');
    const row = rows[next];
    if (row?.kind === 'container') {
      onFocusRow(row.container.id);
      scrollTo(next);
    } else scrollRef.current?.focus();
  }, [rows, focusedId, onFocusRow, scrollTo]);

  return (
    <div className="ctable-wrap">
      <div
        ref={scrollRef}
        className="ctable"
        role="table"
        aria-label="Containers"
        aria-rowcount={rows.length + 1}
        tabIndex={0}
        onKeyDown={(e) => props.onKeyDown(e, scrollTo)}
      >
        <div role="rowgroup" className="ctable__head">
          <div role="row" aria-rowindex={1} className="ctable__row ctable__row--head">
            <div role="columnheader" className="ctable__cell cell-select">
              <input
                ref={allRef}
                type="checkbox"
                aria-label="Select all containers"
                checked={visibleCount > 0 && selectedVisible === visibleCount}
                disabled={visibleCount === 0}
                onChange={props.onToggleAll}
              />
            </div>
            {COLUMNS.map((c) =>
              c.sort ? (
                <div
                  role="columnheader"
                  key={c.label}
                  className={`ctable__cell ${c.cell ?? ''}`}
                  aria-sort={sort.key === c.sort ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
                >
                  <button type="button" className="sort-btn" onClick={() => props.onSort(c.sort!)}>
                    {c.label}
                    <span className="sort-btn__arrow" aria-hidden="true">
                      {sort.key === c.sort ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
                    </span>
                  </button>
                </div>
              ) : (
                <div role="columnheader" key={c.label} className={`ctable__cell ${c.cell ?? ''}`}>
                  {c.label}
                </div>
              ),
            )}
          </div>
        </div>
        <div role="rowgroup" className="ctable__body" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            const top = item.start - HEADER_HEIGHT;
            return row.kind === 'group' ? (
              <GroupRow
                key={row.key}
                project={row.project}
                total={row.total}
                running={row.running}
                collapsed={row.collapsed}
                rowIndex={item.index + 2}
                top={top}
                onToggle={props.onToggleProject}
              />
            ) : (
              <ContainerRow
                key={row.key}
                container={row.container}
                inGroup={row.inGroup}
                rowIndex={item.index + 2}
                top={top}
                selected={selectedIds.has(row.container.id)}
                focused={focusedId === row.container.id}
                pending={pending.get(row.container.id)}
                onOpenUrl={props.onOpenUrl}
                onToggleSelect={props.onToggleSelect}
                onAction={props.onAction}
                onFocusRow={props.onFocusRow}
              />
            );
          })}
        </div>
      </div>
      {rows.length === 0 && empty ? <div className="ctable-empty">{empty}</div> : null}
    </div>
  );
}
