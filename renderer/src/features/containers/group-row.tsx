import { memo } from 'react';
import { ChevronIcon, StackIcon } from '../../ui/icons.js';

interface GroupRowProps {
  project: string;
  total: number;
  running: number;
  collapsed: boolean;
  rowIndex: number;
  /** Offset of the row inside the table body (px). */
  top: number;
  onToggle(project: string): void;
}

/** The heading row of a Compose project: name, counts, and a button that folds its containers. */
export const GroupRow = memo(function GroupRow({ project, total, running, collapsed, rowIndex, top, onToggle }: GroupRowProps) {
  return (
    <div role="row" aria-rowindex={rowIndex} aria-label={`Compose project ${project}`} className="ctable__row ctable__row--body ctable__row--group" style={{ transform: `translateY(${top}px)` }}>
      <div role="cell" aria-colspan={8} className="ctable__groupcell">
        <button type="button" className="group-toggle" aria-expanded={!collapsed} onClick={() => onToggle(project)}>
          <ChevronIcon className={`group-toggle__chevron${collapsed ? '' : ' is-open'}`} width={16} height={16} />
          <StackIcon className="group-toggle__icon" width={16} height={16} />
          <span className="group-toggle__name">{project}</span>
        </button>
        <span className="group-meta">
          {total} {total === 1 ? 'container' : 'containers'} · {running} running
        </span>
      </div>
    </div>
  );
});
