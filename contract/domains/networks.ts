import { z } from 'zod';
import { method, stream } from '../define.js';
import type { Change } from '../model.js';
import type { NetworkCapabilities, NetworkPrunePreview, NetworkPruneResult, NetworkSummary } from '../models/networks.js';
import { containerIdSchema } from './container-id.js';
import { networkCreateSchema } from './network-create-spec.js';

const none = z.object({}).strict();

/** A network id (or a prefix of it) or name. */
export const networkRefSchema = z
  .string({ error: 'expected a network id or name (text)' })
  .trim()
  .min(1, 'a network id or name is needed')
  .max(256, 'a network id or name is at most 256 characters')
  .regex(/^[^\s/?#]+$/, 'a network id or name has no spaces, "/", "?" or "#"');

const aliasSchema = z
  .string()
  .trim()
  .min(1, 'an alias cannot be empty')
  .max(253, 'an alias is at most 253 characters')
  .regex(/^[a-zA-Z0-9]([a-zA-Z0-9_.-]*[a-zA-Z0-9])?$/, 'an alias is a DNS name: letters, digits, "_", "." and "-", starting and ending with a letter or digit');

const ipText = z.string().trim().max(64, 'an IP address is at most 64 characters').optional();

export const networkConnectSchema = z
  .object({
    network: networkRefSchema,
    container: containerIdSchema,
    aliases: z.array(aliasSchema).max(32, 'at most 32 aliases').default([]),
    /** A static IPv4 address inside one of the network's subnets (user-defined networks only). */
    ipv4: ipText,
    ipv6: ipText,
  })
  .strict();
export type NetworkConnectArgs = z.input<typeof networkConnectSchema>;

export const networksApi = {
  /** Every network with its blocks and the containers attached (with their addresses and aliases). */
  list: method<NetworkSummary[]>()(none),
  /** A snapshot, then one delta per change (network and container events). */
  watch: stream<Change<NetworkSummary>>()(none),
  /** Which drivers this engine can create now (overlay only in a swarm). */
  capabilities: method<NetworkCapabilities>()(none),
  /** Create a network; checked first against the engine's networks (overlap, name in use). */
  create: method<NetworkSummary>()(networkCreateSchema),
  /** Remove a user-defined network; refused, naming them, while containers are attached. The engine's own are protected. */
  remove: method<void>()(z.object({ network: networkRefSchema }).strict()),
  /** The networks a prune would remove, before asking. */
  prunePreview: method<NetworkPrunePreview>()(none),
  /** Remove every user-defined network no container uses. */
  prune: method<NetworkPruneResult>()(none),
  /** Attach a container, with aliases and an optional static IP. */
  connect: method<void>()(networkConnectSchema),
  /** Detach a container (force: even when the engine cannot reach the endpoint cleanly). */
  disconnect: method<void>()(z.object({ network: networkRefSchema, container: containerIdSchema, force: z.boolean().default(false) }).strict()),
};
