import { beforeAll, describe, expect, it } from 'vitest';
import { ctx, docker, TEST_IMAGE, uniquePrefix, useTestBackend } from '../testing/int-helpers.js';

const prefix = `h41-${uniquePrefix('fedit')}`;
let running: string;
let stopped: string;
let paused: string;
let readOnly: string;
let noRm: string;
const volume = `${prefix}ro`;

const bed = useTestBackend(prefix, {
  removeContainers: true,
  cleanup: () => docker('volume', 'rm', '-f', volume).catch(() => undefined),
});

beforeAll(async () => {
  [running, stopped, paused] = await Promise.all([
    docker('run', '-d', '--name', `${prefix}run`, TEST_IMAGE, 'sleep', '300'),
    docker('create', '--name', `${prefix}stopped`, TEST_IMAGE, 'sh'),
    docker('run', '-d', '--name', `${prefix}paused`, TEST_IMAGE, 'sleep', '300'),
  ]);
  await docker('pause', paused);
  await docker('exec', running, 'sh', '-c', 'mkdir -p /data/tree/deep && echo a > /data/tree/deep/a && echo n > /data/note && echo p > /data/plain');
  await docker('run', '--rm', '-v', `${volume}:/ro`, TEST_IMAGE, 'sh', '-c', 'echo kept > /ro/f');
  [readOnly, noRm] = await Promise.all([
    docker('run', '-d', '--name', `${prefix}ro`, '-v', `${volume}:/ro:ro`, TEST_IMAGE, 'sleep', '300'),
    docker('run', '-d', '--name', `${prefix}norm`, TEST_IMAGE, 'sleep', '300'),
  ]);
  await docker('exec', noRm, 'sh', '-c', 'echo x > /victim && rm /bin/rm');
}, 60_000);

const files = () => bed.backend.impl.containers;

/** `ls -ld` of a path in a container that may not run: `docker cp` it out as a tar and read the header. */
async function kindIn(id: string, path: string): Promise<string> {
  const out = await docker('cp', `${id}:${path}`, '-').catch((e: Error) => `missing: ${e.message}`);
  if (out.startsWith('missing')) return 'missing';
  return out.charAt(156) === '5' ? 'dir' : 'file';
}

describe('new folder against the real dockerd', () => {
  it('makes a folder in a running container (mode 0755), and refuses a name already taken', async () => {
    await expect(files().mkdir({ id: running, path: '/data', folder: 'made' }, ctx())).resolves.toEqual({ path: '/data/made' });
    expect(await docker('exec', running, 'stat', '-c', '%F %a', '/data/made')).toBe('directory 755');
    await expect(files().mkdir({ id: running, path: '/data', folder: 'made' }, ctx())).rejects.toMatchObject({ code: 'CONFLICT', message: '/data/made already exists' });
    await expect(files().mkdir({ id: running, path: '/data', folder: 'note' }, ctx())).rejects.toMatchObject({ code: 'CONFLICT', message: '/data/note already exists' });
    expect(await docker('exec', running, 'cat', '/data/note')).toBe('n');
  });

  it('makes a folder with a 150-character name (a PAX header), not cut to 100', async () => {
    const long = 'x'.repeat(150);
    await files().mkdir({ id: running, path: '/data', folder: long }, ctx());
    expect(await docker('exec', running, 'sh', '-c', `test -d /data/${long} && echo yes`)).toBe('yes');
  });

  it('makes a folder in a stopped and in a paused container', async () => {
    await expect(files().mkdir({ id: stopped, path: '/www', folder: 'cold' }, ctx())).resolves.toEqual({ path: '/www/cold' });
    expect(await kindIn(stopped, '/www/cold')).toBe('dir');
    await expect(files().mkdir({ id: paused, path: '/', folder: 'frozen' }, ctx())).resolves.toEqual({ path: '/frozen' });
    expect(await kindIn(paused, '/frozen')).toBe('dir');
  });

  it('says why when the parent is missing or a file', async () => {
    await expect(files().mkdir({ id: running, path: '/nope', folder: 'x' }, ctx())).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'No such file or directory: /nope' });
    await expect(files().mkdir({ id: running, path: '/data/note', folder: 'x' }, ctx())).rejects.toMatchObject({ message: 'Not a directory: /data/note' });
  });
});

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

describe('folder upload against the real dockerd', () => {
  const upload = (id: string, folder: string, name: string, text: string) => {
    const bytes = new TextEncoder().encode(text);
    return files().upload({ id, path: '/data', folder, name, size: bytes.length }, ctx(), once(bytes));
  };

  it('writes a file into a folder tree below the target, making the folders', async () => {
    await expect(upload(running, 'site/css', 'main.css', 'body{}\n')).resolves.toEqual({ path: '/data/site/css/main.css', size: 7 });
    await expect(upload(running, 'site', 'index.html', 'hi\n')).resolves.toEqual({ path: '/data/site/index.html', size: 3 });
    expect(await docker('exec', running, 'sh', '-c', 'cd /data/site && find . | sort && cat css/main.css index.html')).toBe('.\n./css\n./css/main.css\n./index.html\nbody{}\nhi');
    expect(await docker('exec', running, 'stat', '-c', '%F', '/data/site/css')).toBe('directory');
  });

  it('never turns a file into a folder: a clear refusal, the file kept', async () => {
    await expect(upload(running, 'plain/sub', 'x.txt', 'x\n')).rejects.toMatchObject({
      code: 'CONFLICT',
      message: '/data/plain is a file; a folder cannot replace it. Rename the folder or remove the file first.',
    });
    expect(await docker('exec', running, 'cat', '/data/plain')).toBe('p');
  });
});

describe('read-only targets against the real dockerd', () => {
  it('an upload or a new folder in a read-only mount names the mount', async () => {
    const message = `/ro is a read-only mount (volume ${volume}): nothing can be written in it`;
    const bytes = new TextEncoder().encode('x');
    await expect(files().upload({ id: readOnly, path: '/ro', name: 'x.txt', size: 1 }, ctx(), once(bytes))).rejects.toMatchObject({ message });
    await expect(files().mkdir({ id: readOnly, path: '/ro', folder: 'd' }, ctx())).rejects.toMatchObject({ message });
    expect(await docker('exec', readOnly, 'ls', '/ro')).toBe('f');
  });
});

describe('delete against the real dockerd', () => {
  it('deletes a file, and a folder with all it holds, in a running container', async () => {
    await expect(files().deletePath({ id: running, path: '/data/note' }, ctx())).resolves.toBeNull();
    await expect(files().deletePath({ id: running, path: '/data/tree/' }, ctx())).resolves.toBeNull();
    expect(await docker('exec', running, 'ls', '-A', '/data')).not.toMatch(/note|tree/);
    expect(await docker('exec', running, 'sh', '-c', 'test -e /data/note || test -e /data/tree || echo gone')).toBe('gone');
  });

  it('never deletes /, and says so for a missing path', async () => {
    await expect(files().deletePath({ id: running, path: '/' }, ctx())).rejects.toMatchObject({ code: 'VALIDATION', message: 'The root folder “/” cannot be deleted' });
    await expect(files().deletePath({ id: running, path: '/data/nope' }, ctx())).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'No such file or directory: /data/nope' });
    expect(await docker('exec', running, 'ls', '/bin/sh')).toBe('/bin/sh');
  });

  it('refuses on a stopped and on a paused container, and leaves the files', async () => {
    await expect(files().deletePath({ id: stopped, path: '/www/index.html' }, ctx())).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'Start the container to delete files: deleting runs rm inside the container',
    });
    expect(await kindIn(stopped, '/www/index.html')).toBe('file');
    await expect(files().deletePath({ id: paused, path: '/www/index.html' }, ctx())).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'Unpause the container to delete files: deleting runs rm inside the container',
    });
    expect(await kindIn(paused, '/www/index.html')).toBe('file');
  });

  it('gives rm’s reason on a read-only mount, and says when the container has no rm', async () => {
    await expect(files().deletePath({ id: readOnly, path: '/ro/f' }, ctx())).rejects.toMatchObject({
      code: 'ENGINE_ERROR',
      message: expect.stringMatching(/^Could not delete \/ro\/f: rm: can't remove '\/ro\/f': Read-only file system$/),
    });
    expect(await docker('exec', readOnly, 'cat', '/ro/f')).toBe('kept');
    await expect(files().deletePath({ id: noRm, path: '/victim' }, ctx())).rejects.toMatchObject({
      code: 'ENGINE_ERROR',
      message: 'Could not delete /victim: this container has no rm command',
    });
    expect(await docker('exec', noRm, 'cat', '/victim')).toBe('x');
  });
});
