import { useMemo } from 'react';
import { useAppStore, useRuntime } from '../../app/runtime-context.js';
import { AlertIcon, ContainersIcon, PlugIcon, SearchIcon } from '../../ui/icons.js';
import { Notice } from '../../ui/notice.js';
import { ContainersTable } from './containers-table.js';
import { selectContainerCounts, selectContainerRows, selectContainersView } from './selectors.js';
import './containers.css';

/** Every container of the engine, live: a snapshot then deltas, grouped by Compose project. */
export function ContainersPage() {
  const runtime = useRuntime();
  const containers = useAppStore((s) => s.containers);
  const containersPhase = useAppStore((s) => s.containersPhase);
  const containersError = useAppStore((s) => s.containersError);
  const engineStatus = useAppStore((s) => s.engineStatus);
  const backend = useAppStore((s) => s.backend);
  const containerFilter = useAppStore((s) => s.containerFilter);
  const collapsedProjects = useAppStore((s) => s.collapsedProjects);
  const setFilter = useAppStore((s) => s.setContainerFilter);
  const toggleProject = useAppStore((s) => s.toggleProjectCollapsed);

  const view = useMemo(
    () => selectContainersView({ containers, containersPhase, containersError, engineStatus, backend }),
    [containers, containersPhase, containersError, engineStatus, backend],
  );
  const rows = useMemo(() => selectContainerRows({ containers, containerFilter, collapsedProjects }), [containers, containerFilter, collapsedProjects]);
  const counts = useMemo(() => selectContainerCounts(containers), [containers]);

  switch (view.kind) {
    case 'loading':
      return (
        <div className="page page--center">
          <Notice title={view.text} busy role="status" />
        </div>
      );
    case 'backend-down':
      return (
        <div className="page page--center">
          <Notice title="Containers can’t be listed while Berth’s back end is unreachable." icon={<PlugIcon width={28} height={28} />}>
            <p>They will appear here as soon as it answers again.</p>
          </Notice>
        </div>
      );
    case 'engine-down':
      return (
        <div className="page page--center">
          <Notice title="Containers appear here once the Docker engine runs." icon={<AlertIcon width={28} height={28} />}>
            <p>The message above says what went wrong and what to do.</p>
          </Notice>
        </div>
      );
    case 'error':
      return (
        <div className="page page--center">
          <Notice title="The container list could not be loaded." icon={<AlertIcon width={28} height={28} />} role="alert">
            <p>{view.message}</p>
            <p className="muted">Berth retries automatically.</p>
          </Notice>
        </div>
      );
    case 'empty':
    case 'table':
      break;
  }

  return (
    <div className="page page--fill">
      <div className="toolbar">
        <label className="search">
          <SearchIcon className="search__icon" width={16} height={16} />
          <input
            type="search"
            className="search__input"
            aria-label="Filter containers"
            placeholder="Filter by name, image, project, state…"
            value={containerFilter}
            onChange={(e) => setFilter(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setFilter('');
            }}
          />
        </label>
        <p className="toolbar__text counts">
          <span>
            <strong>{counts.total}</strong> {counts.total === 1 ? 'container' : 'containers'}
          </span>
          <span className="counts__item">
            <span className="state-dot state-dot--running" aria-hidden="true" />
            {counts.running} running
          </span>
          {counts.paused > 0 ? (
            <span className="counts__item">
              <span className="state-dot state-dot--paused" aria-hidden="true" />
              {counts.paused} paused
            </span>
          ) : null}
          <span className="counts__item">
            <span className="state-dot state-dot--exited" aria-hidden="true" />
            {counts.stopped} stopped
          </span>
        </p>
      </div>
      {view.kind === 'table' && view.stale ? (
        <p className="inline-warning" role="status">
          {view.warning ? `The live list stopped updating: ${view.warning}. Retrying…` : 'Showing the last known list; it updates again when the back end is back.'}
        </p>
      ) : null}
      <ContainersTable
        rows={rows}
        onToggleProject={toggleProject}
        onOpenUrl={runtime.openUrl}
        empty={
          counts.total === 0 ? (
            <Notice title="No containers yet" icon={<ContainersIcon width={28} height={28} />}>
              <p>
                Start one with <code>docker run -d -p 8080:80 nginx</code> or a Compose project: it shows up here at once.
              </p>
            </Notice>
          ) : (
            <Notice title={`No containers match “${containerFilter.trim()}”`}>
              <button type="button" className="btn" onClick={() => setFilter('')}>
                Clear filter
              </button>
            </Notice>
          )
        }
      />
    </div>
  );
}
