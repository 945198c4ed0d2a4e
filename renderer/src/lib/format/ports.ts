import type { PortMapping } from '../../../../contract/index.js';

/** One port as the UI shows it, e.g. `127.0.0.1:8080→80/tcp`, with a URL when it can be opened in a browser. */
export interface PortView {
  key: string;
  label: string;
  published: boolean;
  /** http://localhost:PORT for published TCP ports reachable from this machine. */
  url?: string;
}

const WILDCARDS = new Set(['0.0.0.0', '::', '']);
const LOOPBACKS = new Set(['127.0.0.1', '::1', 'localhost']);

function hostPart(ip: string | undefined): string {
  if (ip === undefined || ip === '') return '';
  return ip.includes(':') ? `[${ip}]` : ip;
}

/** `127.0.0.1:8080→80/tcp` when published, `80/tcp` when only exposed. */
export function formatPort(p: PortMapping): string {
  const inner = `${p.privatePort}/${p.type}`;
  if (p.publicPort === undefined) return inner;
  const host = hostPart(p.ip);
  return `${host ? `${host}:` : ''}${p.publicPort}→${inner}`;
}

/** The address to open for a published TCP port, or undefined when it is not one. */
export function portUrl(p: PortMapping): string | undefined {
  if (p.publicPort === undefined || p.type !== 'tcp') return undefined;
  const ip = p.ip ?? '';
  const host = WILDCARDS.has(ip) || LOOPBACKS.has(ip) ? 'localhost' : hostPart(ip);
  return `http://${host}:${p.publicPort}`;
}

/**
 * The ports of a container, ready to show: browsable (published TCP) first, then other published,
 * then exposed-only, each by container port. Docker lists a port published on all interfaces twice (0.0.0.0 and ::); it is shown once.
 */
export function formatPorts(ports: readonly PortMapping[]): PortView[] {
  const seen = new Set<string>();
  const ipv4Wildcards = new Set(
    ports.filter((p) => p.publicPort !== undefined && p.ip === '0.0.0.0').map((p) => `${p.publicPort}|${p.privatePort}|${p.type}`),
  );
  const kept = ports.filter((p) => {
    if (p.ip === '::' && ipv4Wildcards.has(`${p.publicPort}|${p.privatePort}|${p.type}`)) return false;
    const key = `${p.ip ?? ''}|${p.publicPort ?? ''}|${p.privatePort}|${p.type}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  // Ports that open in a browser first, then other published ones, then exposed-only ones.
  const rank = (p: PortMapping) => (portUrl(p) ? 0 : p.publicPort !== undefined ? 1 : 2);
  kept.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      a.privatePort - b.privatePort ||
      a.type.localeCompare(b.type) ||
      (a.publicPort ?? 0) - (b.publicPort ?? 0) ||
      (a.ip ?? '').localeCompare(b.ip ?? ''),
  );
  return kept.map((p) => {
    const url = portUrl(p);
    const view: PortView = { key: `${p.ip ?? ''}|${p.publicPort ?? ''}|${p.privatePort}|${p.type}`, label: formatPort(p), published: p.publicPort !== undefined };
    if (url) view.url = url;
    return view;
  });
}
