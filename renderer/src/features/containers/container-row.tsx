import { memo } from 'react';
import type { ContainerSummary } from '../../../../contract/index.js';
import { formatAbsoluteTime, formatRelativeTime } from '../../lib/format/relative-time.js';
import { PortsCell } from './ports-cell.js';

interface ContainerRowProps {
  container: ContainerSummary;
  inGroup: boolean;
  rowIndex: number;
  now: number;
  /** Offset of the row inside the table body (px). */
  top: number;
  onOpenUrl(url: string): void;
}

function CreatedCell({ created, now }: { created: number; now: number }) {
  const date = new Date(created);
  if (!Number.isFinite(date.getTime())) return <span className="muted">—</span>;
  return (
    <time dateTime={date.toISOString()} title={formatAbsoluteTime(created)}>
      {formatRelativeTime(created, now)}
    </time>
  );
}

/**
 * One container. Its accessible name is the container name; the Name cell's text is exactly the name
 * and the State cell's text exactly the state word (the id and service are in the Name tooltip).
 */
export const ContainerRow = memo(function ContainerRow({ container: c, inGroup, rowIndex, now, top, onOpenUrl }: ContainerRowProps) {
  const service = c.composeService ?? c.labels?.['com.docker.compose.service'];
  return (
    <div role="row" aria-rowindex={rowIndex} aria-label={c.name} className={`ctable__row ctable__row--body${inGroup ? ' is-grouped' : ''}`} style={{ transform: `translateY(${top}px)` }}>
      <div role="cell" className="ctable__cell cell-name" title={`${c.name}${service ? `\nService: ${service}` : ''}\nID: ${c.id.slice(0, 12)}`}>
        <span>{c.name}</span>
      </div>
      <div role="cell" className="ctable__cell cell-image" title={c.image}>
        {c.image}
      </div>
      <div role="cell" className="ctable__cell cell-state">
        <span className={`state-dot state-dot--${c.state}`} aria-hidden="true" />
        {c.state}
      </div>
      <div role="cell" className="ctable__cell cell-status" title={c.status}>
        {c.status}
      </div>
      <div role="cell" className="ctable__cell cell-ports">
        <PortsCell ports={c.ports} onOpenUrl={onOpenUrl} />
      </div>
      <div role="cell" className="ctable__cell cell-created">
        <CreatedCell created={c.created} now={now} />
      </div>
    </div>
  );
});
