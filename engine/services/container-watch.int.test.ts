import { describe, expect, it } from 'vitest';
import type { Change, ContainerSummary } from '../../contract/model.js';
import { ctx, docker, nextMatching, TEST_IMAGE, uniquePrefix, useTestBackend } from '../testing/int-helpers.js';

/**
 * dockerd 20.10 sends pause/unpause (and die) before its container list shows them: a client that
 * re-read the list at each event got the old state in 13 of 30 pauses and 22 of 30 unpauses. The
 * watch must still end on the engine's state after every event.
 */
const prefix = uniquePrefix('race');
const ROUNDS = 15;

const bed = useTestBackend(prefix, { removeContainers: true });

function openWatch(signal: AbortSignal) {
  return bed.backend.impl.containers.watch({}, ctx(signal))[Symbol.asyncIterator]() as AsyncIterator<Change<ContainerSummary>>;
}

const stateOf = (id: string) => (c: Change<ContainerSummary>) => (c.kind === 'upsert' && c.item.id === id ? c.item.state : undefined);

describe('container watch against the real dockerd: pause/unpause race', () => {
  it(`shows paused, then running, after each of ${ROUNDS} quick docker pause / unpause rounds`, async () => {
    const id = await docker('run', '-d', '--name', `${prefix}steps`, TEST_IMAGE, 'sleep', '600');
    const ctl = new AbortController();
    const watch = openWatch(ctl.signal);
    try {
      await nextMatching(watch, (c) => c.kind === 'snapshot');
      const state = stateOf(id);
      for (let i = 0; i < ROUNDS; i++) {
        await docker('pause', id);
        await nextMatching(watch, (c) => state(c) === 'paused', 5000);
        await docker('unpause', id);
        await nextMatching(watch, (c) => state(c) === 'running', 5000);
      }
    } finally {
      ctl.abort();
    }
  }, 120_000);

  it('ends on the engine state after a burst of pauses and unpauses sent without waiting', async () => {
    const id = await docker('run', '-d', '--name', `${prefix}burst`, TEST_IMAGE, 'sleep', '600');
    const ctl = new AbortController();
    const watch = openWatch(ctl.signal);
    let last: string | undefined;
    const follow = (async () => {
      for (;;) {
        const r = await watch.next();
        if (r.done) return;
        if (r.value.kind === 'snapshot') last = r.value.items.find((c) => c.id === id)?.state;
        else last = stateOf(id)(r.value) ?? last;
      }
    })();
    try {
      for (let i = 0; i < ROUNDS; i++) {
        await docker('pause', id);
        await docker('unpause', id);
      }
      await docker('pause', id);
      const truth = await docker('inspect', '-f', '{{.State.Status}}', id);
      expect(truth).toBe('paused');
      const deadline = Date.now() + 5000;
      while (last !== truth && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(last).toBe(truth);
      // And it stays there: no late stale answer overwrites it.
      await new Promise((r) => setTimeout(r, 300));
      expect(last).toBe(truth);
    } finally {
      ctl.abort();
      await follow.catch(() => undefined);
    }
  }, 120_000);
});
