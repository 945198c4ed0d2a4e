import { describe, expect, it } from 'vitest';
import type { BerthError } from '../../contract/errors.js';
import { useComposeTestbed } from '../testing/compose-project.js';
import { ctx, TEST_IMAGE } from '../testing/int-helpers.js';

const compose = useComposeTestbed();

describe('compose external resources', () => {
  it('names every missing external network and volume in one error', async () => {
    const tag = Math.random().toString(36).slice(2, 8);
    const p = compose.project('ext', `services:
  app:
    image: ${TEST_IMAGE}
    command: ["sleep", "3600"]
    networks: [outside]
    volumes: [data:/d]
networks:
  outside:
    external: true
    name: bt-missing-net-${tag}
volumes:
  data:
    external: true
    name: bt-missing-vol-${tag}
`);
    const failure = await (async () => {
      for await (const e of compose.svc.up({ files: [p.file], projectName: p.name }, ctx())) void e;
    })().then(
      () => undefined,
      (e: BerthError) => e,
    );
    expect(failure?.code).toBe('NOT_FOUND');
    expect(failure?.message).toContain(`The external network "bt-missing-net-${tag}" does not exist`);
    expect(failure?.message).toContain(`The external volume "bt-missing-vol-${tag}" does not exist`);
  });
});
