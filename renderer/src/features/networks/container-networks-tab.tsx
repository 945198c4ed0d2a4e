import { useMemo, useState } from 'react';
import type { ContainerState } from '../../../../contract/model.js';
import { useApi } from '../../app/runtime-context.js';
import { describeFailure } from '../run-container/run-errors.js';
import { ConnectDialog } from './connect-dialog.js';
import { useLiveNetworks } from './use-live-networks.js';
import './networks.css';

/** A container's networks on its details page, live: each a link, with its addresses and aliases; connect and disconnect here. */
export function ContainerNetworksTab({ id, name, state }: { id: string; name: string; state?: ContainerState }) {
  const api = useApi();
  const live = useLiveNetworks();
  const [connecting, setConnecting] = useState(false);
  const [error, setError] = useState<string>();
  const on = useMemo(
    () =>
      [...live.networks.values()]
        .flatMap((n) => n.containers.filter((c) => c.id === id).map((c) => ({ network: n, endpoint: c })))
        .sort((a, b) => a.network.name.localeCompare(b.network.name)),
    [live.networks, id],
  );
  const candidates = useMemo(() => [...live.networks.values()].filter((n) => n.name !== 'host' && n.name !== 'none' && !n.containers.some((c) => c.id === id)).sort((a, b) => a.name.localeCompare(b.name)), [live.networks, id]);

  const disconnect = async (network: string) => {
    setError(undefined);
    try {
      await api.networks.disconnect({ network, container: id });
    } catch (err) {
      setError(describeFailure(err).message);
    }
  };

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
          <button type="button" className="btn btn--primary" onClick={() => setConnecting(true)} disabled={!candidates.length}>
            Connect to a network…
          </button>
        </div>
      </div>
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
                <button type="button" className="btn" onClick={() => void disconnect(n.id)} aria-label={`Disconnect from ${n.name}`}>
                  Disconnect
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {error ? (
        <p className="net-error" role="alert">
          {error}
        </p>
      ) : null}
      {connecting ? <ConnectDialog networks={candidates} container={{ id, name, state: state ?? 'created' }} onClose={() => setConnecting(false)} /> : null}
    </section>
  );
}
