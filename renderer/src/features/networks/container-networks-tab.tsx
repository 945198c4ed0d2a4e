import { useMemo, useState } from 'react';
import { cannotJoinMessage, cannotLeaveHostMessage, joinsOnlyAtCreate, networkModeBar } from '../../../../contract/domains/network-connect-check.js';
import type { ContainerState } from '../../../../contract/model.js';
import type { NetworkContainerRef, NetworkSummary } from '../../../../contract/models/networks.js';
import { useAppStore } from '../../app/runtime-context.js';
import { ConnectDialog } from './connect-dialog.js';
import { DisconnectDialog } from './disconnect-dialog.js';
import { useLiveNetworks } from './use-live-networks.js';
import './networks.css';

/** A container's networks on its details page, live: each a link, with its addresses and aliases; connect and disconnect here. */
export function ContainerNetworksTab({ id, name, state }: { id: string; name: string; state?: ContainerState }) {
  const live = useLiveNetworks();
  const networkMode = useAppStore((s) => s.containers.get(id)?.networkMode);
  const [connecting, setConnecting] = useState(false);
  const [disconnecting, setDisconnecting] = useState<{ network: NetworkSummary; endpoint: NetworkContainerRef }>();
  const on = useMemo(
    () =>
      [...live.networks.values()]
        .flatMap((n) => n.containers.filter((c) => c.id === id).map((c) => ({ network: n, endpoint: c })))
        .sort((a, b) => a.network.name.localeCompare(b.network.name)),
    [live.networks, id],
  );
  const candidates = useMemo(() => [...live.networks.values()].filter((n) => !joinsOnlyAtCreate(n) && !n.containers.some((c) => c.id === id)).sort((a, b) => a.name.localeCompare(b.name)), [live.networks, id]);

  const self = { id, name, state: state ?? 'created', networks: on.map((o) => o.network.name), ...(networkMode ? { networkMode } : {}) };
  // host, another container's network or "none": Connect would be refused, so it says why instead.
  const bar = networkModeBar(self);

  if (live.phase !== 'live' && !on.length) return <p className="muted">{live.phase === 'error' ? `Networks could not be listed: ${live.error}` : 'Loading networks…'}</p>;
  return (
    <section className="net-container-tab" aria-label="Networks of this container">
      <div className="toolbar">
        <p className="toolbar__text">
          {name} is on {on.length} {on.length === 1 ? 'network' : 'networks'}.
        </p>
        <div className="net-toolbar-actions">
          <a className="btn" href="#/networks?view=map">
            Network map
          </a>
          <button type="button" className="btn btn--primary" onClick={() => setConnecting(true)} disabled={!candidates.length || !!bar} aria-describedby={bar ? 'net-cannot-join' : undefined}>
            Connect to a network…
          </button>
        </div>
      </div>
      {bar ? (
        <p className="muted" id="net-cannot-join">
          {cannotJoinMessage(name, bar, 'another network')}
        </p>
      ) : null}
      <table className="net-table" aria-label="Container networks">
        <thead>
          <tr>
            <th scope="col">Network</th>
            <th scope="col">Driver</th>
            <th scope="col">Addresses</th>
            <th scope="col">Aliases</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {on.map(({ network: n, endpoint: c }) => (
            <tr key={n.id} aria-label={n.name}>
              <th scope="row">
                <a className="net-name" href={`#/networks/${encodeURIComponent(n.name)}`} title={n.name}>
                  {n.name}
                </a>
              </th>
              <td>{n.driver}</td>
              <td className="mono">{[c.ipv4, c.ipv6].filter(Boolean).join(', ') || <span className="muted">{state === 'running' ? 'none' : 'none while stopped'}</span>}</td>
              <td>{c.aliases.join(', ') || <span className="muted">—</span>}</td>
              <td className="net-actions">
                <button
                  type="button"
                  className="btn"
                  onClick={() => setDisconnecting({ network: n, endpoint: c })}
                  aria-label={`Disconnect from ${n.name}`}
                  disabled={n.name === 'host'}
                  title={n.name === 'host' ? cannotLeaveHostMessage(name) : undefined}
                >
                  Disconnect
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {connecting ? <ConnectDialog networks={candidates} container={self} onClose={() => setConnecting(false)} /> : null}
      {disconnecting ? (
        <DisconnectDialog
          network={disconnecting.network}
          container={on.find((o) => o.network.id === disconnecting.network.id)?.endpoint ?? disconnecting.endpoint}
          networks={live.networks.values()}
          onClose={() => setDisconnecting(undefined)}
        />
      ) : null}
    </section>
  );
}
