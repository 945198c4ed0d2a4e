import { describe, expect, it } from 'vitest';
import type { Change, ContainerSummary } from '../../contract/model.js';
import { ctx, docker, nextMatching, TEST_IMAGE, uniquePrefix, useTestBackend } from '../testing/int-helpers.js';

const prefix = uniquePrefix('ctr');

const bed = useTestBackend(prefix, { removeContainers: true });

describe('containers service against the real dockerd', () => {
  it('lists a container started with the CLI, with its compose project and ports', async () => {
    const name = `${prefix}list`;
    const id = await docker('run', '-d', '--name', name, '--label', 'com.docker.compose.project=proj', '--label', 'com.docker.compose.service=web', '-p', '127.0.0.1::8080', TEST_IMAGE, 'sleep', '300');
    const list = await bed.backend.impl.containers.list({ all: true }, ctx());
    const c = list.find((x) => x.id === id);
    expect(c).toMatchObject({ name, image: TEST_IMAGE, state: 'running', composeProject: 'proj', composeService: 'web', command: 'sleep 300' });
    expect(c?.status).toMatch(/^Up /);
    // When "Up …" counts from: just now (the container was started moments ago), so the UI can keep it current.
    expect(Math.abs((c?.statusSince ?? 0) - Date.now())).toBeLessThan(60_000);
    expect(Math.abs((c?.created ?? 0) - Date.now())).toBeLessThan(120_000);
    expect(c?.ports).toEqual([{ ip: '127.0.0.1', privatePort: 8080, publicPort: expect.any(Number), type: 'tcp' }]);

    await docker('stop', '-t', '0', id);
    const running = await bed.backend.impl.containers.list({ all: false }, ctx());
    expect(running.some((x) => x.id === id)).toBe(false);
    const all = await bed.backend.impl.containers.list({ all: true }, ctx());
    expect(all.find((x) => x.id === id)?.state).toBe('exited');
  });

  it('watch: snapshot, then upsert on create/start, exited after stop, remove after rm', async () => {
    const ctl = new AbortController();
    const watch = bed.backend.impl.containers.watch({}, ctx(ctl.signal))[Symbol.asyncIterator]();
    const seen: Change<ContainerSummary>[] = [];
    const first = await nextMatching(watch, () => true, 30_000, seen);
    expect(first.kind).toBe('snapshot');

    const name = `${prefix}watch`;
    const id = await docker('run', '-d', '--name', name, '--label', 'com.docker.compose.project=proj', TEST_IMAGE, 'sleep', '300');
    const up = await nextMatching(watch, (c) => c.kind === 'upsert' && c.item.id === id && c.item.state === 'running', 30_000, seen);
    expect(up.kind === 'upsert' && up.item).toMatchObject({ name, composeProject: 'proj' });

    await docker('stop', '-t', '0', id);
    const stopped = await nextMatching(watch, (c) => c.kind === 'upsert' && c.item.id === id && c.item.state === 'exited', 30_000, seen);
    expect(stopped.kind === 'upsert' && stopped.item.status).toMatch(/^Exited/);

    await docker('rm', id);
    await nextMatching(watch, (c) => c.kind === 'remove' && c.id === id, 30_000, seen);
    // Never a whole-list refetch per event: only one snapshot so far.
    expect(seen.filter((c) => c.kind === 'snapshot')).toHaveLength(1);

    ctl.abort();
    await expect(watch.next()).resolves.toMatchObject({ done: true });
  });

  it('watch: a rename re-reads just that container', async () => {
    const id = await docker('create', '--name', `${prefix}old`, TEST_IMAGE, 'true');
    const ctl = new AbortController();
    const watch = bed.backend.impl.containers.watch({}, ctx(ctl.signal))[Symbol.asyncIterator]();
    const first = await nextMatching(watch, () => true);
    expect(first.kind === 'snapshot' && first.items.find((c) => c.id === id)?.name).toBe(`${prefix}old`);
    await docker('rename', `${prefix}old`, `${prefix}new`);
    const renamed = await nextMatching(watch, (c) => c.kind === 'upsert' && c.item.id === id);
    expect(renamed.kind === 'upsert' && renamed.item).toMatchObject({ name: `${prefix}new`, state: 'created' });
    ctl.abort();
  });
});
