import type { NetworkContainerRef } from '../../../../contract/models/networks.js';

interface AttachedListProps {
  containers: readonly NetworkContainerRef[];
  network: string;
  onDisconnect?(c: NetworkContainerRef): void;
  /** Why this container cannot be disconnected (its Disconnect button is then disabled, with the reason as its title). */
  cannotDisconnect?(c: NetworkContainerRef): string | undefined;
  /** Show at most this many, then a link to the network's page for the rest (the list's cells stay short). */
  max?: number;
}

/** The containers on a network: name (a link), state, addresses and aliases; with a Disconnect button when given. */
export function AttachedList({ containers, network, onDisconnect, cannotDisconnect, max = Infinity }: AttachedListProps) {
  if (!containers.length) return <span className="muted">none</span>;
  const more = containers.length - max;
  return (
    <ul className="net-attached" aria-label={`Containers on ${network}`}>
      {containers.slice(0, max).map((c) => (
        <li key={c.id}>
          <a href={`#/containers/${encodeURIComponent(c.id)}`}>{c.name}</a>
          <span className={`state-dot state-dot--${c.state}`} aria-hidden="true" />
          <span className="muted">{c.state}</span>
          {c.ipv4 || c.ipv6 ? <span className="mono"> {[c.ipv4, c.ipv6].filter(Boolean).join(', ')}</span> : null}
          {c.aliases.length ? <span className="muted"> · aliases {c.aliases.join(', ')}</span> : null}
          {onDisconnect ? (
            <button type="button" className="btn" onClick={() => onDisconnect(c)} aria-label={`Disconnect ${c.name} from ${network}`} disabled={!!cannotDisconnect?.(c)} title={cannotDisconnect?.(c)}>
              Disconnect
            </button>
          ) : null}
        </li>
      ))}
      {more > 0 ? (
        <li>
          <a href={`#/networks/${encodeURIComponent(network)}`}>and {more} more</a>
        </li>
      ) : null}
    </ul>
  );
}
