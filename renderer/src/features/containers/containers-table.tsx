import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useRef, type ReactNode } from 'react';
import { useNow } from '../../lib/use-now.js';
import { ContainerRow } from './container-row.js';
import { GroupRow } from './group-row.js';
import type { ContainerRow as Row } from './selectors.js';

const HEADER_HEIGHT = 36;
const ROW_HEIGHT = 44;
const GROUP_HEIGHT = 40;
const COLUMNS = ['Name', 'Image', 'State', 'Status', 'Ports', 'Created'] as const;

interface ContainersTableProps {
  rows: readonly Row[];
  onToggleProject(project: string): void;
  onOpenUrl(url: string): void;
  /** Shown over the (empty) body when there are no rows. */
  empty?: ReactNode;
}

/**
 * The container list as an ARIA table whose body is virtualized: only the rows in view (plus a
 * margin) are in the DOM, so thousands of containers scroll smoothly. aria-rowcount/aria-rowindex
 * tell assistive technology the full size. Row heights are fixed by CSS and known here. With no
 * rows the table (header only) stays, so it can be found, and `empty` is shown over its body.
 */
export function ContainersTable({ rows, onToggleProject, onOpenUrl, empty }: ContainersTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const now = useNow(30_000);
  const estimateSize = useCallback((i: number) => (rows[i]?.kind === 'group' ? GROUP_HEIGHT : ROW_HEIGHT), [rows]);
  const getItemKey = useCallback((i: number) => rows[i]?.key ?? i, [rows]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    getItemKey,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
    initialRect: { width: 1024, height: 720 },
  });

  return (
    <div className="ctable-wrap">
      <div ref={scrollRef} className="ctable" role="table" aria-label="Containers" aria-rowcount={rows.length + 1} tabIndex={0}>
        <div role="rowgroup" className="ctable__head">
          <div role="row" aria-rowindex={1} className="ctable__row ctable__row--head">
            {COLUMNS.map((c) => (
              <div role="columnheader" key={c} className="ctable__cell">
                {c}
              </div>
            ))}
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
                onToggle={onToggleProject}
              />
            ) : (
              <ContainerRow
                key={row.key}
                container={row.container}
                inGroup={row.inGroup}
                rowIndex={item.index + 2}
                now={now}
                top={top}
                onOpenUrl={onOpenUrl}
              />
            );
          })}
        </div>
      </div>
      {rows.length === 0 && empty ? <div className="ctable-empty">{empty}</div> : null}
    </div>
  );
}
