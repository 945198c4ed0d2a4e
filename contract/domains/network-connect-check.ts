import { contains, parseCidr, parseIp } from '../cidr.js';
import type { NetworkSummary } from '../models/networks.js';

export interface ConnectIssue {
  field: 'container' | 'ipv4' | 'ipv6' | 'aliases';
  message: string;
}

export interface ConnectRequest {
  container: string;
  aliases: readonly string[];
  ipv4?: string;
  ipv6?: string;
}

const aliasPattern = /^[a-zA-Z0-9]([a-zA-Z0-9_.-]*[a-zA-Z0-9])?$/;

/** Whether a container state holds a network endpoint (and so counts as "using" a network). */
export const holdsEndpoint = (state: string): boolean => state === 'running' || state === 'paused' || state === 'restarting';

/**
 * What is wrong with connecting this container to this network, before asking the engine: already
 * connected, aliases on a network that has no DNS (the default bridge), a static address that is not
 * an address, not of the network's kind, outside its subnets, or on a network without a configured subnet.
 */
export function connectIssues(req: ConnectRequest, network: NetworkSummary, containerName?: string): ConnectIssue[] {
  const issues: ConnectIssue[] = [];
  const who = containerName ?? req.container;
  if (!req.container.trim()) issues.push({ field: 'container', message: 'Choose a container to connect' });
  else if (network.containers.some((c) => c.id === req.container || c.name === req.container || (/^[0-9a-f]{12,64}$/.test(req.container) && c.id.startsWith(req.container)))) {
    issues.push({ field: 'container', message: `${who} is already connected to ${network.name}` });
  }
  if (network.name === 'host' || network.name === 'none') issues.push({ field: 'container', message: `A running container cannot be connected to "${network.name}"; choose it when the container is created` });
  const badAlias = req.aliases.find((a) => !aliasPattern.test(a));
  if (badAlias !== undefined) issues.push({ field: 'aliases', message: `The alias "${badAlias}" is not a DNS name: use letters, digits, "_", "." and "-", starting and ending with a letter or digit` });
  else if (req.aliases.length && network.name === 'bridge') issues.push({ field: 'aliases', message: 'The default "bridge" network has no DNS, so aliases do not work there; use a network you created' });

  for (const field of ['ipv4', 'ipv6'] as const) {
    const text = req[field]?.trim();
    if (!text) continue;
    const ip = parseIp(text);
    const version = field === 'ipv4' ? 4 : 6;
    if (!ip) {
      issues.push({ field, message: `"${text}" is not an IPv${version} address` });
      continue;
    }
    if (ip.version !== version) {
      issues.push({ field, message: `"${text}" is an IPv${ip.version} address; put it under IPv${ip.version}` });
      continue;
    }
    const blocks = network.ipam.flatMap((c) => {
      const r = c.subnet ? parseCidr(c.subnet) : undefined;
      return r?.ok && r.cidr.version === version ? [r.cidr] : [];
    });
    if (network.builtIn || !blocks.length) {
      issues.push({ field, message: `A static address needs a network created with a ${version === 4 ? '' : 'IPv6 '}subnet; ${network.name} has none you set` });
    } else if (!blocks.some((b) => contains(b, ip))) {
      issues.push({ field, message: `${text} is outside the subnet${blocks.length > 1 ? 's' : ''} of ${network.name} (${blocks.map((b) => b.text).join(', ')})` });
    } else if (network.containers.some((c) => c[field] === text)) {
      const owner = network.containers.find((c) => c[field] === text)!;
      issues.push({ field, message: `${text} is already used by ${owner.name} on ${network.name}` });
    } else if (network.ipam.some((c) => c.gateway === text)) {
      issues.push({ field, message: `${text} is the gateway of ${network.name}` });
    }
  }
  return issues;
}
