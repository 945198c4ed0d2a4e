/**
 * The network map's layout: a bus diagram. Each network is a vertical bus (a column); each container
 * is a row, its box on the left, with a line running right to the last bus it is on and a dot on each
 * bus it is attached to. Rows are grouped by the first (busiest) network a container is on, so the
 * lines stay short. Rows and columns never overlap at any count; 100 containers on 10 networks is
 * 100 rows of 28 px and 10 columns of 96 px (about 1.4k × 2.9k px, scrolled), text at 12 px.
 */

export interface MapNetwork {
  id: string;
  name: string;
  driver: string;
  builtIn: boolean;
}

export interface MapContainer {
  id: string;
  name: string;
  state: string;
  /** "8080→80/tcp", already formatted. */
  ports: string[];
  /** Network id → this container's address there (empty when it has none). */
  links: ReadonlyMap<string, string>;
}

export interface BusBox {
  id: string;
  name: string;
  driver: string;
  x: number;
  /** The bus runs from y1 to y2. */
  y1: number;
  y2: number;
  count: number;
}

export interface NodeBox {
  id: string;
  name: string;
  state: string;
  ports: string[];
  x: number;
  y: number;
  width: number;
  height: number;
  /** Where its line ends (the x of its last bus), or the node's right edge when on none. */
  lineTo: number;
}

export interface LinkDot {
  containerId: string;
  networkId: string;
  x: number;
  y: number;
  address: string;
}

export interface MapLayout {
  width: number;
  height: number;
  /** A tall map repeats the network names under the buses (y of that row), so they stay in sight at the end. */
  footerY?: number;
  buses: BusBox[];
  nodes: NodeBox[];
  dots: LinkDot[];
}

export const MAP = {
  margin: 16,
  header: 64,
  rowHeight: 28,
  nodeHeight: 22,
  nodeWidth: 260,
  gap: 40,
  busSpacing: 96,
} as const;

export interface LayoutOptions {
  /** Show networks no container is on (the engine's own host/none are hidden when empty either way). */
  showEmpty?: boolean;
}

export function layoutNetworkMap(networks: readonly MapNetwork[], containers: readonly MapContainer[], options: LayoutOptions = {}): MapLayout {
  const counts = new Map<string, number>();
  for (const c of containers) for (const id of c.links.keys()) counts.set(id, (counts.get(id) ?? 0) + 1);
  const shown = networks
    .filter((n) => (counts.get(n.id) ?? 0) > 0 || (options.showEmpty !== false && !n.builtIn))
    .sort((a, b) => (counts.get(b.id) ?? 0) - (counts.get(a.id) ?? 0) || Number(a.builtIn) - Number(b.builtIn) || a.name.localeCompare(b.name));
  const column = new Map(shown.map((n, i) => [n.id, i]));
  const firstColumn = (c: MapContainer) => Math.min(...[...c.links.keys()].map((id) => column.get(id) ?? Infinity));
  const rows = [...containers].sort((a, b) => firstColumn(a) - firstColumn(b) || a.name.localeCompare(b.name));

  const busX = (i: number) => MAP.margin + MAP.nodeWidth + MAP.gap + i * MAP.busSpacing;
  const rowY = (i: number) => MAP.margin + MAP.header + i * MAP.rowHeight;
  const footer = rows.length > 20 ? 28 : 0;
  const bottom = rowY(rows.length) + MAP.margin + footer;
  const buses: BusBox[] = shown.map((n, i) => ({ id: n.id, name: n.name, driver: n.driver, x: busX(i), y1: MAP.margin + MAP.header - 12, y2: bottom - MAP.margin - footer, count: counts.get(n.id) ?? 0 }));
  const nodes: NodeBox[] = [];
  const dots: LinkDot[] = [];
  rows.forEach((c, i) => {
    const y = rowY(i);
    const cols = [...c.links.keys()].map((id) => column.get(id)).filter((x): x is number => x !== undefined);
    const right = MAP.margin + MAP.nodeWidth;
    nodes.push({ id: c.id, name: c.name, state: c.state, ports: c.ports, x: MAP.margin, y, width: MAP.nodeWidth, height: MAP.nodeHeight, lineTo: cols.length ? busX(Math.max(...cols)) : right });
    for (const [networkId, address] of c.links) {
      const col = column.get(networkId);
      if (col !== undefined) dots.push({ containerId: c.id, networkId, x: busX(col), y: y + MAP.nodeHeight / 2, address });
    }
  });
  const width = (shown.length ? busX(shown.length - 1) + MAP.busSpacing / 2 : MAP.margin + MAP.nodeWidth) + MAP.margin;
  return { width, height: Math.max(bottom, MAP.header + 2 * MAP.margin), ...(footer ? { footerY: bottom - MAP.margin - 6 } : {}), buses, nodes, dots };
}

/** Text cut to fit `max` characters, with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}
