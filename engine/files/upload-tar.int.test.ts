import { beforeAll, describe, expect, it } from 'vitest';
import { ctx, docker, TEST_IMAGE, uniquePrefix, useTestBackend } from '../testing/int-helpers.js';

const prefix = `fx3-${uniquePrefix('upload')}`;
let id: string;

const bed = useTestBackend(prefix, { removeContainers: true });

beforeAll(async () => {
  id = await docker('run', '-d', '--name', `${prefix}run`, TEST_IMAGE, 'sleep', '300');
  // /data/many: a folder of 500 files; /data/note: a file.
  await docker('exec', id, 'sh', '-c', 'mkdir -p /data/many && cd /data/many && for i in $(seq 1 500); do echo $i > f$i; done && echo keep > /data/note');
}, 60_000);

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

const upload = (dir: string, name: string, text: string) => {
  const bytes = new TextEncoder().encode(text);
  return bed.backend.impl.containers.upload({ id, path: dir, name, size: bytes.length }, ctx(), once(bytes));
};

describe('upload against the real dockerd: a file never replaces a folder', () => {
  it('refuses a file named like a folder, with a clear message, and leaves the folder and its 500 files whole', async () => {
    await expect(upload('/data', 'many', 'not a folder\n')).rejects.toMatchObject({
      code: 'CONFLICT',
      message: '/data/many is a folder; a file cannot replace it. Rename the file or remove the folder first.',
    });
    expect(await docker('exec', id, 'sh', '-c', 'test -d /data/many && ls /data/many | wc -l')).toBe('500');
  });

  it('still replaces a file of the same name', async () => {
    await expect(upload('/data', 'note', 'replaced\n')).resolves.toEqual({ path: '/data/note', size: 9 });
    expect(await docker('exec', id, 'cat', '/data/note')).toBe('replaced');
  });
});
