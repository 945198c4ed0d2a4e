import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { container } from '../../testing/fake-api.js';
import { createContainersSlice, type ContainersSlice } from './store.js';

const make = () => createStore<ContainersSlice>()((set, get) => createContainersSlice(set, get));

describe('containers store', () => {
  it('starts idle and empty', () => {
    const s = make().getState();
    expect(s.containersPhase).toBe('idle');
    expect(s.containers.size).toBe(0);
  });

  it('goes live on the first snapshot and applies deltas after', () => {
    const store = make();
    store.getState().containersLoading();
    expect(store.getState().containersPhase).toBe('loading');
    store.getState().applyContainerChanges([{ kind: 'snapshot', items: [container('a')] }]);
    expect(store.getState().containersPhase).toBe('live');
    store.getState().applyContainerChanges([{ kind: 'upsert', item: container('b') }]);
    expect([...store.getState().containers.keys()].sort()).toEqual(['a', 'b']);
  });

  it('does not notify listeners for a batch that changes nothing', () => {
    const store = make();
    store.getState().applyContainerChanges([{ kind: 'snapshot', items: [container('a')] }]);
    let calls = 0;
    store.subscribe(() => calls++);
    store.getState().applyContainerChanges([{ kind: 'remove', id: 'missing' }]);
    store.getState().applyContainerChanges([]);
    expect(calls).toBe(0);
  });

  it('keeps the list on a failure, and a new snapshot clears the error', () => {
    const store = make();
    store.getState().applyContainerChanges([{ kind: 'snapshot', items: [container('a')] }]);
    store.getState().containersFailed('engine went away');
    expect(store.getState().containersPhase).toBe('error');
    expect(store.getState().containers.size).toBe(1);
    store.getState().applyContainerChanges([{ kind: 'snapshot', items: [] }]);
    expect(store.getState().containersPhase).toBe('live');
    expect(store.getState().containersError).toBeUndefined();
  });

  it('forgets everything on reset and on a new load', () => {
    const store = make();
    store.getState().applyContainerChanges([{ kind: 'snapshot', items: [container('a')] }]);
    store.getState().containersReset();
    expect(store.getState().containers.size).toBe(0);
    expect(store.getState().containersPhase).toBe('idle');
  });

  it('drops a failed start\'s notice once its container is removed, or once it runs; keeps it while it still does not run', () => {
    const store = make();
    store.getState().applyContainerChanges([{ kind: 'snapshot', items: [container('a', { name: 'web', state: 'created' }), container('b', { name: 'db', state: 'exited' }), container('c', { name: 'api', state: 'exited' })] }]);
    const failure = (name: string, message = `Port 47851 is already in use`) => ({ tone: 'error' as const, title: `Could not start ${name}`, failures: [{ name, message }], scope: 'list' as const });
    store.getState().pushNotice(failure('web'));
    store.getState().pushNotice(failure('db'));
    store.getState().pushNotice({ tone: 'error', title: 'Could not stop api', failures: [{ name: 'api', message: 'x' }], scope: 'list' });
    store.getState().pushNotice(failure('api'));
    const titles = () => store.getState().actionNotices.map((n) => n.title);

    store.getState().applyContainerChanges([{ kind: 'upsert', item: container('c', { name: 'api', state: 'exited', status: 'Exited (1) 1 second ago' }) }]);
    expect(titles()).toEqual(['Could not start web', 'Could not start db', 'Could not stop api', 'Could not start api']);

    store.getState().applyContainerChanges([{ kind: 'remove', id: 'a' }]);
    expect(titles()).toEqual(['Could not start db', 'Could not stop api', 'Could not start api']);
    store.getState().applyContainerChanges([{ kind: 'upsert', item: container('b', { name: 'db', state: 'running' }) }]);
    expect(titles()).toEqual(['Could not stop api', 'Could not start api']);
    // Removed from the CLI: gone from a new snapshot too. Other kinds of failure stay until dismissed.
    store.getState().applyContainerChanges([{ kind: 'snapshot', items: [container('b', { name: 'db' })] }]);
    expect(titles()).toEqual(['Could not stop api']);
  });

  it('toggles a project between collapsed and expanded', () => {
    const store = make();
    store.getState().toggleProjectCollapsed('web');
    expect(store.getState().collapsedProjects.has('web')).toBe(true);
    store.getState().toggleProjectCollapsed('web');
    expect(store.getState().collapsedProjects.has('web')).toBe(false);
  });
});
