import { fixedHostPorts, picksInHostRange, type RunSpec } from '../../contract/domains/container-run-spec.js';
import type { RunIssue, RunIssueReason } from '../../contract/models/container-run.js';
import { findHolder, type PublishedPort } from './port-holder.js';

/** What the checks ask of the engine and the host (real: docker-run-checks.ts; fakes in tests). */
export interface RunCheckDeps {
  containerNameExists(name: string): Promise<boolean>;
  imageExists(reference: string): Promise<boolean>;
  networkExists(name: string): Promise<boolean>;
  publishedPorts(): Promise<PublishedPort[]>;
  engineCpus(): Promise<number>;
  /**
   * Host-side checks, only when the engine shares this machine's filesystem and ports (a local
   * socket). Undefined for a remote engine: those checks are then left to the engine.
   */
  local?: {
    pathExists(path: string): Promise<boolean>;
    /** False when something outside Docker listens on the port. */
    portFree(port: number, protocol: string, hostIp?: string): Promise<boolean>;
    /**
     * When the engine runs in Berth's VM: can it see this host path (is it inside a shared folder)?
     * The message names the setting to change.
     */
    bindMount?(path: string): { ok: true } | { ok: false; message: string };
  };
}

/** An image reference with the engine's implied tag, for messages: "nginx" → "nginx:latest". */
export function displayReference(ref: string): string {
  const lastSlash = ref.lastIndexOf('/');
  return ref.includes('@') || ref.lastIndexOf(':') > lastSlash ? ref : `${ref}:latest`;
}

/**
 * Everything the engine would refuse (or silently do wrong) for this spec, found before anything is
 * created, each naming its field: name taken, host port taken (and by which container), missing host
 * path, image not present, unknown network, more CPUs than the engine has.
 */
export async function checkRunSpec(spec: RunSpec, deps: RunCheckDeps): Promise<RunIssue[]> {
  const issues: RunIssue[] = [];
  const add = (field: string, reason: RunIssueReason, message: string) => issues.push({ field, message, reason });

  const [nameTaken, imageThere, networkThere, ports, cpus] = await Promise.all([
    spec.name ? deps.containerNameExists(spec.name) : Promise.resolve(false),
    deps.imageExists(spec.image),
    spec.network ? deps.networkExists(spec.network) : Promise.resolve(true),
    spec.ports.some((p) => p.hostPort !== undefined) ? deps.publishedPorts() : Promise.resolve([]),
    spec.cpus !== undefined ? deps.engineCpus() : Promise.resolve(0),
  ]);

  if (!imageThere) add('image', 'image-missing', `Image ${displayReference(spec.image)} is not present locally — pull it first`);
  if (nameTaken && spec.name) add('name', 'name-taken', `A container named ${spec.name} already exists`);
  if (!networkThere && spec.network) add('network', 'network-missing', `Network ${spec.network} does not exist`);
  if (spec.cpus !== undefined && cpus > 0 && spec.cpus > cpus * 1e9) {
    add('cpus', 'cpus-over-engine', `CPU limit ${spec.cpus / 1e9} is more than the engine’s ${cpus} CPUs`);
  }

  for (const [i, p] of spec.ports.entries()) {
    if (p.hostPort === undefined) continue;
    /** Who holds the port: a container (by name), a program outside Docker (container undefined), or nobody (undefined). */
    const heldBy = async (port: number): Promise<{ port: number; container?: string } | undefined> => {
      const container = findHolder(ports, port, p.protocol, p.hostIp);
      if (container) return { port, container };
      return deps.local && !(await deps.local.portFree(port, p.protocol, p.hostIp)) ? { port } : undefined;
    };
    const field = `ports.${i}.hostPort`;
    if (picksInHostRange(p)) {
      // The engine picks a free one in the range: refused only when none is.
      let free = false;
      for (let port = p.hostPort; !free && port <= p.hostPortEnd!; port++) free = (await heldBy(port)) === undefined;
      if (!free) add(field, 'port-taken', `Every host port from ${p.hostPort} to ${p.hostPortEnd} is already in use`);
      continue;
    }
    const held: { port: number; container?: string }[] = [];
    for (const port of fixedHostPorts(p)) {
      const h = await heldBy(port);
      if (h) held.push(h);
    }
    const first = held[0];
    if (!first) continue;
    const more = held.length > 1 ? ` (and ${held.length - 1} more of ${p.hostPort}-${p.hostPortEnd})` : '';
    if (first.container) add(field, 'port-taken', `Host port ${first.port} is already in use by container ${first.container}${more}`);
    else add(field, 'port-busy', `Host port ${first.port} is already in use on this machine (by a program outside Docker)${more}`);
  }

  if (deps.local) {
    const local = deps.local;
    const exists = await Promise.all(spec.mounts.map((m) => local.pathExists(m.source)));
    spec.mounts.forEach((m, i) => {
      const shared = local.bindMount?.(m.source);
      if (!exists[i]) add(`mounts.${i}.source`, 'host-path-missing', `Host path ${m.source} does not exist`);
      else if (shared && !shared.ok) add(`mounts.${i}.source`, 'host-path-unshared', shared.message);
    });
  }
  return issues;
}
