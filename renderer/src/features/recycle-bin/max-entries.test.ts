import { describe, expect, it } from 'vitest';
import { droppedWithLimit, parseMaxEntries } from './max-entries.js';

describe('the entry limit field', () => {
  it('reads a whole number from 10 to 1,000, and says which bound a refused value broke', () => {
    expect(parseMaxEntries(' 250 ')).toEqual({ maxEntries: 250 });
    expect(parseMaxEntries('1,000')).toEqual({ maxEntries: 1000 });
    expect(parseMaxEntries('')).toEqual({ error: 'Enter a number of entries, from 10 to 1,000.' });
    expect(parseMaxEntries('12.5')).toEqual({ error: 'The entry limit must be a whole number of entries, from 10 to 1,000.' });
    expect(parseMaxEntries('5')).toEqual({ error: 'Too few: Recently removed keeps at least 10 entries (from 10 to 1,000).' });
    expect(parseMaxEntries('-3')).toEqual({ error: 'Too few: Recently removed keeps at least 10 entries (from 10 to 1,000).' });
    expect(parseMaxEntries('5000')).toEqual({ error: 'Too many: Recently removed keeps at most 1,000 entries (from 10 to 1,000).' });
  });

  it('names what a lower limit drops at once: the oldest beyond it, containers and volumes together', () => {
    const c = (name: string, removedAt: number) => ({ id: name, name, removedAt });
    const listing = { entries: [c('web', 3), c('db', 1)], volumes: [c('data', 2)] } as never;
    expect(droppedWithLimit(listing, 1)).toEqual(['db (container)', 'data (volume)']);
    expect(droppedWithLimit(listing, 3)).toEqual([]);
  });
});
