import { useMemo, useState } from 'react';
import type { ContainerSummary } from '../../../../contract/model.js';
import type { NetworkSummary } from '../../../../contract/models/networks.js';
import { formatPorts } from '../../lib/format/ports.js';
import { BusName } from './bus-name.js';
import { clip, layoutNetworkMap, MAP, type MapContainer } from './map-layout.js';

interface NetworkMapProps {
  networks: readonly NetworkSummary[];
  /** The live container list, for published ports and containers on no network. */
  containers: ReadonlyMap<string, ContainerSummary>;
}

/** Containers and the networks they are on, from the live lists. */
export function mapContainers(networks: readonly NetworkSummary[], containers: ReadonlyMap<string, ContainerSummary>): MapContainer[] {
  const byId = new Map<string, MapContainer & { links: Map<string, string> }>();
  for (const n of networks) {
    for (const c of n.containers) {
      let m = byId.get(c.id);
      if (!m) {
        const summary = containers.get(c.id);
        const ports = summary ? formatPorts(summary.ports).filter((p) => p.published).map((p) => p.label) : [];
        m = { id: c.id, name: summary?.name ?? c.name, state: summary?.state ?? c.state, ports, links: new Map() };
        byId.set(c.id, m);
      }
      m.links.set(n.id, c.ipv4 ?? c.ipv6 ?? '');
    }
  }
  return [...byId.values()];
}

/**
 * The network map: one bus per network, one row per container with a dot on each network it is on
 * (its address in the dot's tooltip) and its published ports. Each node is a link to its page.
 */
export function NetworkMap({ networks, containers }: NetworkMapProps) {
  const [showEmpty, setShowEmpty] = useState(true);
  const layout = useMemo(
    () => layoutNetworkMap(networks.map((n) => ({ id: n.id, name: n.name, driver: n.driver, builtIn: n.builtIn })), mapContainers(networks, containers), { showEmpty }),
    [networks, containers, showEmpty],
  );
  const nameOf = new Map(networks.map((n) => [n.id, n.name]));
  const linksOf = (id: string) =>
    layout.dots
      .filter((d) => d.containerId === id)
      .map((d) => `${nameOf.get(d.networkId) ?? d.networkId}${d.address ? ` (${d.address})` : ''}`)
      .join(', ');

  return (
    <div className="net-map">
      <label className="net-map__option">
        <input type="checkbox" checked={showEmpty} onChange={(e) => setShowEmpty(e.target.checked)} /> Show networks no container is on
      </label>
      <div className="net-map__scroll">
        <svg className="net-map__svg" width={layout.width} height={layout.height} viewBox={`0 0 ${layout.width} ${layout.height}`} role="group" aria-label="Network map">
          {layout.buses.map((b) => (
            <g key={b.id} className="net-map__bus">
              <line x1={b.x} x2={b.x} y1={b.y1} y2={b.y2} />
              <a href={`#/networks/${encodeURIComponent(b.name)}`} aria-label={`Network ${b.name}, ${b.count} ${b.count === 1 ? 'container' : 'containers'}`}>
                <BusName name={b.name} x={b.x} y={MAP.margin + 14} width={MAP.busSpacing - 8} />
                <text x={b.x} y={MAP.margin + 30} textAnchor="middle" className="net-map__bus-meta">
                  {b.driver} · {b.count}
                </text>
                <title>{b.name}</title>
              </a>
            </g>
          ))}
          {layout.nodes.map((n) => (
            <g key={n.id} className={`net-map__node net-map__node--${n.state}`}>
              <line className="net-map__link" x1={n.x + n.width} x2={n.lineTo} y1={n.y + n.height / 2} y2={n.y + n.height / 2} />
              <a href={`#/containers/${encodeURIComponent(n.id)}`} aria-label={`Container ${n.name} (${n.state}) on ${linksOf(n.id) || 'no network'}${n.ports.length ? `; ports ${n.ports.join(', ')}` : ''}`}>
                <rect x={n.x} y={n.y} width={n.width} height={n.height} rx={4} />
                <circle cx={n.x + 10} cy={n.y + n.height / 2} r={4} className={`net-map__state net-map__state--${n.state}`} />
                <text x={n.x + 20} y={n.y + 15} className="net-map__node-name">
                  {clip(n.name, n.ports.length ? 18 : 34)}
                </text>
                {n.ports.length ? (
                  <text x={n.x + n.width - 6} y={n.y + 15} textAnchor="end" className="net-map__ports">
                    {clip(n.ports.join(' '), 16)}
                  </text>
                ) : null}
                <title>{`${n.name}${n.ports.length ? `\n${n.ports.join('\n')}` : ''}`}</title>
              </a>
            </g>
          ))}
          {layout.footerY !== undefined
            ? layout.buses.map((b) => (
                <BusName key={`foot-${b.id}`} name={b.name} x={b.x} y={layout.footerY!} width={MAP.busSpacing - 8} hidden />
              ))
            : null}
          {layout.dots.map((d) => (
            <circle key={`${d.containerId}/${d.networkId}`} className="net-map__dot" cx={d.x} cy={d.y} r={5}>
              <title>{`${nameOf.get(d.networkId) ?? ''}${d.address ? `: ${d.address}` : ' (no address while stopped)'}`}</title>
            </circle>
          ))}
        </svg>
        {layout.nodes.length === 0 ? <p className="muted net-map__empty">No container is on any network.</p> : null}
      </div>
    </div>
  );
}
