import { Suspense, useEffect, useState } from 'react';
import type { ContainerState } from '../../../../contract/index.js';
import { useAppStore } from '../../app/runtime-context.js';
import { AlertIcon } from '../../ui/icons.js';
import { Notice } from '../../ui/notice.js';
import { ContainerActions } from '../container-actions/container-actions.js';
import { findContainer } from '../containers/find-container.js';
import { autoRemoveOf, detailsHref, detailTabs, followedRef, inspectRefreshKey, nextPageIdentity, parseDetailTab, removedExplanation, type PageIdentity } from './detail-route.js';
import { RouteTabs } from '../../ui/route-tabs.js';
import { InspectTab } from './inspect-tab.js';
import { PortsTab } from './ports-tab.js';
import { ResourcesPanel } from './resources-panel.js';
import { ContainerNetworksTab } from '../networks/container-networks-tab.js';
import { useContainerInspect } from './use-container-inspect.js';
import { liveStatus } from '../../../../contract/status-text.js';
import { lazyNamed } from '../../lib/import-with-retry.js';
import { useNow } from '../../lib/use-now.js';
import { PageLoading } from '../../ui/page-loading.js';
import './container-details.css';

// The heavy tabs (xterm, uPlot, the file browser, the log viewer) are fetched when first opened.
// A failed fetch is asked for again, as for pages (lib/import-with-retry.ts).
const LogsTab = lazyNamed(() => import('../logs/logs-tab.js'), 'LogsTab');
const TerminalTab = lazyNamed(() => import('../terminal/terminal-tab.js'), 'TerminalTab');
const StatsTab = lazyNamed(() => import('../stats/stats-tab.js'), 'StatsTab');
const FilesTab = lazyNamed(() => import('../files/files-tab.js'), 'FilesTab');

const knownStates: readonly ContainerState[] = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'];

/** One container: header (name, image, live state, actions) and tabs, at `#/containers/<id or name>/<tab>`. */
export function ContainerDetailsPage({ id, tab }: { id: string; tab?: string }) {
  // Another container is another page: nothing (logs, "seen" state) carries over. The same container
  // under a new name (renamed, the route following it) keeps its page, with its log buffer and shell.
  const containers = useAppStore((s) => s.containers);
  const [page, setPage] = useState<PageIdentity>(() => ({ key: id, ref: id, containerId: findContainer(containers, id)?.id }));
  const next = nextPageIdentity(page, id, findContainer(containers, id)?.id);
  if (next !== page) setPage(next);
  return <DetailsPage key={next.key} containerRef={id} tab={tab} />;
}

function DetailsPage({ containerRef: ref, tab }: { containerRef: string; tab?: string }) {
  const current = parseDetailTab(tab);
  const containers = useAppStore((s) => s.containers);
  const phase = useAppStore((s) => s.containersPhase);
  // Once seen, the page follows that container by id (a rename keeps it), and its absence from the
  // live list means it was removed.
  const [seen, setSeen] = useState<{ id: string; name: string } | undefined>(undefined);
  const summary = findContainer(containers, seen?.id ?? ref);
  if (summary && (summary.id !== seen?.id || summary.name !== seen.name)) setSeen({ id: summary.id, name: summary.name });
  const now = useNow(10_000);
  const load = useContainerInspect(seen?.id ?? ref, inspectRefreshKey(summary));
  // A route by name follows a rename (links, reload, bookmarks); a route by id stays as it is.
  const linkRef = followedRef(ref, summary);
  useEffect(() => {
    if (linkRef !== ref) window.history.replaceState(window.history.state, '', detailsHref(linkRef, current));
  }, [linkRef, ref, current]);
  const removed = phase === 'live' && !summary && seen !== undefined;
  // Remembered from the last inspect: once removed, the container can no longer be inspected.
  const [autoRemove, setAutoRemove] = useState(false);
  if (load.kind === 'ready' && autoRemoveOf(load.data.raw) !== autoRemove) setAutoRemove(!autoRemove);
  const notFound = !summary && load.kind === 'error' && load.code === 'NOT_FOUND';

  // Logs and the terminal stay mounted once opened: switching tabs keeps the log buffer and stream,
  // and the shell session with its scrollback.
  const [logsOpened, setLogsOpened] = useState(current === 'logs');
  if (current === 'logs' && !logsOpened) setLogsOpened(true);
  const [terminalOpened, setTerminalOpened] = useState(current === 'terminal');
  if (current === 'terminal' && !terminalOpened) setTerminalOpened(true);

  useEffect(() => {
    if (summary) document.title = `${summary.name} · Containers · Berth`;
  }, [summary]);

  if (notFound || removed) {
    return (
      <div className="page page--center">
        <Notice title={removed ? `The container “${seen?.name ?? ref}” was removed.` : `There is no container “${ref}”.`} icon={<AlertIcon width={28} height={28} />} role="alert">
          <p>{removed ? removedExplanation(autoRemove) : 'It may have been removed, or the id or name is mistyped.'}</p>
          <p>
            <a href="#/containers">Back to containers</a>
            {removed && !autoRemove ? (
              <>
                {' · '}
                <a href="#/containers/recently-removed">Recently removed</a>
              </>
            ) : null}
          </p>
        </Notice>
      </div>
    );
  }

  const inspected = load.kind === 'ready' ? load.data.summary : undefined;
  const id = summary?.id ?? inspected?.id ?? ref;
  const name = summary?.name ?? inspected?.name ?? ref;
  const image = summary?.image ?? inspected?.image ?? '';
  const stateWord = summary?.state ?? inspected?.state.status ?? '';
  const state: ContainerState | undefined = (knownStates as readonly string[]).includes(stateWord) ? (stateWord as ContainerState) : undefined;

  return (
    <div className="page page--fill details">
      <header className="details__header">
        <div className="details__title">
          <h2 className="details__name">{name}</h2>
          <p className="details__meta">
            <span className="details__image mono" title="Image">
              {image}
            </span>
            {stateWord ? (
              <span className="details__state" data-state={stateWord}>
                <span className={`state-dot state-dot--${stateWord}`} aria-hidden="true" />
                {stateWord}
              </span>
            ) : null}
            {summary?.status ? <span className="muted">{liveStatus(summary.status, summary.statusSince, now)}</span> : null}
          </p>
        </div>
        <div className="details__actions">{state ? <ContainerActions id={id} name={name} state={state} /> : null}</div>
      </header>
      {phase !== 'live' && !summary && load.kind === 'ready' ? (
        <p className="inline-warning" role="status">
          The live container list is not available right now; the state shown may be out of date.
        </p>
      ) : null}
      <RouteTabs
        label="Container details"
        tabs={detailTabs.map((t) => ({ id: t.id, label: t.label, href: detailsHref(linkRef, t.id) }))}
        current={current}
        idPrefix="details"
        className="details__tabs"
        tabClassName="details__tab"
      />
      {logsOpened ? (
        <section role="tabpanel" id="details-panel-logs" aria-labelledby="details-tab-logs" className="details__panel details__panel--logs" hidden={current !== 'logs'}>
          <Suspense fallback={<PageLoading />}>
            <LogsTab id={id} name={name} state={state} active={current === 'logs'} />
          </Suspense>
        </section>
      ) : null}
      {terminalOpened ? (
        <section role="tabpanel" id="details-panel-terminal" aria-labelledby="details-tab-terminal" className="details__panel details__panel--terminal" hidden={current !== 'terminal'}>
          <Suspense fallback={<PageLoading />}>
            <TerminalTab id={id} />
          </Suspense>
        </section>
      ) : null}
      {current !== 'logs' && current !== 'terminal' ? (
        <section role="tabpanel" id={`details-panel-${current}`} aria-labelledby={`details-tab-${current}`} className={`details__panel details__panel--${current}`}>
          <Suspense fallback={<PageLoading />}>
            {current === 'stats' ? <StatsTab id={id} /> : null}
            {current === 'files' ? <FilesTab id={id} /> : null}
          </Suspense>
          {current === 'inspect' ? <InspectTab load={load} /> : null}
          {current === 'ports' ? <PortsTab load={load} containerId={id} /> : null}
          {current === 'networks' ? <ContainerNetworksTab id={id} name={name} state={state} /> : null}
          {current === 'resources' ? <ResourcesPanel id={id} /> : null}
        </section>
      ) : null}
    </div>
  );
}
