import type { NetworkContainerRef, NetworkSummary } from '../../contract/models/networks.js';
import { containerPath } from '../adapter/calls.js';
import type { EngineAdapter } from '../adapter/engine-adapter.js';
import { attachments, hasAliases, mapNetwork, type RawNetwork, type RawNetworkedContainer } from './network-mapping.js';

/** What the network list reads from the engine (a fake in unit tests). */
export interface NetworkReader {
  /** Every network, with the containers attached. */
  all(signal?: AbortSignal): Promise<NetworkSummary[]>;
  /** These networks (by id or name), each by the key asked for; one that is gone is left out. */
  some(keys: readonly string[], signal?: AbortSignal): Promise<Map<string, NetworkSummary>>;
  /** Which containers are on which network, by network id, read once for all. */
  attachments(signal?: AbortSignal): Promise<Map<string, NetworkContainerRef[]>>;
}

interface RawInspectNetworks {
  NetworkSettings?: { Networks?: Record<string, { EndpointID?: string; Aliases?: string[] | null }> | null };
}

/**
 * Network reads through the engine adapter. Attachments come from one GET /containers/json?all=1;
 * aliases (which that list leaves null) from an inspect per running endpoint on a user-defined
 * network, cached by endpoint id: a new connect makes a new endpoint, so the cache is never stale.
 */
export function engineNetworkReader(engine: EngineAdapter): NetworkReader {
  let aliasCache = new Map<string, string[]>();

  const readAttachments = async (signal?: AbortSignal, networks?: readonly RawNetwork[]) => {
    const [containers, nets] = await Promise.all([
      engine.json<RawNetworkedContainer[]>({ path: '/containers/json', query: { all: 1 }, signal }),
      networks ?? engine.json<RawNetwork[]>({ path: '/networks', signal }),
    ]);
    const next = new Map<string, string[]>();
    const toInspect = new Set<string>();
    for (const c of containers) {
      for (const [name, ep] of Object.entries(c.NetworkSettings?.Networks ?? {})) {
        if (!c.Id || !ep?.EndpointID || !hasAliases(name)) continue;
        const cached = aliasCache.get(ep.EndpointID);
        if (cached) next.set(ep.EndpointID, cached);
        else toInspect.add(c.Id);
      }
    }
    await eachLimited([...toInspect], 8, async (id) => {
      const raw = await engine.json<RawInspectNetworks>({ path: `${containerPath(id)}/json`, signal }).catch(() => undefined);
      for (const ep of Object.values(raw?.NetworkSettings?.Networks ?? {})) if (ep.EndpointID) next.set(ep.EndpointID, ep.Aliases ?? []);
    });
    aliasCache = next;
    const idByName = new Map(nets.flatMap((n) => (n.Id && n.Name ? [[n.Name, n.Id] as const] : [])));
    return attachments(containers, (endpoint) => next.get(endpoint), idByName);
  };

  const one = async (key: string, signal?: AbortSignal): Promise<RawNetwork | undefined> => {
    try {
      return await engine.json<RawNetwork>({ path: `/networks/${encodeURIComponent(key)}`, signal });
    } catch (err) {
      if ((err as { statusCode?: unknown }).statusCode === 404) return undefined;
      throw err;
    }
  };

  return {
    attachments: (signal) => readAttachments(signal),
    async all(signal) {
      const networks = await engine.json<RawNetwork[]>({ path: '/networks', signal });
      const attached = await readAttachments(signal, networks);
      return networks.map((n) => mapNetwork(n, attached.get(n.Id ?? '') ?? [])).sort((a, b) => a.name.localeCompare(b.name));
    },
    async some(keys, signal) {
      const [raws, attached] = await Promise.all([Promise.all(keys.map((k) => one(k, signal))), readAttachments(signal)]);
      const out = new Map<string, NetworkSummary>();
      raws.forEach((raw, i) => raw?.Id && out.set(keys[i]!, mapNetwork(raw, attached.get(raw.Id) ?? [])));
      return out;
    },
  };
}

async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
