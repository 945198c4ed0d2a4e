import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../contract/model.js';
import { ctx, docker, nextMatching, TEST_DOCKER_HOST, TEST_IMAGE, uniquePrefix, useTestBackend } from '../testing/int-helpers.js';

const prefix = uniquePrefix('engsvc');

const bed = useTestBackend(prefix, { removeContainers: true });

describe('engine service against the real dockerd', () => {
  it('reports the endpoint it found through DOCKER_HOST', async () => {
    expect(await bed.backend.impl.engine.status({}, ctx())).toEqual({
      state: 'running',
      managed: false,
      endpoint: { host: TEST_DOCKER_HOST, source: 'DOCKER_HOST' },
      provider: 'native',
      why: 'You chose an engine that already runs (--engine native).',
    });
  });

  it('info has real versions, storage driver, cpus and counts', async () => {
    const info = await bed.backend.impl.engine.info({}, ctx());
    const cli = JSON.parse(await docker('info', '--format', '{{json .}}')) as { Containers: number; Images: number; NCPU: number; ServerVersion: string };
    expect(info.client.berthVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(info.client.dockerodeVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(info.client.apiVersion).toMatch(/^1\.\d+$/);
    expect(info.server.version).toBe(cli.ServerVersion);
    expect(info.server.apiVersion).toMatch(/^1\.\d+$/);
    expect(info.server.minApiVersion).toMatch(/^1\.\d+$/);
    expect(info.server.goVersion).toMatch(/^go/);
    expect(info.server.containerdVersion).toBeTruthy();
    expect(info.server.runcVersion).toBeTruthy();
    expect(info.server.initVersion).toBeTruthy();
    expect(info.system.storageDriver).toBe('overlay2');
    expect(info.system.cpus).toBeGreaterThan(0);
    expect(info.system.cpus).toBe(cli.NCPU);
    expect(info.system.memTotal).toBeGreaterThan(0);
    expect(info.system.kernelVersion).not.toBe('');
    expect(info.system.images).toBeGreaterThanOrEqual(1);
    expect(info.system.containers).toBe(info.system.containersRunning + info.system.containersPaused + info.system.containersStopped);
  });

  it('streams engine events, filtered by type', async () => {
    const ctl = new AbortController();
    const events = bed.backend.impl.engine.events({ types: ['container'] }, ctx(ctl.signal))[Symbol.asyncIterator]();
    const seen: EngineEvent[] = [];
    const id = await docker('create', '--name', `${prefix}ev`, TEST_IMAGE, 'true');
    const created = await nextMatching(events, (e) => e.id === id && e.action === 'create', 30_000, seen);
    expect(created).toMatchObject({ type: 'container', name: `${prefix}ev`, attributes: { image: TEST_IMAGE } });
    expect(Math.abs(created.time - Date.now())).toBeLessThan(60_000);
    expect(seen.every((e) => e.type === 'container')).toBe(true);
    ctl.abort();
    await expect(events.next()).resolves.toMatchObject({ done: true });
  });
});
