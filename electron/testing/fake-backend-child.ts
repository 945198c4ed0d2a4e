import { vi } from 'vitest';
import { contract, createDispatcher, type BerthImplementation } from '../../contract/index.js';
import { serveBackend, type ParentPortLike } from '../backend-child.js';
import { FakeUtilityProcess } from './fake-electron-desktop.js';

/**
 * Plays the back end's utility process in tests: every fork serves a fresh implementation (made by
 * `makeImpl`) through the real serveBackend, as backend-entry.ts does in Electron. Each child's
 * back end records start and dispose.
 */
export function playBackendChildren(makeImpl: (generation: number) => BerthImplementation) {
  const backends: { start: ReturnType<typeof vi.fn>; dispose: ReturnType<typeof vi.fn>; child: FakeUtilityProcess }[] = [];
  FakeUtilityProcess.onFork = (child) => {
    const backend = { impl: makeImpl(backends.length), start: vi.fn(async () => undefined), dispose: vi.fn(async () => undefined), child };
    backends.push(backend);
    serveBackend(child.parentPort as unknown as ParentPortLike, backend, () => child.exit(0), createDispatcher(contract, backend.impl, { batchMs: 1 }));
  };
  return backends;
}
