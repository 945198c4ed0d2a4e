import { BerthError } from '../../contract/errors.js';
import { listContainers } from '../adapter/calls.js';
import type { EngineAdapter } from '../adapter/engine-adapter.js';

/** A published host port as the engine lists it for a running container. */
export interface PublishedPort {
  container: string;
  hostIp: string;
  hostPort: number;
  protocol: string;
}

const wildcard = (ip: string | undefined) => !ip || ip === '0.0.0.0' || ip === '::';

/** True when binding `wantIp` would clash with something bound on `heldIp` (same port and protocol). */
export function ipsOverlap(wantIp: string | undefined, heldIp: string | undefined): boolean {
  return wildcard(wantIp) || wildcard(heldIp) || wantIp === heldIp;
}

/** Every host port published by a running container (the one port-owner lookup: run checks, run and container actions use it). */
export async function publishedPorts(engine: EngineAdapter, signal?: AbortSignal): Promise<PublishedPort[]> {
  const list = await listContainers(engine, { all: false }, signal);
  const out: PublishedPort[] = [];
  for (const c of list) {
    const name = (c.Names?.[0] ?? (c.Id ?? '').slice(0, 12)).replace(/^\//, '');
    for (const p of c.Ports ?? []) {
      if (p.PublicPort) out.push({ container: name, hostIp: p.IP ?? '', hostPort: p.PublicPort, protocol: p.Type ?? 'tcp' });
    }
  }
  return out;
}

/** The container holding host port `port` (any address overlapping `hostIp`), if one does. */
export function findHolder(ports: PublishedPort[], port: number, protocol = 'tcp', hostIp?: string): string | undefined {
  return ports.find((p) => p.hostPort === port && p.protocol === protocol && ipsOverlap(hostIp, p.hostIp))?.container;
}

/**
 * A "port is already allocated" error (from toBerthError) names only the port; look up which running
 * container holds it, so the user reads "Port 8080 is already in use by container web-1". Any other
 * error is returned as is.
 */
export async function explainPortConflict(err: BerthError, engine: EngineAdapter): Promise<BerthError> {
  const d = err.details as { reason?: unknown; port?: unknown; hostIp?: unknown } | undefined;
  if (err.code !== 'CONFLICT' || d?.reason !== 'port-allocated' || typeof d.port !== 'number') return err;
  try {
    const ports = await publishedPorts(engine);
    const hostIp = typeof d.hostIp === 'string' ? d.hostIp : undefined;
    const holder = findHolder(ports, d.port, 'tcp', hostIp) ?? findHolder(ports, d.port, 'udp', hostIp);
    if (!holder) return err;
    return new BerthError(err.code, `Port ${d.port} is already in use by container ${holder}`, { ...d, holder });
  } catch {
    return err;
  }
}
