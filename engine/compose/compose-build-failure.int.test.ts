import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useComposeTestbed } from '../testing/compose-project.js';
import { docker, TEST_IMAGE } from '../testing/int-helpers.js';

const compose = useComposeTestbed();

describe('compose up of a service whose build fails', () => {
  it('ends the up with the step that failed, and the back end lives on', async () => {
    const p = compose.project('berth-buildfail', `services:\n  app:\n    build: ./app\n    command: sleep 1000\n`);
    mkdirSync(path.join(p.dir, 'app'));
    writeFileSync(path.join(p.dir, 'app', 'Dockerfile'), `FROM ${TEST_IMAGE}\nRUN exit 3\n`);
    const crashes: unknown[] = [];
    const onCrash = (err: unknown) => crashes.push(err);
    // Before: leaving the build at its failure aborted its request after the answer was read; the
    // request's socket had the signal and no error listener left, and the AbortError ended the process
    // (browser mode's server died with "AbortError: The operation was aborted"). See DockerAdapter.dial.
    process.on('uncaughtException', onCrash);
    try {
      const err = await compose.up([p.file], p.name).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'ENGINE_ERROR', message: `Building "app" failed at step 2: The command '/bin/sh -c exit 3' returned a non-zero code: 3` });
      await new Promise((r) => setTimeout(r, 1000));
      expect(crashes).toEqual([]);
    } finally {
      process.off('uncaughtException', onCrash);
    }
    expect(await docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${p.name}`)).toBe('');
  }, 120_000);
});
