import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BerthApi, EngineStatus } from '../contract/index.js';
import { createFakeImplementation } from '../server/testing/fake-implementation.js';
import { BackendProcess } from './backend-process.js';
import { registerIpcRouter } from './ipc.js';
import { exposeBerthBridge } from './preload-bridge.js';
import { playBackendChildren } from './testing/fake-backend-child.js';
import { attachRenderer, contextBridge, FakeWebContents, resetFakeElectron } from './testing/fake-electron.js';

// A page (preload client over fake IPC) → router → BackendProcess → fake utility process running the
// real serveBackend. The child then crashes: the page is told, and resubscribes to the new one.
describe('a page across a back-end restart', () => {
  beforeEach(() => resetFakeElectron());

  it('hears closed then open, fails its pending call, and resubscribes', async () => {
    const hang = new Promise(() => undefined);
    const backends = playBackendChildren((generation) =>
      createFakeImplementation({
        containers: { list: () => (generation === 0 ? hang : Promise.resolve([])) },
        engine: {
          statusChanges: async function* (_a: unknown, ctx: { signal: AbortSignal }) {
            yield { state: 'running', managed: false, message: `gen ${generation}` } satisfies EngineStatus;
            await new Promise((r) => ctx.signal.addEventListener('abort', r));
          },
        },
      }).impl,
    );
    const backend = new BackendProcess({ entry: '/b.js', args: [], log: () => undefined, restartDelayMs: 5 });
    backend.start();
    await vi.waitFor(() => expect(backend.isRunning).toBe(true));
    registerIpcRouter({ dispatcher: backend, backendStatus: backend, openExternal: async () => undefined, log: () => undefined });
    const contents = new FakeWebContents();
    await contents.loadURL('app://berth/index.html');
    attachRenderer(contents);
    exposeBerthBridge();
    const berth = contextBridge.exposed.berth as BerthApi;
    const host = contextBridge.exposed.berthHost as { onBackendStatus(cb: (s: string) => void): () => void };
    const statuses: string[] = [];
    host.onBackendStatus((s) => statuses.push(s));

    const seen: string[] = [];
    const restarted = vi.fn();
    berth.engine.statusChanges({}, { next: (e) => seen.push(...e.map((s) => s.message ?? '')), restarted });
    await vi.waitFor(() => expect(seen).toEqual(['gen 0']));
    const pending = berth.containers.list({});

    backends[0]!.child.exit(139);
    await expect(pending).rejects.toMatchObject({ code: 'TRANSPORT' });
    await vi.waitFor(() => expect(seen).toEqual(['gen 0', 'gen 1']));
    expect(statuses).toEqual(['closed', 'open']);
    expect(restarted).toHaveBeenCalledTimes(1);
    expect(await berth.containers.list({})).toEqual([]);
  });
});
