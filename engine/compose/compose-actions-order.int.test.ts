import { beforeAll, describe, expect, it } from 'vitest';
import { readyFileHealthcheck, useComposeTestbed } from '../testing/compose-project.js';
import { ctx, docker, TEST_IMAGE } from '../testing/int-helpers.js';
import { dependsOnLabel } from './project-actions.js';

// A project's start and restart go in dependency order, waiting for each condition (web needs a
// healthy db), and stop goes in reverse, as compose does: all at once, web started before its
// database was ready, and the database stopped under a web still shutting down.

const compose = useComposeTestbed();
let name: string;

// db becomes healthy 2 s after it starts; web takes 2 s to shut down cleanly, db 1 s at most.
const text = `services:
  db:
    image: ${TEST_IMAGE}
    command: ["sh", "-c", "rm -f /tmp/ready; sleep 2; touch /tmp/ready; sleep 3600"]
    stop_grace_period: 1s
${readyFileHealthcheck('500ms', 30)}
  web:
    image: ${TEST_IMAGE}
    command: ["sh", "-c", "trap 'sleep 2; exit 0' TERM; while true; do sleep 1; done"]
    stop_grace_period: 10s
    depends_on:
      db:
        condition: service_healthy
`;

const time = async (c: string, field: 'StartedAt' | 'FinishedAt') => Date.parse(await docker('inspect', '-f', `{{.State.${field}}}`, `${name}-${c}-1`));

beforeAll(async () => {
  ({ name } = await compose.upProject('order', text));
}, 60_000);

describe('compose start, stop and restart follow depends_on', () => {
  it('reads the depends_on label compose v2 writes', () => {
    expect([...dependsOnLabel('db:service_healthy:false,init:service_completed_successfully:true,x')]).toEqual([
      ['db', 'service_healthy'],
      ['init', 'service_completed_successfully'],
      ['x', 'service_started'],
    ]);
    expect(dependsOnLabel('').size).toBe(0);
  });

  it('stops web before db (db stops only once web has finished)', async () => {
    await compose.svc.action({ project: name, action: 'stop' }, ctx());
    expect(await time('db', 'FinishedAt')).toBeGreaterThanOrEqual(await time('web', 'FinishedAt'));
  }, 60_000);

  it('starts web only once db is healthy', async () => {
    await compose.svc.action({ project: name, action: 'start' }, ctx());
    expect((await time('web', 'StartedAt')) - (await time('db', 'StartedAt'))).toBeGreaterThanOrEqual(1900);
    expect(await docker('inspect', '-f', '{{.State.Health.Status}}', `${name}-db-1`)).toBe('healthy');
  }, 60_000);

  it('restarts web only once the restarted db is healthy again', async () => {
    await compose.svc.action({ project: name, action: 'restart' }, ctx());
    // In order: db restarts (1 s stop), is healthy 2 s later, then web restarts (2-3 s stop): web starts
    // about 5 s after db. All at once, web would start about 2 s after db (its stop is that much slower).
    expect((await time('web', 'StartedAt')) - (await time('db', 'StartedAt'))).toBeGreaterThanOrEqual(4000);
  }, 60_000);
});
