import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { NetworkCapabilities, NetworkSummary } from '../../../../contract/models/networks.js';
import { useApi, useAppStore } from '../../app/runtime-context.js';
import { liveListGate } from '../../ui/live-list-gate.js';
import { NoMatchNotice } from '../../ui/notice.js';
import { SearchField } from '../../ui/search-field.js';
import { connectChoices } from './connect-candidates.js';
import { ConnectDialog } from './connect-dialog.js';
import { CreateNetworkDialog } from './create-network-dialog.js';
import { NetworkMap } from './network-map.js';
import { selectNetworkRows } from './network-rows.js';
import { NetworksTable } from './networks-table.js';
import { PruneNetworksDialog } from './prune-networks-dialog.js';
import { RemoveNetworkDialog } from './remove-network-dialog.js';
import { useLiveNetworks } from './use-live-networks.js';
import './networks.css';

type Dialog = { kind: 'create' } | { kind: 'prune' } | { kind: 'connect'; network: NetworkSummary } | { kind: 'remove'; network: NetworkSummary } | null;
type View = 'list' | 'map';

const subscribeHash = (cb: () => void) => {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
};
/** `#/networks?view=map` shows the map, so it can be linked to and survives a reload. */
const useView = (): View => useSyncExternalStore(subscribeHash, () => (/[?&]view=map\b/.test(window.location.hash) ? 'map' : 'list'));

/** Every network, live from engine events: list or map, create, connect, remove, prune. */
export function NetworksPage() {
  const api = useApi();
  const live = useLiveNetworks();
  const containers = useAppStore((s) => s.containers);
  const engineStatus = useAppStore((s) => s.engineStatus);
  const view = useView();
  const [query, setQuery] = useState('');
  const [dialog, setDialog] = useState<Dialog>(null);
  const [capabilities, setCapabilities] = useState<NetworkCapabilities>();
  const all = useMemo(() => [...live.networks.values()], [live.networks]);
  const rows = useMemo(() => selectNetworkRows(live.networks.values(), query), [live.networks, query]);

  useEffect(() => {
    if (live.phase !== 'live') return;
    let on = true;
    api.networks.capabilities({}).then(
      (c) => on && setCapabilities(c),
      () => undefined,
    );
    return () => {
      on = false;
    };
  }, [api, live.phase]);

  const gate = liveListGate('Networks', engineStatus?.state === 'running', live.phase);
  if (gate) return gate;

  // The map shows every network; the list, what the search leaves, and then the counts say so (as on the Images page).
  const shown = view === 'list' ? rows : all;
  const narrowed = shown.length !== all.length;
  const userDefined = shown.filter((n) => !n.builtIn).length;
  return (
    <div className="page page--fill net-page">
      <div className="toolbar">
        <div className="net-views" role="group" aria-label="View">
          <a className={`btn${view === 'list' ? ' is-active' : ''}`} href="#/networks" aria-current={view === 'list' ? 'page' : undefined}>
            List
          </a>
          <a className={`btn${view === 'map' ? ' is-active' : ''}`} href="#/networks?view=map" aria-current={view === 'map' ? 'page' : undefined}>
            Map
          </a>
        </div>
        {view === 'list' ? <SearchField label="Search networks" placeholder="Search by name, subnet, container, label…" value={query} onChange={setQuery} /> : null}
        <p className="toolbar__text counts" aria-live="polite">
          <span>
            <strong>{shown.length}</strong>
            {narrowed ? ` of ${all.length} ${all.length === 1 ? 'network' : 'networks'} shown` : ` ${all.length === 1 ? 'network' : 'networks'}`}
          </span>
          <span>{userDefined} yours</span>
        </p>
        <div className="net-toolbar-actions">
          <button type="button" className="btn" onClick={() => setDialog({ kind: 'prune' })}>
            Prune…
          </button>
          <button type="button" className="btn btn--primary" onClick={() => setDialog({ kind: 'create' })}>
            Create network…
          </button>
        </div>
      </div>
      {live.phase === 'error' ? (
        <p className="inline-warning" role="status">
          The live list stopped updating: {live.error}. Retrying…
        </p>
      ) : null}
      {view === 'map' ? (
        <NetworkMap networks={all} containers={containers} />
      ) : rows.length ? (
        <NetworksTable rows={rows} onConnect={(network) => setDialog({ kind: 'connect', network })} onRemove={(network) => setDialog({ kind: 'remove', network })} />
      ) : (
        <NoMatchNotice what="networks" query={query} clearLabel="Clear search" onClear={() => setQuery('')} />
      )}
      {dialog?.kind === 'create' ? (
        <CreateNetworkDialog networks={all} capabilities={capabilities} onClose={() => setDialog(null)} onCreated={() => setDialog(null)} />
      ) : null}
      {dialog?.kind === 'prune' ? <PruneNetworksDialog onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'remove' ? <RemoveNetworkDialog network={dialog.network} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'connect' ? (
        <ConnectDialog network={live.networks.get(dialog.network.id) ?? dialog.network} containers={connectChoices(containers.values(), live.networks.values())} onClose={() => setDialog(null)} />
      ) : null}
    </div>
  );
}
