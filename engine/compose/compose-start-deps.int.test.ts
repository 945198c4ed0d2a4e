import { beforeAll, describe, expect, it } from 'vitest';
import { useComposeTestbed } from '../testing/compose-project.js';
import { ctx, docker, TEST_IMAGE } from '../testing/int-helpers.js';

// Starting one service starts what it depends on, first and in order, as `docker compose up web`
// does: before, Start on web alone tried web with its database stopped.

const compose = useComposeTestbed();
let name: string;

const text = `services:
  db:
    image: ${TEST_IMAGE}
    command: ["sh", "-c", "rm -f /tmp/ready; sleep 1; touch /tmp/ready; sleep 3600"]
    stop_grace_period: 1s
    healthcheck:
      test: ["CMD", "test", "-f", "/tmp/ready"]
      interval: 500ms
      retries: 30
  api:
    image: ${TEST_IMAGE}
    command: ["sleep", "3600"]
    stop_grace_period: 1s
    depends_on:
      db:
        condition: service_healthy
  web:
    image: ${TEST_IMAGE}
    command: ["sleep", "3600"]
    stop_grace_period: 1s
    depends_on:
      api:
        condition: service_started
  tools:
    image: ${TEST_IMAGE}
    command: ["sleep", "3600"]
    stop_grace_period: 1s
`;

const state = (c: string) => docker('inspect', '-f', '{{.State.Status}}', `${name}-${c}-1`);
const started = async (c: string) => Date.parse(await docker('inspect', '-f', '{{.State.StartedAt}}', `${name}-${c}-1`));

beforeAll(async () => {
  ({ name } = await compose.upProject('startdeps', text));
  await compose.svc.action({ project: name, action: 'stop' }, ctx());
}, 90_000);

describe('starting one compose service', () => {
  it('starts its stopped dependencies first (db healthy, then api, then web), and nothing else', async () => {
    const r = await compose.svc.action({ project: name, action: 'start', service: 'web' }, ctx());
    expect(r.containers).toEqual([`${name}-api-1`, `${name}-db-1`, `${name}-web-1`]);
    for (const c of ['db', 'api', 'web']) expect(await state(c)).toBe('running');
    expect(await state('tools')).toBe('exited');
    expect(await started('api')).toBeGreaterThanOrEqual((await started('db')) + 900);
    expect(await started('web')).toBeGreaterThanOrEqual(await started('api'));
  }, 60_000);

  it('stops only the service asked for (its dependencies keep running)', async () => {
    const r = await compose.svc.action({ project: name, action: 'stop', service: 'web' }, ctx());
    expect(r.containers).toEqual([`${name}-web-1`]);
    expect(await state('db')).toBe('running');
  }, 60_000);
});
