import { describe, expect, it } from 'vitest';
import type { BerthError } from '../../contract/errors.js';
import { useComposeTestbed } from '../testing/compose-project.js';
import { docker, TEST_IMAGE } from '../testing/int-helpers.js';

const compose = useComposeTestbed();

describe('compose up where several services fail on their own', () => {
  it('names every one of them, not only the first; a service that only waited on a failed one is not repeated', async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const holder = `bt-up-fail-holder-${Math.random().toString(36).slice(2, 8)}`;
    await docker('run', '-d', '--name', holder, '-p', `127.0.0.1:${port}:80`, TEST_IMAGE, 'sleep', '600');
    try {
      const p = compose.project('up-fails', `services:
  web:
    image: ${TEST_IMAGE}
    command: ["sleep", "600"]
    stop_grace_period: 1s
    ports: ["127.0.0.1:${port}:80"]
  seed:
    image: ${TEST_IMAGE}
    command: ["sh", "-c", "exit 3"]
  api:
    image: ${TEST_IMAGE}
    command: ["sleep", "600"]
    depends_on:
      seed:
        condition: service_completed_successfully
  proxy:
    image: ${TEST_IMAGE}
    command: ["sleep", "600"]
    depends_on: [web]
`);
      const failure = await compose.up([p.file], p.name).then(
        () => undefined,
        (e: BerthError) => e,
      );
      expect(failure?.message).toBe(
        `2 services failed: web: Port ${port} is already in use by container ${holder}; api: "seed" exited with code 3; services that need it to complete successfully were not started`,
      );
      expect(failure?.details).toEqual({
        problems: [
          { code: 'CONFLICT', message: `web: Port ${port} is already in use by container ${holder}` },
          { code: 'CONFLICT', message: 'api: "seed" exited with code 3; services that need it to complete successfully were not started' },
        ],
      });
    } finally {
      await docker('rm', '-f', holder).catch(() => undefined);
    }
  }, 120_000);
});
