import type { ConnectCandidate } from '../../../../contract/domains/network-connect-check.js';
import type { ContainerSummary } from '../../../../contract/model.js';
import type { NetworkSummary } from '../../../../contract/models/networks.js';
import { compareNames } from '../containers/compare-plain.js';

/** A container the Connect dialog offers: what the connect check needs (mode and networks), and its state. */
export type ConnectChoice = ConnectCandidate & Pick<ContainerSummary, 'state'>;

/**
 * The containers as the Connect dialog offers them, by name as people read them: each with its network
 * mode and the names of the networks it is on now (from the live networks), so a container that cannot
 * join (host, another container's network, on "none") is known before Connect is pressed.
 */
export function connectChoices(containers: Iterable<ContainerSummary>, networks: Iterable<NetworkSummary>): ConnectChoice[] {
  const on = new Map<string, string[]>();
  for (const n of networks) for (const c of n.containers) on.set(c.id, [...(on.get(c.id) ?? []), n.name]);
  return [...containers]
    .map((c) => ({ id: c.id, name: c.name, state: c.state, networks: on.get(c.id) ?? [], ...(c.networkMode ? { networkMode: c.networkMode } : {}) }))
    .sort((a, b) => compareNames(a.name, b.name));
}
