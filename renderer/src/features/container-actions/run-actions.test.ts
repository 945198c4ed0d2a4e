import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { BerthError } from '../../../../contract/index.js';
import { nothingToDoText, progressText, resultText, skipReason, skippedText } from './action-defs.js';
import { createActionsSlice, type ActionsSlice, type BulkProgress } from './action-store.js';
import { planAction, runContainerActions } from './run-actions.js';

const makeStore = () => createStore<ActionsSlice>()((set, get) => createActionsSlice(set, get));

describe('action texts', () => {
  it('counts the item being worked on, and words results', () => {
    expect(progressText('stop', 0, 3)).toBe('Stopping 1 of 3…');
    expect(progressText('stop', 1, 3)).toBe('Stopping 2 of 3…');
    expect(progressText('stop', 3, 3)).toBe('Stopping 3 of 3…');
    expect(progressText('remove', 0, 1)).toBe('Removing…');
    expect(resultText('stop', ['a', 'b', 'c'], 0)).toBe('Stopped 3 containers');
    expect(resultText('start', ['web'], 0)).toBe('Started web');
    expect(resultText('pause', ['web'], 1)).toBe('Could not pause web');
    expect(resultText('kill', ['a', 'b'], 1)).toBe('Could not kill 1 of 2 containers');
  });
});

describe('actions on containers they do not apply to', () => {
  it('names why each is left out', () => {
    expect(skipReason('pause', 'running')).toBeUndefined();
    expect(skipReason('pause', 'exited')).toBe('not running');
    expect(skipReason('pause', 'paused')).toBe('already paused');
    expect(skipReason('unpause', 'running')).toBe('not paused');
    expect(skipReason('start', 'running')).toBe('already running');
    expect(skipReason('kill', 'created')).toBe('not running');
    expect(skipReason('remove', 'removing')).toBe('being removed');
    expect(skipReason('restart', 'exited')).toBeUndefined();
  });

  it('splits a selection into what the action applies to and what it leaves out; a target without a state is kept', () => {
    const plan = planAction('pause', [
      { id: 'a', name: 'web', state: 'running' },
      { id: 'b', name: 'db', state: 'exited' },
      { id: 'c', name: 'cache', state: 'paused' },
      { id: 'd', name: 'unknown' },
    ]);
    expect(plan.apply.map((t) => t.name)).toEqual(['web', 'unknown']);
    expect(plan.skipped).toEqual([
      { name: 'db', reason: 'not running' },
      { name: 'cache', reason: 'already paused' },
    ]);
  });

  it('words what was left out, and a run with nothing to do', () => {
    expect(skippedText([])).toBe('');
    expect(skippedText(['not running'])).toBe('skipped 1 that is not running');
    expect(skippedText(['not running', 'not running', 'being removed'])).toBe('skipped 3 that are not running or being removed');
    expect(nothingToDoText('pause', [{ name: 'db', reason: 'not running' }])).toBe('Nothing to pause: db is not running');
    expect(
      nothingToDoText('kill', [
        { name: 'a', reason: 'not running' },
        { name: 'b', reason: 'not running' },
      ]),
    ).toBe('Nothing to kill: the 2 containers are not running');
  });

  it('says in the result what was skipped', async () => {
    const store = makeStore();
    const api = { pause: async ({ id }: { id: string }) => ({ id, name: id, changed: true }) } as unknown as Parameters<typeof runContainerActions>[0];
    await runContainerActions(api, store, 'pause', [{ id: 'a', name: 'web' }, { id: 'b', name: 'api' }], {}, 'list', ['not running']);
    expect(store.getState().actionNotices.at(-1)).toMatchObject({ tone: 'success', title: 'Paused 2 containers; skipped 1 that is not running' });
  });
});

describe('runContainerActions', () => {
  it('marks pending, reports bulk progress, and lists failures per container in the engine’s words', async () => {
    const store = makeStore();
    const calls: string[] = [];
    const progress: BulkProgress[] = [];
    store.subscribe((s, prev) => {
      if (s.bulkProgress && s.bulkProgress !== prev.bulkProgress) progress.push(s.bulkProgress);
    });
    const api = {
      stop: async ({ id, timeout }: { id: string; timeout?: number }) => {
        calls.push(`${id}:${timeout}`);
        expect(store.getState().pendingActions.get(id)).toBe('stop');
        if (id === 'b') throw new BerthError('CONFLICT', 'Container b-name is paused — unpause it first');
        return { id, name: id, changed: true };
      },
    } as unknown as Parameters<typeof runContainerActions>[0];
    const outcomes = await runContainerActions(
      api,
      store,
      'stop',
      [
        { id: 'a', name: 'a-name' },
        { id: 'b', name: 'b-name' },
        { id: 'c', name: 'c-name' },
      ],
      { timeout: 3 },
      'list',
      [],
      1,
    );
    expect(calls).toEqual(['a:3', 'b:3', 'c:3']);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    expect(progress.map((p) => `${p.done}/${p.total}/${p.failed}`)).toEqual(['0/3/0', '1/3/0', '2/3/1', '3/3/1']);
    const s = store.getState();
    expect(s.pendingActions.size).toBe(0);
    expect(s.bulkProgress).toBeUndefined();
    expect(s.actionNotices).toEqual([
      { id: 1, tone: 'error', scope: 'list', title: 'Could not stop 1 of 3 containers', failures: [{ name: 'b-name', message: 'Container b-name is paused — unpause it first' }] },
    ]);
  });

  it('says where a removed container’s configuration went, and keeps at most a few notices', async () => {
    const store = makeStore();
    const api = { remove: async () => ({ id: 'x', name: 'x', changed: true }) } as unknown as Parameters<typeof runContainerActions>[0];
    for (let i = 0; i < 6; i++) await runContainerActions(api, store, 'remove', [{ id: `x${i}`, name: `web-${i}` }], { volumes: true });
    const notices = store.getState().actionNotices;
    expect(notices).toHaveLength(4);
    expect(notices.at(-1)).toMatchObject({ tone: 'success', title: 'Removed web-5 — configuration kept in Recently removed' });
  });

  it('a container already removed elsewhere is not a failed removal: the others are removed, and the result says it was already gone', async () => {
    const store = makeStore();
    const api = {
      remove: async ({ id }: { id: string }) => {
        if (id === 'f'.repeat(64)) throw new BerthError('NOT_FOUND', `Container ${'f'.repeat(64)} no longer exists`);
        return { id, name: id, changed: true };
      },
    } as unknown as Parameters<typeof runContainerActions>[0];
    const outcomes = await runContainerActions(api, store, 'remove', [
      { id: 'a', name: 'web' },
      { id: 'f'.repeat(64), name: 'gone-one' },
      { id: 'b', name: 'db' },
    ]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, true]);
    expect(outcomes[1]).toMatchObject({ alreadyGone: true });
    expect(store.getState().actionNotices.at(-1)).toMatchObject({
      tone: 'success',
      title: 'Removed 2 containers; skipped 1 that is already removed — configuration kept in Recently removed',
      failures: [],
    });
    await runContainerActions(api, store, 'remove', [{ id: 'f'.repeat(64), name: 'gone-one' }]);
    expect(store.getState().actionNotices.at(-1)).toMatchObject({ tone: 'success', title: 'Nothing to remove: gone-one is already removed', failures: [] });
  });

  it('names a vanished container by its name, not its 64-digit id, when another action fails on it', async () => {
    const store = makeStore();
    const id = 'e'.repeat(64);
    const api = {
      stop: async () => {
        throw new BerthError('NOT_FOUND', `Container ${id} no longer exists`);
      },
    } as unknown as Parameters<typeof runContainerActions>[0];
    const outcomes = await runContainerActions(api, store, 'stop', [{ id, name: 'web' }]);
    expect(outcomes[0]).toMatchObject({ ok: false, message: 'Container web no longer exists' });
    expect(store.getState().actionNotices.at(-1)).toMatchObject({ tone: 'error', title: 'Could not stop web', failures: [{ name: 'web', message: 'Container web no longer exists' }] });
  });
});
