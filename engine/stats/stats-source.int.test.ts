import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDockerAdapter } from '../adapter/docker-adapter.js';
import { routeFor } from '../adapter/engine-route.js';
import { toBerthError } from '../errors.js';
import { docker, removeContainers, TEST_IMAGE, TEST_SOCKET, uniquePrefix } from '../testing/int-helpers.js';
import { engineStatsSource } from './stats-source.js';

const prefix = uniquePrefix('held');
const source = engineStatsSource(createDockerAdapter({ socketPath: TEST_SOCKET }, { host: `unix://${TEST_SOCKET}`, source: 'DOCKER_HOST' }));
let busy: string;

beforeAll(async () => {
  busy = await docker('run', '-d', '--name', `${prefix}busy`, TEST_IMAGE, 'sh', '-c', 'while :; do :; done');
});
afterAll(() => removeContainers(prefix));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('held stats streams against the real dockerd', () => {
  it('connects over the engine socket itself (not through dockerode)', () => {
    expect(routeFor({ socketPath: TEST_SOCKET }).raw).toEqual({ target: { socketPath: TEST_SOCKET }, prefix: '' });
  });

  it('keeps the samples the engine sent between drains, whole and in order; an idle drain returns none', async () => {
    const ctl = new AbortController();
    const held = await source.hold(busy, ctl.signal);
    try {
      await sleep(3200);
      const lines = await held.drain();
      expect(lines.length).toBeGreaterThanOrEqual(2);
      const samples = lines.map((l) => JSON.parse(l) as { id: string; read: string; cpu_stats: { cpu_usage: { total_usage: number } } });
      for (const s of samples) expect(s.id).toBe(busy);
      for (let i = 1; i < samples.length; i++) expect(Date.parse(samples[i]!.read)).toBeGreaterThan(Date.parse(samples[i - 1]!.read));
      expect(await held.drain()).toEqual([]);
      expect(held.ended).toBe(false);
    } finally {
      held.close();
    }
    expect(held.ended).toBe(true);
  });

  it('sees the end when the container stops', async () => {
    const id = await docker('run', '-d', '--name', `${prefix}short`, TEST_IMAGE, 'sleep', '600');
    const held = await source.hold(id, new AbortController().signal);
    await docker('stop', '-t', '0', id);
    let ended = false;
    for (let i = 0; i < 40 && !ended; i++) {
      const lines = await held.drain();
      ended = held.ended || lines.some((l) => l.includes('"read":"0001-01-01'));
      if (!ended) await sleep(250);
    }
    held.close();
    expect(ended).toBe(true);
  });

  it('an unknown container is the engine 404 in readable words', async () => {
    const err = await source.hold(`${prefix}nope`, new AbortController().signal).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(toBerthError(err)).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining(`${prefix}nope`) });
  });

  it('a cancelled open rejects as cancelled', async () => {
    const ctl = new AbortController();
    const p = source.hold(busy, ctl.signal);
    ctl.abort();
    await expect(p.then(() => 'opened', (e: unknown) => toBerthError(e).code)).resolves.toBe('CANCELLED');
  });
});
