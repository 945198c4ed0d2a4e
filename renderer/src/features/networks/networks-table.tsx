import { joinsOnlyAtCreate, onlyAtCreateMessage } from '../../../../contract/domains/network-connect-check.js';
import type { NetworkSummary } from '../../../../contract/models/networks.js';
import { AttachedList } from './attached-list.js';
import { blocksOf, flagsOf } from './network-rows.js';

interface NetworksTableProps {
  rows: readonly NetworkSummary[];
  onConnect(n: NetworkSummary): void;
  onRemove(n: NetworkSummary): void;
}

/** The network list as a table named "Networks", one row per network, named by the network's name (a long one cut short on screen, whole in its title). */
export function NetworksTable({ rows, onConnect, onRemove }: NetworksTableProps) {
  return (
    <div className="net-table-wrap">
      <table className="net-table" aria-label="Networks">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Driver</th>
            <th scope="col">IPv4</th>
            <th scope="col">IPv6</th>
            <th scope="col">Flags</th>
            <th scope="col">Containers</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((n) => (
            <tr key={n.id} aria-label={n.name}>
              <th scope="row">
                <a className="net-name" href={`#/networks/${encodeURIComponent(n.name)}`} title={n.name}>
                  {n.name}
                </a>
                <div className="muted mono">{n.shortId}</div>
              </th>
              <td>
                {n.driver}
                <div className="muted">{n.scope}</div>
              </td>
              <td className="mono">{blocksOf(n, 4).join('\n') || <span className="muted">—</span>}</td>
              <td className="mono">{blocksOf(n, 6).join('\n') || <span className="muted">—</span>}</td>
              <td>{[...(n.builtIn ? ['engine’s own'] : []), ...flagsOf(n)].join(', ') || <span className="muted">—</span>}</td>
              <td>
                <AttachedList containers={n.containers} network={n.name} max={8} />
              </td>
              <td className="net-actions">
                <button
                  type="button"
                  className="btn"
                  onClick={() => onConnect(n)}
                  disabled={joinsOnlyAtCreate(n)}
                  title={joinsOnlyAtCreate(n) ? onlyAtCreateMessage(n.name) : undefined}
                  aria-label={`Connect a container to ${n.name}`}
                >
                  Connect…
                </button>
                <button
                  type="button"
                  className="btn"
                  onClick={() => onRemove(n)}
                  disabled={n.builtIn}
                  title={n.builtIn ? 'The engine’s own network: Berth does not remove it' : undefined}
                  aria-label={`Remove ${n.name}`}
                >
                  Remove…
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
