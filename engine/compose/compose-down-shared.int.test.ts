import { afterAll, describe, expect, it } from 'vitest';
import { useComposeTestbed } from '../testing/compose-project.js';
import { ctx, docker, TEST_IMAGE } from '../testing/int-helpers.js';

const compose = useComposeTestbed();
const tag = Math.random().toString(36).slice(2, 8);
const shared = `bt-shared-net-${tag}`;
const made: string[] = [];

/** A project whose one service joins the network named `shared` (created by whichever project is up first) and keeps a named volume. */
const file = `services:
  app:
    image: ${TEST_IMAGE}
    command: ["sleep", "3600"]
    stop_grace_period: 1s
    networks: [proxy]
    volumes: [data:/data]
networks:
  proxy:
    name: ${shared}
volumes:
  data:
`;

describe('compose down of a project whose named network another project made', () => {
  afterAll(async () => {
    // The testbed removes the containers; the volumes and the shared network are this test's.
    for (const p of made) await docker('volume', 'rm', '-f', `${p}_data`).catch(() => undefined);
    await docker('network', 'rm', shared).catch(() => undefined);
  });

  it('leaves the other project’s network alone, and still removes its own containers and volumes', async () => {
    const first = await compose.upProject('net-owner', file);
    const second = await compose.upProject('net-guest', file);
    made.push(first.name, second.name);
    const volumes = await docker('volume', 'ls', '-q', '--filter', `label=com.docker.compose.project=${second.name}`);
    expect(volumes).toBe(`${second.name}_data`);

    const plan = await compose.svc.downPlan({ project: second.name, volumes: true, images: 'none', files: [second.file] }, ctx());
    // The network carries the first project's labels: compose v2's down leaves it too.
    expect(plan.networks).toEqual([]);
    const removed = await compose.svc.down({ project: second.name, volumes: true, images: 'none', files: [second.file] }, ctx());
    expect(removed.containers).toEqual([`${second.name}-app-1`]);
    expect(removed.volumes).toEqual([`${second.name}_data`]);
    expect(await docker('volume', 'ls', '-q', '--filter', `label=com.docker.compose.project=${second.name}`)).toBe('');
    expect(await docker('inspect', '-f', '{{.State.Running}}', `${first.name}-app-1`)).toBe('true');
    expect(await docker('network', 'ls', '-q', '--filter', `name=^${shared}$`)).not.toBe('');

    await compose.svc.down({ project: first.name, volumes: true, images: 'none', files: [first.file] }, ctx());
    expect(await docker('network', 'ls', '-q', '--filter', `name=^${shared}$`)).toBe('');
  }, 120_000);
});
