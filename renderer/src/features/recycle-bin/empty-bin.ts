import type { RecycleBinListing } from '../../../../contract/models/recycle-bin.js';
import { messageOf } from '../../lib/error-message.js';

/** One thing in Recently removed, as the Empty dialog lists and deletes it. */
export interface BinItem {
  id: string;
  name: string;
  kind: 'container' | 'volume';
}

/** Everything the listing holds: containers' configurations, then volumes' copies. */
export function binItems(listing: RecycleBinListing | undefined): BinItem[] {
  if (!listing) return [];
  return [
    ...listing.entries.map((e) => ({ id: e.id, name: e.name, kind: 'container' as const })),
    ...listing.volumes.map((v) => ({ id: v.id, name: v.name, kind: 'volume' as const })),
  ];
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "2 containers’ configurations and 1 volume’s copy", for the question and its outcome. */
export function describeItems(items: readonly BinItem[]): string {
  const containers = items.filter((i) => i.kind === 'container').length;
  const volumes = items.length - containers;
  const parts = [
    containers ? `the configuration${containers === 1 ? '' : 's'} of ${count(containers, 'container', 'containers')}` : '',
    volumes ? `the cop${volumes === 1 ? 'y' : 'ies'} of ${count(volumes, 'volume', 'volumes')}` : '',
  ].filter(Boolean);
  return parts.join(' and ');
}

/**
 * Deletes exactly the items the user was shown (one that arrived after the question stays), one by one
 * so one failure does not keep the rest. An item already gone (expired, deleted in another window)
 * counts as deleted. Resolves with what could not be deleted and why, in a sentence; undefined when
 * every item went.
 */
export async function deleteItems(items: readonly BinItem[], remove: (id: string) => Promise<unknown>): Promise<string | undefined> {
  const failed: string[] = [];
  for (const item of items) {
    try {
      await remove(item.id);
    } catch (err) {
      if ((err as { code?: unknown } | null)?.code !== 'NOT_FOUND') failed.push(`${item.name}: ${messageOf(err)}`);
    }
  }
  if (!failed.length) return undefined;
  return `${count(failed.length, 'item', 'items')} could not be deleted (${failed.join('; ')}). The others were deleted.`;
}
