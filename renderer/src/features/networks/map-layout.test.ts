import { describe, expect, it } from 'vitest';
import { clip, layoutNetworkMap, MAP, type MapContainer, type MapNetwork } from './map-layout.js';

const nets: MapNetwork[] = [
  { id: 'b', name: 'bridge', driver: 'bridge', builtIn: true },
  { id: 'h', name: 'host', driver: 'host', builtIn: true },
  { id: 'app', name: 'app', driver: 'bridge', builtIn: false },
  { id: 'db', name: 'db', driver: 'bridge', builtIn: false },
  { id: 'spare', name: 'spare', driver: 'bridge', builtIn: false },
];
const ctr = (id: string, links: [string, string][]): MapContainer => ({ id, name: id, state: 'running', ports: [], links: new Map(links) });

describe('network map layout', () => {
  it('puts the busiest network first, hides the engine’s own when empty, and groups rows by their first network', () => {
    const l = layoutNetworkMap(nets, [ctr('web', [['app', '10.0.0.2']]), ctr('api', [['app', '10.0.0.3'], ['db', '10.1.0.2']]), ctr('pg', [['db', '10.1.0.3']]), ctr('old', [['b', '']])]);
    expect(l.buses.map((b) => b.name)).toEqual(['app', 'db', 'bridge', 'spare']);
    expect(l.nodes.map((n) => n.name)).toEqual(['api', 'web', 'pg', 'old']);
    const api = l.nodes[0]!;
    // api's line runs to the db bus; a dot sits on each bus it is on.
    expect(api.lineTo).toBe(l.buses[1]!.x);
    expect(l.dots.filter((d) => d.containerId === 'api').map((d) => [d.networkId, d.x])).toEqual([
      ['app', l.buses[0]!.x],
      ['db', l.buses[1]!.x],
    ]);
    expect(layoutNetworkMap(nets, [], { showEmpty: false }).buses).toEqual([]);
  });

  it('stays readable at 100 containers on 10 networks: no overlaps, fixed spacing, bounded size', () => {
    const many: MapNetwork[] = Array.from({ length: 10 }, (_, i) => ({ id: `n${i}`, name: `network-${i}`, driver: 'bridge', builtIn: false }));
    const cs = Array.from({ length: 100 }, (_, i) => ctr(`c${String(i).padStart(3, '0')}`, [[`n${i % 10}`, `10.0.${i % 10}.${i}`], ...(i % 7 === 0 ? [[`n${(i + 3) % 10}`, '']] : [])] as [string, string][]));
    const l = layoutNetworkMap(many, cs);
    expect(l.buses).toHaveLength(10);
    expect(l.nodes).toHaveLength(100);
    const ys = l.nodes.map((n) => n.y).sort((a, b) => a - b);
    for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(MAP.nodeHeight + 4);
    const xs = l.buses.map((b) => b.x);
    for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBe(MAP.busSpacing);
    expect(Math.min(...xs)).toBeGreaterThan(MAP.margin + MAP.nodeWidth);
    expect(l.dots).toHaveLength(100 + 15);
    expect(l.width).toBeLessThan(1500);
    expect(l.height).toBeLessThan(3100);
    // The names are repeated under the buses of a tall map, below the last row.
    expect(l.footerY).toBeGreaterThan(Math.max(...l.nodes.map((n) => n.y + n.height)));
    expect(layoutNetworkMap(many, cs.slice(0, 20)).footerY).toBeUndefined();
    // Rows are grouped by network: the first-network column never decreases down the map.
    const first = l.nodes.map((n) => Math.min(...l.dots.filter((d) => d.containerId === n.id).map((d) => d.x)));
    expect(first).toEqual([...first].sort((a, b) => a - b));
  });

  it('clips long names with an ellipsis', () => {
    expect(clip('a-very-long-container-name', 10)).toBe('a-very-lo…');
    expect(clip('short', 10)).toBe('short');
  });
});
