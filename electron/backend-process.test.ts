import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngineStatus } from '../contract/index.js';
import { createFakeImplementation } from '../server/testing/fake-implementation.js';
import { BackendProcess } from './backend-process.js';
import { createMainClient } from './main-client.js';
import { playBackendChildren } from './testing/fake-backend-child.js';
import { FakeUtilityProcess, resetFakeElectron } from './testing/fake-electron.js';

// Electron's utilityProcess cannot run here (no Electron binary): the fake forks in-process and the
// child side is the real serveBackend over fake MessagePorts (structured clones, asynchronous).
function statusImpl(generation: number, seen: AbortSignal[]) {
  return createFakeImplementation({
    containers: { list: async () => [{ id: `gen-${generation}` }] },
    engine: {
      statusChanges: async function* (_args: unknown, ctx: { signal: AbortSignal }) {
        seen.push(ctx.signal);
        yield { state: 'running', managed: false, message: `generation ${generation}` } satisfies EngineStatus;
        await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve));
      },
    },
  }).impl;
}

describe('BackendProcess (utilityProcess, fake electron)', () => {
  let signals: AbortSignal[];
  let logs: string[];
  beforeEach(() => {
    resetFakeElectron();
    signals = [];
    logs = [];
  });
  const make = () => new BackendProcess({ entry: '/app/dist/electron/backend.js', args: ['--data-dir', '/d'], log: (l) => logs.push(l), restartDelayMs: 5 });

  it('forks the back end with the launch flags and serves calls over a port', async () => {
    playBackendChildren((g) => statusImpl(g, signals));
    const backend = make();
    backend.start();
    const api = createMainClient(backend);
    await vi.waitFor(() => expect(backend.isRunning).toBe(true));
    expect(FakeUtilityProcess.forked.map((c) => [c.modulePath, c.args])).toEqual([['/app/dist/electron/backend.js', ['--data-dir', '/d']]]);
    expect(await api.containers.list({})).toEqual([{ id: 'gen-0' }]);
  });

  it('restarts a crashed back end and the client resubscribes to it', async () => {
    const backends = playBackendChildren((g) => statusImpl(g, signals));
    const backend = make();
    const statuses: string[] = [];
    backend.onStatus((s) => statuses.push(s));
    backend.start();
    const api = createMainClient(backend);
    const messages: string[] = [];
    const restarted = vi.fn();
    api.engine.statusChanges({}, { next: (e) => messages.push(...e.map((s) => s.message ?? '')), restarted });
    await vi.waitFor(() => expect(messages).toEqual(['generation 0']));

    backends[0]!.child.exit(1); // a crash
    await vi.waitFor(() => expect(messages).toEqual(['generation 0', 'generation 1']));
    expect(statuses).toEqual(['open', 'closed', 'open']);
    expect(restarted).toHaveBeenCalledTimes(1);
    expect(FakeUtilityProcess.forked).toHaveLength(2);
    expect(FakeUtilityProcess.forked[1]!.options.env).toMatchObject({ BERTH_BACKEND_RESTART: '1' });
    expect(logs.join('\n')).toMatch(/exited \(code 1\); restarting/);
    expect(await api.containers.list({})).toEqual([{ id: 'gen-1' }]);
  });

  it('a call made while the back end is down fails at once with TRANSPORT', async () => {
    const backends = playBackendChildren((g) => statusImpl(g, signals));
    const backend = new BackendProcess({ entry: '/b.js', args: [], log: () => undefined, restartDelayMs: 60_000 });
    backend.start();
    const api = createMainClient(backend);
    await vi.waitFor(() => expect(backend.isRunning).toBe(true));
    backends[0]!.child.exit(1);
    await vi.waitFor(() => expect(backend.isRunning).toBe(false));
    await expect(api.containers.list({})).rejects.toMatchObject({ code: 'TRANSPORT' });
    await backend.stop();
  });

  it('stop disposes the back end in its process (the engine Berth started stops) and does not restart it', async () => {
    const backends = playBackendChildren((g) => statusImpl(g, signals));
    const backend = make();
    backend.start();
    const api = createMainClient(backend);
    api.engine.statusChanges({}, { next: () => undefined });
    await vi.waitFor(() => expect(signals).toHaveLength(1));
    await backend.stop();
    expect(backends[0]!.dispose).toHaveBeenCalledTimes(1);
    expect(signals[0]!.aborted).toBe(true);
    await new Promise((r) => setTimeout(r, 30));
    expect(FakeUtilityProcess.forked).toHaveLength(1);
  });

  it('kills a back end that does not stop in time', async () => {
    FakeUtilityProcess.onFork = () => undefined; // a child that never answers
    const backend = new BackendProcess({ entry: '/b.js', args: [], log: (l) => logs.push(l), stopTimeoutMs: 10 });
    backend.start();
    await vi.waitFor(() => expect(backend.isRunning).toBe(true));
    await backend.stop();
    expect(FakeUtilityProcess.forked[0]!.alive).toBe(false);
    expect(logs.join('\n')).toMatch(/did not stop in time/);
  });
});
