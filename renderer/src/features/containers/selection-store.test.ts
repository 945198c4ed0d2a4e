import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { container } from '../../testing/fake-api.js';
import { selectContainerRows, selectVisibleIds } from './selectors.js';
import { createContainersSlice, type ContainersSlice } from './store.js';

const make = () => createStore<ContainersSlice>()((set, get) => createContainersSlice(set, get));

describe('containers store: sort and selection', () => {
  it('sorts by a column, flipping on the second click, and the rows follow', () => {
    const store = make();
    const s = () => store.getState();
    s().applyContainerChanges([
      { kind: 'snapshot', items: [container('1', { name: 'b', image: 'zz' }), container('2', { name: 'a', image: 'yy' }), container('3', { name: 'c', image: 'xx' })] },
    ]);
    const names = () => selectVisibleIds(selectContainerRows(s())).map((id) => s().containers.get(id)!.name);
    expect(names()).toEqual(['a', 'b', 'c']);
    s().sortContainersBy('name');
    expect(names()).toEqual(['c', 'b', 'a']);
    s().sortContainersBy('image');
    expect(s().containerSort).toEqual({ key: 'image', dir: 'asc' });
    expect(names()).toEqual(['c', 'a', 'b']);
  });

  it('toggles and sets the selection, and forgets removed containers', () => {
    const store = make();
    const s = () => store.getState();
    s().applyContainerChanges([{ kind: 'snapshot', items: [container('a'), container('b'), container('c')] }]);
    s().toggleSelected('a');
    s().toggleSelected('b');
    s().toggleSelected('a');
    expect([...s().selectedIds]).toEqual(['b']);
    s().setSelection(['a', 'b', 'c']);
    s().applyContainerChanges([{ kind: 'remove', id: 'b' }]);
    expect([...s().selectedIds].sort()).toEqual(['a', 'c']);
    const before = s().selectedIds;
    s().applyContainerChanges([{ kind: 'upsert', item: container('d') }]);
    expect(s().selectedIds).toBe(before);
    s().containersReset();
    expect(s().selectedIds.size).toBe(0);
  });

  it('tracks the focused row without needless updates', () => {
    const store = make();
    let updates = 0;
    store.subscribe(() => updates++);
    store.getState().setFocusedContainer('a');
    store.getState().setFocusedContainer('a');
    expect(store.getState().focusedId).toBe('a');
    expect(updates).toBe(1);
  });
});
