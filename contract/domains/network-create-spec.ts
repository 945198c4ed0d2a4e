import { z } from 'zod';
import { contains, containsCidr, lastAddress, overlaps, parseCidr, parseIp, type Cidr } from '../cidr.js';
import type { NetworkDriver, NetworkIpamConfig } from '../models/networks.js';
import { badNameChars, OBJECT_NAME_CHARS } from './object-name.js';

/**
 * A network to create, as the user gives it, and every check Berth makes before sending it: a bad
 * CIDR, a gateway or IP range outside its subnet, a subnet that overlaps another network's (naming
 * that network), a name in use, overlay without a swarm. The dialog shows these per field; the back
 * end runs the same checks against the engine's current networks.
 */

export const networkDrivers = ['bridge', 'macvlan', 'ipvlan', 'overlay'] as const satisfies readonly NetworkDriver[];

export interface NetworkIssue {
  field: 'name' | 'driver' | 'subnet' | 'gateway' | 'ipRange' | 'subnet6' | 'gateway6' | 'labels' | 'options';
  message: string;
}

/** What the checks need to know about the engine: its networks' names and blocks, and whether it is in a swarm. */
export interface NetworkCheckContext {
  networks: readonly { name: string; ipam: readonly NetworkIpamConfig[] }[];
  swarm: boolean;
}

const text = (max: number) => z.string().max(max, `at most ${max} characters`);
const optionalText = (max: number) =>
  text(max)
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : undefined));

export const networkNamePattern = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

export const networkSpecShape = z
  .object({
    name: text(128).transform((v) => v.trim()),
    driver: z.enum(networkDrivers, { error: `the driver must be one of ${networkDrivers.join(', ')}` }).default('bridge'),
    subnet: optionalText(64),
    gateway: optionalText(64),
    ipRange: optionalText(64),
    ipv6: z.boolean().default(false),
    subnet6: optionalText(64),
    gateway6: optionalText(64),
    internal: z.boolean().default(false),
    attachable: z.boolean().default(false),
    labels: z.record(text(256), text(4096)).default({}),
    /** Driver options, e.g. parent=eth0 for macvlan, com.docker.network.bridge.name for bridge. */
    options: z.record(text(256), text(4096)).default({}),
  })
  .strict();

export type NetworkCreateSpec = z.output<typeof networkSpecShape>;
export type NetworkCreateInput = z.input<typeof networkSpecShape>;

/** The checks that need nothing but the spec (names, CIDRs, gateway and range inside their subnet). */
export function specIssues(spec: NetworkCreateSpec): NetworkIssue[] {
  const issues: NetworkIssue[] = [];
  if (!spec.name) issues.push({ field: 'name', message: 'A network name is required' });
  else if (!networkNamePattern.test(spec.name)) {
    const bad = badNameChars(spec.name);
    issues.push({ field: 'name', message: bad ? `Network name "${spec.name}" cannot contain ${bad}: use only ${OBJECT_NAME_CHARS}` : `Network name "${spec.name}" must start with a letter or digit` });
  }

  const block = (field: 'subnet' | 'subnet6', version: 4 | 6): Cidr | undefined => {
    const value = spec[field];
    if (!value) return undefined;
    const r = parseCidr(value, version === 4 ? 'The subnet' : 'The IPv6 subnet');
    if (!r.ok) return void issues.push({ field, message: r.message });
    if (r.cidr.version !== version) return void issues.push({ field, message: version === 4 ? `The subnet "${value}" is IPv6: put it under IPv6 subnet` : `The IPv6 subnet "${value}" is IPv4: put it under Subnet` });
    return r.cidr;
  };
  const subnet = block('subnet', 4);
  const subnet6 = block('subnet6', 6);

  const gateway = (field: 'gateway' | 'gateway6', value: string | undefined, net: Cidr | undefined, subnetField: string) => {
    if (!value) return;
    const ip = parseIp(value);
    if (!ip) return issues.push({ field, message: `The gateway "${value}" is not an IP address` });
    if (!spec[subnetField === 'subnet' ? 'subnet' : 'subnet6']) return issues.push({ field, message: `A gateway needs a ${subnetField === 'subnet' ? 'subnet' : 'IPv6 subnet'} to belong to` });
    if (!net) return;
    if (!contains(net, ip)) return issues.push({ field, message: `The gateway ${value} is outside the subnet ${net.text}` });
    if (net.version === 4 && net.prefix < 31 && (ip.value === net.network || ip.value === lastAddress(net))) {
      issues.push({ field, message: `The gateway ${value} is the ${ip.value === net.network ? 'network' : 'broadcast'} address of ${net.text}; pick an address inside it` });
    }
  };
  gateway('gateway', spec.gateway, subnet, 'subnet');
  gateway('gateway6', spec.gateway6, subnet6, 'subnet6');

  if (spec.ipRange) {
    const r = parseCidr(spec.ipRange, 'The IP range');
    if (!r.ok) issues.push({ field: 'ipRange', message: r.message });
    else if (!spec.subnet) issues.push({ field: 'ipRange', message: 'An IP range needs a subnet to belong to' });
    else if (subnet && !containsCidr(subnet, r.cidr)) issues.push({ field: 'ipRange', message: `The IP range ${r.cidr.text} is outside the subnet ${subnet.text}` });
  }
  if (spec.ipv6 && !spec.subnet6) issues.push({ field: 'subnet6', message: 'IPv6 needs an IPv6 subnet, e.g. fd00:10:213::/64' });
  if (!spec.ipv6 && (spec.subnet6 || spec.gateway6)) issues.push({ field: 'subnet6', message: 'Turn on IPv6 to give the network an IPv6 subnet' });
  for (const key of Object.keys(spec.labels)) if (!key.trim()) issues.push({ field: 'labels', message: 'A label needs a name before "="' });
  for (const key of Object.keys(spec.options)) if (!key.trim()) issues.push({ field: 'options', message: 'A driver option needs a name before "="' });
  const bridgeName = spec.driver === 'bridge' ? bridgeNameProblem(spec.options[BRIDGE_NAME_OPTION]) : undefined;
  if (bridgeName) issues.push({ field: 'options', message: bridgeName });
  return issues;
}

const BRIDGE_NAME_OPTION = 'com.docker.network.bridge.name';

/**
 * The bridge's interface name on the engine's host must be a Linux interface name: at most 15 bytes,
 * no space, "/" or ":". The engine answered a longer one with "failed to check bridge interface
 * existence: numerical result out of range", and the others with "invalid argument".
 */
function bridgeNameProblem(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const what = `The bridge name ${BRIDGE_NAME_OPTION}="${name}"`;
  if (!name || name === '.' || name === '..') return `${what} is not an interface name: give one such as br-web`;
  const bytes = new TextEncoder().encode(name).length;
  // The kernel counts bytes (IFNAMSIZ), not characters: "é" is 2 bytes in UTF-8, so say which is counted.
  const chars = [...name].length;
  if (bytes > 15) return `${what} is ${bytes} bytes long${chars !== bytes ? ` (${chars} characters; a letter outside ASCII takes 2 to 4 bytes)` : ''}: an interface name has at most 15 bytes`;
  if (/[\s/:]/.test(name)) return `${what} cannot contain spaces, "/" or ":" (it names an interface on the engine's host)`;
  return undefined;
}

/** The checks against the engine's networks: the name in use, overlapping subnets (naming the owner), overlay without a swarm. */
export function contextIssues(spec: NetworkCreateSpec, context: NetworkCheckContext): NetworkIssue[] {
  const issues: NetworkIssue[] = [];
  if (spec.name && context.networks.some((n) => n.name === spec.name)) issues.push({ field: 'name', message: `A network named "${spec.name}" already exists` });
  if (spec.driver === 'overlay' && !context.swarm) issues.push({ field: 'driver', message: 'Overlay networks need the engine to be a swarm manager (docker swarm init); this engine is not in a swarm' });
  for (const field of ['subnet', 'subnet6'] as const) {
    const mine = spec[field] ? parseCidr(spec[field]) : undefined;
    if (!mine?.ok) continue;
    for (const n of context.networks) {
      const hit = n.ipam.map((c) => (c.subnet ? parseCidr(c.subnet) : undefined)).find((c) => c?.ok && overlaps(c.cidr, mine.cidr));
      if (hit?.ok) {
        issues.push({ field, message: `The ${field === 'subnet' ? 'subnet' : 'IPv6 subnet'} ${mine.cidr.text} overlaps ${hit.cidr.text} of the network "${n.name}"` });
        break;
      }
    }
  }
  return issues;
}

/** Every issue, the spec's own first; empty when the network can be created. */
export function networkCreateIssues(spec: NetworkCreateSpec, context: NetworkCheckContext): NetworkIssue[] {
  const own = specIssues(spec);
  const ctx = contextIssues(spec, context).filter((i) => !own.some((o) => o.field === i.field));
  return [...own, ...ctx];
}

/** The contract's argument: shape-checked here, and checked against the engine's networks by the service. */
export const networkCreateSchema = networkSpecShape.superRefine((spec, ctx) => {
  for (const i of specIssues(spec)) ctx.addIssue({ code: 'custom', path: [i.field], message: i.message });
});
