import type { BerthApi } from '../../../contract/index.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BerthError } from '../../../contract/index.js';
import { container, createFakeApi, engineInfo, runningStatus } from '../testing/fake-api.js';
import { createAppRuntime } from './runtime.js';

describe('app runtime', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const setup = () => {
    const fake = createFakeApi();
    const opened: string[] = [];
    const runtime = createAppRuntime(fake.api as unknown as BerthApi, { host: 'browser', openUrl: (u) => opened.push(u), connection: { intervalMs: 1000, timeoutMs: 500 } });
    return { fake, runtime, opened, state: () => runtime.store.getState() };
  };

  it('subscribes to engine status once, and watches containers only while the engine runs', () => {
    const { fake, runtime, state } = setup();
    expect(fake.live(fake.statusSubs)).toHaveLength(1);
    // A fresh window asks for the list at once, before the status is known…
    expect(fake.live(fake.watchSubs)).toHaveLength(1);
    expect(state().containersPhase).toBe('loading');
    // …and drops that watch when the status says no engine runs.
    fake.statusSubs[0]?.handlers.next([{ state: 'starting', managed: true, message: 'booting' }]);
    expect(fake.live(fake.watchSubs)).toHaveLength(0);
    expect(state().containersPhase).toBe('idle');
    fake.statusSubs[0]?.handlers.next([runningStatus]);
    expect(fake.live(fake.watchSubs)).toHaveLength(1);
    expect(state().containersPhase).toBe('loading');
    runtime.dispose();
  });

  it('keeps the watch opened before the status when the engine runs, with what it already brought', () => {
    const { fake, runtime, state } = setup();
    fake.watchSubs[0]?.handlers.next([{ kind: 'snapshot', items: [container('a')] }]);
    expect(state().containersPhase).toBe('live');
    fake.statusSubs[0]?.handlers.next([runningStatus]);
    expect(fake.watchSubs).toHaveLength(1);
    expect(fake.watchSubs[0]?.disposed).toBe(false);
    expect([...state().containers.keys()]).toEqual(['a']);
    runtime.dispose();
  });

  it('does not show the error of a watch opened before the status, and opens a new one once an engine runs', () => {
    const { fake, runtime, state } = setup();
    fake.watchSubs[0]?.handlers.error?.(new BerthError('ENGINE_UNAVAILABLE', 'no engine'));
    expect(state().containersPhase).toBe('loading');
    expect(state().containersError).toBeUndefined();
    vi.advanceTimersByTime(5000);
    expect(fake.watchSubs).toHaveLength(1);
    fake.statusSubs[0]?.handlers.next([runningStatus]);
    expect(fake.watchSubs).toHaveLength(2);
    expect(fake.watchSubs[1]?.disposed).toBe(false);
    expect(state().containersPhase).toBe('loading');
    runtime.dispose();
  });

  it('drops the watch opened before the status, and the list, when no engine runs', () => {
    const { fake, runtime, state } = setup();
    fake.watchSubs[0]?.handlers.next([{ kind: 'snapshot', items: [container('a')] }]);
    fake.statusSubs[0]?.handlers.next([{ state: 'stopped', managed: false }]);
    expect(fake.watchSubs[0]?.disposed).toBe(true);
    expect(state().containers.size).toBe(0);
    expect(state().containersPhase).toBe('idle');
    runtime.dispose();
  });

  it('owns the window’s sparkline store: one statsSummary stream while a row retains a container, closed with the runtime', () => {
    const { fake, runtime } = setup();
    const release = runtime.statsSummary.retain('a');
    vi.advanceTimersByTime(0);
    expect(fake.live(fake.summarySubs)).toHaveLength(1);
    fake.summarySubs[0]?.handlers.next([{ kind: 'sample', sample: { id: 'a', cpuPercent: 12.5, memoryBytes: 1 << 20, time: 0 } }]);
    expect(runtime.statsSummary.get('a')).toEqual([12.5]);
    runtime.dispose();
    expect(fake.live(fake.summarySubs)).toHaveLength(0);
    expect(runtime.statsSummary.get('a')).toBeUndefined();
    release();
  });

  it('applies the snapshot then deltas from the watch', () => {
    const { fake, runtime, state } = setup();
    fake.statusSubs[0]?.handlers.next([runningStatus]);
    const watch = fake.watchSubs[0];
    watch?.handlers.next([{ kind: 'snapshot', items: [container('a'), container('b')] }]);
    watch?.handlers.next([{ kind: 'remove', id: 'a' }, { kind: 'upsert', item: container('c', { state: 'exited' }) }]);
    expect(state().containersPhase).toBe('live');
    expect([...state().containers.keys()].sort()).toEqual(['b', 'c']);
    runtime.dispose();
  });

  it('drops the watch and the list when the engine fails, and starts fresh when it is back', () => {
    const { fake, runtime, state } = setup();
    fake.statusSubs[0]?.handlers.next([runningStatus]);
    fake.watchSubs[0]?.handlers.next([{ kind: 'snapshot', items: [container('a')] }]);
    fake.statusSubs[0]?.handlers.next([{ state: 'error', managed: false, message: 'gone' }]);
    expect(fake.watchSubs[0]?.disposed).toBe(true);
    expect(state().containers.size).toBe(0);
    expect(state().containersPhase).toBe('idle');
    fake.statusSubs[0]?.handlers.next([runningStatus]);
    expect(fake.live(fake.watchSubs)).toHaveLength(1);
    runtime.dispose();
  });

  it('does not restart the watch when the same running status is pushed again (reconnect)', () => {
    const { fake, runtime } = setup();
    fake.statusSubs[0]?.handlers.next([runningStatus]);
    fake.statusSubs[0]?.handlers.next([{ ...runningStatus }]);
    expect(fake.watchSubs).toHaveLength(1);
    runtime.dispose();
  });

  it('reopens a watch the back end ended with an error, and shows the error meanwhile', () => {
    const { fake, runtime, state } = setup();
    fake.statusSubs[0]?.handlers.next([runningStatus]);
    fake.watchSubs[0]?.handlers.error?.(new BerthError('ENGINE_ERROR', 'events stream broke'));
    expect(state().containersPhase).toBe('error');
    expect(state().containersError).toBe('events stream broke');
    vi.advanceTimersByTime(1000);
    expect(fake.watchSubs).toHaveLength(2);
    expect(fake.watchSubs[1]?.disposed).toBe(false);
    fake.watchSubs[1]?.handlers.next([{ kind: 'snapshot', items: [container('a')] }]);
    expect(state().containersPhase).toBe('live');
    runtime.dispose();
  });

  it('fetches engine info each time an engine comes up, ignoring stale answers', async () => {
    const { fake, runtime, state } = setup();
    fake.statusSubs[0]?.handlers.next([runningStatus]);
    expect(fake.infoCalls).toHaveLength(1);
    expect(state().engineInfoPhase).toBe('loading');
    runtime.refreshEngineInfo();
    fake.infoCalls[1]?.resolve(engineInfo({ images: 9 }));
    fake.infoCalls[0]?.resolve(engineInfo({ images: 1 }));
    await vi.advanceTimersByTimeAsync(0);
    expect(state().engineInfo?.system.images).toBe(9);
    runtime.refreshEngineInfo();
    fake.infoCalls[2]?.reject(new BerthError('ENGINE_UNAVAILABLE', 'no engine'));
    await vi.advanceTimersByTimeAsync(0);
    expect(state().engineInfoPhase).toBe('error');
    expect(state().engineInfoError).toBe('no engine');
    runtime.dispose();
  });

  it('reports the back end unreachable on a transport failure, and reachable again on the next event', async () => {
    const { fake, runtime, state } = setup();
    expect(state().backend).toBe('connecting');
    fake.statusCalls[0]?.resolve(runningStatus);
    await vi.advanceTimersByTimeAsync(0);
    expect(state().backend).toBe('connected');
    // The probe's answer fills the status when the stream has not spoken yet.
    expect(state().engineStatus?.state).toBe('running');
    await vi.advanceTimersByTimeAsync(1000);
    fake.statusCalls[1]?.reject(new BerthError('TRANSPORT', 'The connection to the Berth back end was lost'));
    await vi.advanceTimersByTimeAsync(0);
    expect(state().backend).toBe('unreachable');
    fake.statusSubs[0]?.handlers.next([runningStatus]);
    expect(state().backend).toBe('connected');
    runtime.dispose();
  });

  it('disposes every subscription', () => {
    const { fake, runtime } = setup();
    fake.statusSubs[0]?.handlers.next([runningStatus]);
    runtime.dispose();
    expect(fake.live(fake.statusSubs)).toHaveLength(0);
    expect(fake.live(fake.watchSubs)).toHaveLength(0);
  });

  it('opens URLs through the host', () => {
    const { runtime, opened } = setup();
    runtime.openUrl('http://localhost:8080');
    expect(opened).toEqual(['http://localhost:8080']);
    runtime.dispose();
  });
});
