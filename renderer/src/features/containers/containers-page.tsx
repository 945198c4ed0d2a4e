import { useCallback, useEffect, useMemo } from 'react';
import { useAppStore, useRuntime } from '../../app/runtime-context.js';
import { AlertIcon, ContainersIcon, PlugIcon } from '../../ui/icons.js';
import { SearchField } from '../../ui/search-field.js';
import { NoMatchNotice, Notice } from '../../ui/notice.js';
import type { ContainerActionKind } from '../container-actions/action-defs.js';
import { ActionNotices } from '../container-actions/action-notices.js';
import { BulkProgressBar } from '../container-actions/bulk-progress.js';
import { BulkToolbar } from '../container-actions/bulk-toolbar.js';
import { SelectionLogsButton } from '../compose/selection-logs-button.js';
import type { ActionOptions } from '../container-actions/run-actions.js';
import { useActionRequests } from '../container-actions/use-action-requests.js';
import '../container-actions/container-actions.css';
import { useRecycleBin } from '../recycle-bin/use-recycle-bin.js';
import { ContainersTable } from './containers-table.js';
import { warmContainerFormats } from './formats.js';
import { selectContainerCounts, selectContainerRows, selectContainersView, selectVisibleIds } from './selectors.js';
import { parseQuery, queryHint } from './query.js';
import { ShortcutsHelp } from './shortcuts-help.js';
import { useListCommands } from './use-list-commands.js';
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
  const containerSort = useAppStore((s) => s.containerSort);
  const selectedIds = useAppStore((s) => s.selectedIds);
  const focusedId = useAppStore((s) => s.focusedId);
  const pending = useAppStore((s) => s.pendingActions);
  const bulkBusy = useAppStore((s) => s.bulkProgress !== undefined);
  const sortBy = useAppStore((s) => s.sortContainersBy);
  const toggleSelected = useAppStore((s) => s.toggleSelected);
  const setSelection = useAppStore((s) => s.setSelection);
  const setFocused = useAppStore((s) => s.setFocusedContainer);
  const bin = useRecycleBin();
  const { request, dialog } = useActionRequests('list');
  // While the snapshot is on its way: build the collator and date formatter the rows need (formats.ts).
  useEffect(() => warmContainerFormats(), []);

  const view = useMemo(
    () => selectContainersView({ containers, containersPhase, containersError, engineStatus, backend }),
    [containers, containersPhase, containersError, engineStatus, backend],
  );
  const rows = useMemo(
    () => selectContainerRows({ containers, containerFilter, collapsedProjects, containerSort }),
    [containers, containerFilter, collapsedProjects, containerSort],
  );
  const counts = useMemo(() => selectContainerCounts(containers), [containers]);
  const visibleIds = useMemo(() => selectVisibleIds(rows), [rows]);
  // Bulk actions work on the selected rows that are shown: a filter never leaves hidden rows selected for an action.
  const selectedShown = useMemo(() => visibleIds.filter((id) => selectedIds.has(id)), [visibleIds, selectedIds]);
  const selectedVisible = selectedShown.length;
  const onKeyDown = useListCommands(rows, visibleIds, request);
  const onRowAction = useCallback((kind: ContainerActionKind, id: string, name: string) => request(kind, [{ id, name }]), [request]);
  const onToggleAll = useCallback(() => {
    const all = visibleIds.length > 0 && visibleIds.every((id) => selectedIds.has(id));
    setSelection(all ? [] : visibleIds);
  }, [visibleIds, selectedIds, setSelection]);
  const onBulk = useCallback(
    (kind: ContainerActionKind, options: ActionOptions) => {
      const targets = selectedShown.map((id) => containers.get(id)).filter((c) => c !== undefined).map((c) => ({ id: c.id, name: c.name, state: c.state }));
      request(kind, targets, options);
    },
    [selectedShown, containers, request],
  );
  const selectedStates = useMemo(() => selectedShown.flatMap((id) => containers.get(id)?.state ?? []), [selectedShown, containers]);
  const binCount = bin.listing?.entries.length ?? 0;
  const binLink = (
    <a className="btn bin-link" href="#/containers/recently-removed">
      Recently removed
      <span className="bin-link__count" aria-label={`${binCount} ${binCount === 1 ? 'entry' : 'entries'}`}>
        {binCount}
      </span>
    </a>
  );

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
        <SearchField
          label="Filter containers"
          placeholder="Filter by name, image, state:running…"
          title="Free text matches name, image, project, state or id. Terms: name: image: state: label:key or label:key=value project: id: port: — prefix with - to exclude."
          value={containerFilter}
          onChange={setFilter}
        />
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
        <div className="toolbar__end">
          <button type="button" className="btn" onClick={() => runtime.store.getState().openRunDialog()}>
            Run a container
          </button>
          <ShortcutsHelp />
          {binLink}
        </div>
      </div>
      {selectedVisible > 0 ? (
        <BulkToolbar states={selectedStates} busy={bulkBusy} onAction={onBulk} onClear={() => setSelection([])}>
          <SelectionLogsButton containers={selectedShown.flatMap((id) => containers.get(id) ?? [])} />
        </BulkToolbar>
      ) : null}
      <BulkProgressBar />
      <ActionNotices scope="list" />
      {view.kind === 'table' && view.stale ? (
        <p className="inline-warning" role="status">
          {view.warning ? `The live list stopped updating: ${view.warning}. Retrying…` : 'Showing the last known list; it updates again when the back end is back.'}
        </p>
      ) : null}
      <ContainersTable
        rows={rows}
        sort={containerSort}
        selectedIds={selectedIds}
        pending={pending}
        focusedId={focusedId}
        visibleCount={visibleIds.length}
        selectedVisible={selectedVisible}
        onSort={sortBy}
        onToggleAll={onToggleAll}
        onToggleSelect={toggleSelected}
        onToggleProject={toggleProject}
        onOpenUrl={runtime.openUrl}
        onAction={onRowAction}
        onFocusRow={setFocused}
        onKeyDown={onKeyDown}
        empty={
          counts.total === 0 ? (
            <Notice title="No containers yet" icon={<ContainersIcon width={28} height={28} />}>
              <p>
                Start one with <code>docker run -d -p 8080:80 nginx</code> or a Compose project: it shows up here at once.
              </p>
            </Notice>
          ) : (
            <NoMatchNotice what="containers" query={containerFilter} hint={queryHint(parseQuery(containerFilter))} onClear={() => setFilter('')} />
          )
        }
      />
      {dialog}
    </div>
  );
}
