import { MAX_MAX_ENTRIES, MIN_MAX_ENTRIES } from '../../../../contract/domains/recycle-bin.js';
import type { RecycleBinListing } from '../../../../contract/models/recycle-bin.js';

const range = `from ${MIN_MAX_ENTRIES} to ${MAX_MAX_ENTRIES.toLocaleString('en-US')}`;

/**
 * The "Keep at most … entries" field of Settings, read as typed: empty is not 0, and every refusal
 * says which bound it broke and the whole range.
 */
export function parseMaxEntries(text: string): { maxEntries: number } | { error: string } {
  const t = text.trim().replace(/[,_\s]/g, '');
  if (!t) return { error: `Enter a number of entries, ${range}.` };
  if (!/^-?\d+$/.test(t)) return { error: `The entry limit must be a whole number of entries, ${range}.` };
  const n = Number(t);
  if (n < MIN_MAX_ENTRIES) return { error: `Too few: Recently removed keeps at least ${MIN_MAX_ENTRIES} entries (${range}).` };
  if (n > MAX_MAX_ENTRIES) return { error: `Too many: Recently removed keeps at most ${MAX_MAX_ENTRIES.toLocaleString('en-US')} entries (${range}).` };
  return { maxEntries: n };
}

/**
 * What a limit of `maxEntries` drops at once (the back end keeps the newest that many, containers and
 * volumes together): "name (container)", "name (volume)", oldest first. Empty: nothing goes.
 */
export function droppedWithLimit(listing: Pick<RecycleBinListing, 'entries' | 'volumes'>, maxEntries: number): string[] {
  const all = [...listing.entries.map((e) => ({ ...e, kind: 'container' })), ...listing.volumes.map((v) => ({ ...v, kind: 'volume' }))];
  return all
    .sort((a, b) => b.removedAt - a.removedAt || b.id.localeCompare(a.id))
    .slice(maxEntries)
    .reverse()
    .map((e) => `${e.name} (${e.kind})`);
}
