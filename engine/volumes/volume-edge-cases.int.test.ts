import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ctx, docker, TEST_IMAGE } from '../testing/int-helpers.js';
import { useVolumesTestbed } from '../testing/volumes-testbed.js';

const bed = useVolumesTestbed('voledge');
const { prefix } = bed;
const v = () => bed.backend.impl.volumes;

async function* once(data: Buffer): AsyncIterable<Uint8Array> {
  yield data;
}

describe('volume import and mount edge cases', () => {
  it('imports a .tar.bz2 and a .tar.xz, as the import form offers them (the engine decompresses both)', async () => {
    const src = join(bed.dataDir, 'src');
    mkdirSync(join(src, 'docs'), { recursive: true });
    writeFileSync(join(src, 'docs', 'hello.txt'), 'hello\n');
    for (const [flag, ext] of [['-j', 'bz2'], ['-J', 'xz']] as const) {
      const file = join(bed.dataDir, `a.tar.${ext}`);
      execFileSync('tar', ['-C', src, flag, '-cf', file, '.']);
      const bytes = readFileSync(file);
      const name = `${prefix}${ext}`;
      expect(await v().import({ name, create: true, size: bytes.length }, ctx(), once(bytes))).toEqual({ name, bytes: bytes.length });
      expect(await docker('run', '--rm', '--network', 'none', '-v', `${name}:/v`, TEST_IMAGE, 'cat', '/v/docs/hello.txt')).toBe('hello');
    }
  }, 60_000);

  it('says in words why a volume with NFS options cannot be mounted, with the engine’s reason after them', async () => {
    const name = `${prefix}nfs`;
    // Nothing serves NFS on 127.0.0.1 here: the mount fails (no NFS in the kernel, or refused), quickly.
    await v().create({ name, driver: 'local', options: { type: 'nfs', o: 'addr=127.0.0.1,rw,nfsvers=4,soft,timeo=10,retrans=1', device: ':/berth-none' }, labels: {} }, ctx());
    const err = await v().listDir({ name, path: '/' }, ctx()).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ENGINE_ERROR', details: { reason: 'mount-failed' } });
    expect((err as Error).message).toMatch(new RegExp(`^Volume ${name} could not be mounted: .+\\. Engine: mount :/berth-none, data: addr=127\\.0\\.0\\.1,[^ ]*: [a-z ]+$`));
    expect((err as Error).message).not.toMatch(/HTTP code|unexpected|_data/);
  }, 120_000);

  it('never deletes a folder to put an uploaded file of its name there (nor a file for a folder), and still replaces a file', async () => {
    const name = `${prefix}clash`;
    await v().create({ name, driver: 'local', options: {}, labels: {} }, ctx());
    await docker('run', '--rm', '--network', 'none', '-v', `${name}:/v`, TEST_IMAGE, 'sh', '-c', 'mkdir -p /v/keep/inner && echo kept > /v/keep/inner/f.txt && echo old > /v/note.txt');
    const body = Buffer.from('a file\n');
    const err = await v().upload({ name, path: '/', fileName: 'keep', size: body.length }, ctx(), once(body)).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'CONFLICT', message: '/keep is a folder; a file cannot replace it. Rename the file or remove the folder first.' });
    expect(await docker('run', '--rm', '--network', 'none', '-v', `${name}:/v`, TEST_IMAGE, 'cat', '/v/keep/inner/f.txt')).toBe('kept');
    expect(await v().upload({ name, path: '/', fileName: 'note.txt', size: 4 }, ctx(), once(Buffer.from('new\n')))).toEqual({ path: '/note.txt', size: 4 });
    expect(await docker('run', '--rm', '--network', 'none', '-v', `${name}:/v`, TEST_IMAGE, 'cat', '/v/note.txt')).toBe('new');
    // Deleting (which puts an entry in the folder's place) still works.
    await v().deletePath({ name, path: '/keep' }, ctx());
    expect((await v().listDir({ name, path: '/' }, ctx())).entries.map((e) => e.name)).toEqual(['note.txt']);
  }, 60_000);

  it('makes and deletes folders and files whose names are longer than a tar header’s 100 bytes (unicode too)', async () => {
    const name = `${prefix}long`;
    await v().create({ name, driver: 'local', options: {}, labels: {} }, ctx());
    const folder = `dossier-${'é'.repeat(60)}`; // 129 bytes in UTF-8
    const file = `${'f'.repeat(120)}.txt`;
    await docker('run', '--rm', '--network', 'none', '-v', `${name}:/v`, TEST_IMAGE, 'sh', '-c', `echo x > /v/${file} && echo y > /v/${'f'.repeat(100)}`);
    expect(await v().mkdir({ name, path: '/', folder }, ctx())).toEqual({ path: `/${folder}` });
    await v().deletePath({ name, path: `/${file}` }, ctx());
    const names = (await v().listDir({ name, path: '/' }, ctx())).entries.map((e) => `${e.name}${e.kind === 'dir' ? '/' : ''}`);
    expect(names.sort()).toEqual([`${folder}/`, 'f'.repeat(100)].sort());
  }, 60_000);

  it('refuses an empty file as an archive, new volume or existing one, and makes no volume', async () => {
    const name = `${prefix}empty`;
    const refused = { code: 'VALIDATION', message: 'The file is empty (0 bytes): it holds no archive to import. Choose the archive itself' };
    await expect(v().import({ name, create: true, size: 0 }, ctx(), once(Buffer.alloc(0)))).rejects.toMatchObject(refused);
    expect(await docker('volume', 'ls', '-q', '--filter', `name=${name}`)).toBe('');
    await v().create({ name, driver: 'local', options: {}, labels: {} }, ctx());
    await expect(v().import({ name, create: false, size: 0 }, ctx(), once(Buffer.alloc(0)))).rejects.toMatchObject(refused);
  }, 60_000);
});
