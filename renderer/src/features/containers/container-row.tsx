import { memo, useEffect, useSyncExternalStore } from 'react';
import { useClockText } from '../../lib/use-now.js';
import type { ContainerSummary } from '../../../../contract/index.js';
import { formatRelativeTime } from '../../lib/format/relative-time.js';
import type { ContainerActionKind } from '../container-actions/action-defs.js';
import { RowActions } from '../container-actions/row-actions.js';
import { ContainerSparkline } from '../stats/container-sparkline.js';
import { absoluteTimeReady, formatAbsolute, shortImageName, subscribeAbsoluteTime, warmContainerFormats } from './formats.js';
import { PortForwardMark } from './port-forward-warnings.js';
import { PortsCell } from './ports-cell.js';
import { CLOCK_MS, statusClockMs } from './row-clock.js';
import { statusHealth } from './status-health.js';
import { liveStatus } from '../../../../contract/status-text.js';

interface ContainerRowProps {
  container: ContainerSummary;
  inGroup: boolean;
  rowIndex: number;
  /** Offset of the row inside the table body (px). */
  top: number;
  selected: boolean;
  focused: boolean;
  pending?: ContainerActionKind;
  onOpenUrl(url: string): void;
  onToggleSelect(id: string): void;
  onAction(kind: ContainerActionKind, id: string, name: string): void;
  onFocusRow(id: string): void;
}

export const rowDomId = (id: string) => `crow-${id}`;

/** "3 days ago"; the full date is its tooltip once the date formatter is built (formats.ts: never in the first rows' render). */
function CreatedCell({ created }: { created: number }) {
  const date = new Date(created);
  const text = useClockText(CLOCK_MS, (now) => formatRelativeTime(created, now));
  const titled = useSyncExternalStore(subscribeAbsoluteTime, absoluteTimeReady);
  useEffect(() => {
    if (!titled) warmContainerFormats();
  }, [titled]);
  if (!Number.isFinite(date.getTime())) return <span className="muted">—</span>;
  return (
    <time dateTime={date.toISOString()} title={titled ? formatAbsolute(created) : undefined}>
      {text}
    </time>
  );
}

/** The status in the engine's words, counting on: every 5 s under a minute, every 30 s after (row-clock.ts). */
function StatusText({ status, since }: { status: string; since: number | undefined }) {
  const text = useClockText(statusClockMs(since, Date.now()), (now) => liveStatus(status, since, now));
  return (
    <span className="cell-status__text" title={text}>
      {text}
    </span>
  );
}

/**
 * The state as a dot named by its word; red for a container its health check finds unhealthy, which
 * the tooltip says too (the status text after it ends in "(unhealthy)", cut short in a narrow column).
 */
function StateDot({ state, status }: { state: ContainerSummary['state']; status: string }) {
  const health = statusHealth(status);
  return (
    <span
      className={`state-dot state-dot--${state}${health === 'unhealthy' ? ' state-dot--unhealthy' : ''}`}
      role="img"
      aria-label={state}
      title={health ? `${state}, ${health}` : state}
    />
  );
}

/**
 * One container. Its accessible name is the container name; the Name cell's text is exactly the name
 * (a link to its details; the id and service are in its tooltip). The Status cell opens with the state
 * as a coloured dot named by the state word ("running", its tooltip too: StateDot), then the engine's status,
 * which says the state in words as `docker ps` does ("Up 5 minutes (Paused)", "Exited (3) …"), then a
 * running container's CPU sparkline: one column instead of a State and a Status column, so that the
 * sparkline keeps its room in a 1280 px window. A checkbox selects the row; the last cell holds its
 * actions (or the one under way).
 */
export const ContainerRow = memo(function ContainerRow({
  container: c,
  inGroup,
  rowIndex,
  top,
  selected,
  focused,
  pending,
  onOpenUrl,
  onToggleSelect,
  onAction,
  onFocusRow,
}: ContainerRowProps) {
  const service = c.composeService ?? c.labels?.['com.docker.compose.service'];
  const shortImage = shortImageName(c.image);
  return (
    <div
      id={rowDomId(c.id)}
      role="row"
      aria-rowindex={rowIndex}
      aria-label={c.name}
      aria-selected={selected}
      aria-busy={pending ? true : undefined}
      tabIndex={focused ? 0 : -1}
      data-id={c.id}
      className={`ctable__row ctable__row--body${inGroup ? ' is-grouped' : ''}${selected ? ' is-selected' : ''}${focused ? ' is-focused' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      onFocus={(e) => {
        if (e.target === e.currentTarget || !focused) onFocusRow(c.id);
      }}
    >
      <div role="cell" className="ctable__cell cell-select">
        <input type="checkbox" aria-label={`Select ${c.name}`} checked={selected} onChange={() => onToggleSelect(c.id)} />
      </div>
      <div role="cell" className="ctable__cell cell-name" title={`${c.name}${service ? `\nService: ${service}` : ''}\nID: ${c.id.slice(0, 12)}`}>
        <a className="cell-name__link" href={`#/containers/${encodeURIComponent(c.id)}`} tabIndex={focused ? 0 : -1}>
          {c.name}
        </a>
      </div>
      <div role="cell" className="ctable__cell cell-image" title={c.image}>
        {shortImage === c.image ? (
          c.image
        ) : (
          <>
            <span className="cell-image__full">{c.image}</span>
            <span className="cell-image__short">{shortImage}</span>
          </>
        )}
      </div>
      <div role="cell" className="ctable__cell cell-status">
        <StateDot state={c.state} status={c.status} />
        <StatusText status={c.status} since={c.statusSince} />
        {c.state === 'running' ? <ContainerSparkline id={c.id} /> : null}
      </div>
      <div role="cell" className="ctable__cell cell-ports">
        <PortsCell ports={c.ports} onOpenUrl={onOpenUrl} />
        <PortForwardMark id={c.id} />
      </div>
      <div role="cell" className="ctable__cell cell-created">
        <CreatedCell created={c.created} />
      </div>
      <div role="cell" className="ctable__cell cell-actions">
        <RowActions id={c.id} name={c.name} state={c.state} pending={pending} onAction={onAction} />
      </div>
    </div>
  );
});
