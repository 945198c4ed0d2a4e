import { describe, expect, it } from 'vitest';
import { useComposeTestbed } from '../testing/compose-project.js';
import { ctx, docker, TEST_IMAGE } from '../testing/int-helpers.js';

// stop_grace_period is how long a service gets to shut down before SIGKILL. Berth's stop, restart and
// down must honour it (the engine does, from the container's StopTimeout, when no `t` is sent): a
// fixed 10 s killed a database that asked for 30 s, and made a 1 s service wait 10 s.

const compose = useComposeTestbed();

// `sleep` as PID 1 ignores SIGTERM, so only SIGKILL (after the grace period) ends "quick".
// "careful" needs 11 s to shut down cleanly (exit 0), within its 20 s grace period.
const text = `services:
  quick:
    image: ${TEST_IMAGE}
    command: ["sleep", "3600"]
    stop_grace_period: 1s
  careful:
    image: ${TEST_IMAGE}
    command: ["sh", "-c", "trap 'sleep 11; exit 0' TERM; while true; do sleep 1; done"]
    stop_grace_period: 20s
`;

const timed = async (f: () => Promise<unknown>) => {
  const t0 = Date.now();
  await f();
  return Date.now() - t0;
};

describe('compose stop, restart and down honour stop_grace_period', () => {
  it('stops and restarts a service with a 1 s grace period in about 1 s, not 10', async () => {
    const { name: p } = await compose.upProject('grace-quick', text);
    expect(await timed(() => compose.svc.action({ project: p, action: 'stop', service: 'quick' }, ctx()))).toBeLessThan(6000);
    expect(await timed(() => compose.svc.action({ project: p, action: 'restart', service: 'quick' }, ctx()))).toBeLessThan(6000);
    expect(await docker('inspect', '-f', '{{.State.Running}}', `${p}-quick-1`)).toBe('true');
  }, 60_000);

  it('gives a service its longer grace period: stopping the project does not kill it at 10 s', async () => {
    const { name: p } = await compose.upProject('grace-careful', text);
    await compose.svc.action({ project: p, action: 'stop' }, ctx());
    // Exit code 0: it finished its own shutdown; 137 would be SIGKILL.
    expect(await docker('inspect', '-f', '{{.State.ExitCode}}', `${p}-careful-1`)).toBe('0');
  }, 60_000);

  it('takes a project down without waiting 10 s for a service whose grace period is 1 s', async () => {
    const { name: p } = await compose.upProject('grace-down', text.split('  careful:')[0]!);
    expect(await timed(() => compose.svc.down({ project: p, volumes: false, images: 'none' }, ctx()))).toBeLessThan(6000);
    expect(await docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${p}`)).toBe('');
  }, 60_000);
});
