import { describe, expect, it } from 'vitest';
import { container } from '../../testing/fake-api.js';
import { reduceContainers, type ContainerMap } from './reducer.js';

const empty: ContainerMap = new Map();

describe('reduceContainers', () => {
  it('replaces everything with a snapshot', () => {
    const before = reduceContainers(empty, [{ kind: 'snapshot', items: [container('a'), container('b')] }]);
    const after = reduceContainers(before, [{ kind: 'snapshot', items: [container('c')] }]);
    expect([...after.keys()]).toEqual(['c']);
  });

  it('adds and replaces with upsert, keyed by id', () => {
    let m = reduceContainers(empty, [{ kind: 'upsert', item: container('a', { state: 'created' }) }]);
    m = reduceContainers(m, [{ kind: 'upsert', item: container('a', { state: 'running' }) }]);
    expect(m.size).toBe(1);
    expect(m.get('a')?.state).toBe('running');
  });

  it('removes by id', () => {
    const m = reduceContainers(empty, [{ kind: 'snapshot', items: [container('a'), container('b')] }, { kind: 'remove', id: 'a' }]);
    expect([...m.keys()]).toEqual(['b']);
  });

  it('applies a batch in order (upsert after remove brings it back)', () => {
    const m = reduceContainers(empty, [
      { kind: 'upsert', item: container('a') },
      { kind: 'remove', id: 'a' },
      { kind: 'upsert', item: container('a', { name: 'again' }) },
    ]);
    expect(m.get('a')?.name).toBe('again');
  });

  it('is idempotent: the same batch twice gives the same list', () => {
    const batch = [
      { kind: 'upsert' as const, item: container('a') },
      { kind: 'upsert' as const, item: container('b') },
      { kind: 'remove' as const, id: 'b' },
    ];
    const once = reduceContainers(empty, batch);
    const twice = reduceContainers(once, batch);
    expect([...twice.entries()]).toEqual([...once.entries()]);
  });

  it('never mutates its input', () => {
    const start = reduceContainers(empty, [{ kind: 'upsert', item: container('a') }]);
    reduceContainers(start, [{ kind: 'remove', id: 'a' }, { kind: 'upsert', item: container('z') }]);
    expect([...start.keys()]).toEqual(['a']);
  });

  it('returns the same map when nothing changed (unknown remove, empty batch)', () => {
    const start = reduceContainers(empty, [{ kind: 'upsert', item: container('a') }]);
    expect(reduceContainers(start, [{ kind: 'remove', id: 'nope' }])).toBe(start);
    expect(reduceContainers(start, [])).toBe(start);
  });
});
