import { describe, expect, it } from 'vitest';
import type { Change } from '../../../contract/index.js';
import { byId, hasSnapshot, reduceLive, type LiveMap } from './live-collection.js';

interface Item {
  id: string;
  v: number;
}

const item = (id: string, v = 0): Item => ({ id, v });
const empty: LiveMap<Item> = new Map();
const reduce = (map: LiveMap<Item>, changes: Change<Item>[]) => reduceLive(map, changes, byId);

describe('reduceLive', () => {
  it('applies an event storm in batches to the same result as one change at a time', () => {
    let seed = 3;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const changes: Change<Item>[] = [{ kind: 'snapshot', items: Array.from({ length: 200 }, (_, i) => item(`i${i}`)) }];
    for (let n = 0; n < 2000; n++) {
      const id = `i${rnd(300)}`;
      changes.push(rnd(5) === 0 ? { kind: 'remove', id } : { kind: 'upsert', item: item(id, n) });
    }
    let oneByOne = empty;
    for (const c of changes) oneByOne = reduce(oneByOne, [c]);
    let batched = empty;
    for (let i = 0; i < changes.length; i += 137) batched = reduce(batched, changes.slice(i, i + 137));
    expect(batched).toEqual(oneByOne);
    // Check against a plain replay.
    const truth = new Map<string, Item>();
    for (const c of changes) {
      if (c.kind === 'snapshot') for (const i of c.items) truth.set(i.id, i);
      else if (c.kind === 'upsert') truth.set(c.item.id, c.item);
      else truth.delete(c.id);
    }
    expect(batched).toEqual(truth);
  });

  it('a resync snapshot replaces everything, including changes queued before it in the batch', () => {
    const before = reduce(empty, [{ kind: 'snapshot', items: [item('a'), item('b')] }]);
    const after = reduce(before, [{ kind: 'upsert', item: item('z') }, { kind: 'snapshot', items: [item('c')] }, { kind: 'upsert', item: item('c', 1) }]);
    expect([...after.values()]).toEqual([item('c', 1)]);
    expect([...before.keys()]).toEqual(['a', 'b']);
  });

  it('out of order: a remove of an unknown id is ignored, and an upsert after a remove brings the item back', () => {
    const start = reduce(empty, [{ kind: 'snapshot', items: [item('a')] }]);
    expect(reduce(start, [{ kind: 'remove', id: 'ghost' }])).toBe(start);
    const m = reduce(start, [{ kind: 'remove', id: 'a' }, { kind: 'remove', id: 'a' }, { kind: 'upsert', item: item('a', 2) }]);
    expect([...m.values()]).toEqual([item('a', 2)]);
  });

  it('returns the same map when nothing changed and skips items without a key', () => {
    const start = reduce(empty, [{ kind: 'upsert', item: item('a') }]);
    expect(reduce(start, [])).toBe(start);
    const bad = [{ kind: 'upsert', item: null }, { kind: 'upsert', item: { v: 1 } }] as unknown as Change<Item>[];
    expect(reduce(start, bad)).toBe(start);
  });

  it('hasSnapshot says when a batch makes the list complete', () => {
    expect(hasSnapshot([{ kind: 'remove', id: 'a' }])).toBe(false);
    expect(hasSnapshot([{ kind: 'remove', id: 'a' }, { kind: 'snapshot', items: [] }])).toBe(true);
  });
});
