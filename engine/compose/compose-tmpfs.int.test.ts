import { describe, expect, it } from 'vitest';
import { useComposeTestbed } from '../testing/compose-project.js';
import { docker, TEST_IMAGE } from '../testing/int-helpers.js';

const compose = useComposeTestbed();

describe('compose tmpfs sizes on the engine', () => {
  it('mounts the short and the long syntax with the size the file gives', async () => {
    const p = await compose.upProject('tmpfs', `services:
  app:
    image: ${TEST_IMAGE}
    command: ["sleep", "3600"]
    stop_grace_period: 1s
    tmpfs: /short:size=64m
    volumes:
      - type: tmpfs
        target: /long
        tmpfs:
          size: 32m
`);
    const name = `${p.name}-app-1`;
    expect(JSON.parse(await docker('inspect', '-f', '{{json .HostConfig.Tmpfs}}', name))).toEqual({ '/short': 'size=64m' });
    // df -k: the second line's second field is the size in KiB.
    const kib = async (dir: string) => Number((await docker('exec', name, 'df', '-k', dir)).split('\n')[1]!.trim().split(/\s+/)[1]);
    expect(await kib('/short')).toBe(64 * 1024);
    expect(await kib('/long')).toBe(32 * 1024);
  });
});
