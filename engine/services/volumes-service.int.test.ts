import { beforeAll, describe, expect, it } from 'vitest';
import type { ByteDownload } from '../../contract/define.js';
import type { DownloadHead } from '../../contract/models/container-files.js';
import type { VolumeJobEvent } from '../../contract/models/volumes.js';
import { HELPER_LABEL } from '../volumes/helper-label.js';
import { createHelper, sweepHelpers } from '../volumes/volume-helper.js';
import { ctx, docker, TEST_IMAGE, testEngine } from '../testing/int-helpers.js';
import { useVolumesTestbed } from '../testing/volumes-testbed.js';

const bed = useVolumesTestbed('vol');
const { prefix } = bed;
const v = () => bed.backend.impl.volumes;

async function bytesOf(d: ByteDownload<DownloadHead>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of d.body) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
}

async function* once(data: Buffer): AsyncIterable<Uint8Array> {
  yield data;
}

async function drain(it: AsyncIterable<VolumeJobEvent>): Promise<VolumeJobEvent[]> {
  const out: VolumeJobEvent[] = [];
  for await (const e of it) out.push(e);
  return out;
}

/** What the volume holds, as `find` sees it, with file contents. */
const contentOf = (name: string) => docker('run', '--rm', '-v', `${name}:/v`, TEST_IMAGE, 'sh', '-c', 'cd /v && find . | sort && cat $(find . -type f | sort)');
/** Helpers that mount this file's volumes (others may run at the same time on this engine). */
const helpers = async () =>
  (await docker('ps', '-a', '--no-trunc', '--filter', `label=${HELPER_LABEL}`, '--format', '{{.ID}} {{.Mounts}}'))
    .split('\n')
    .filter((l) => l.includes(prefix))
    .map((l) => l.split(' ')[0]);

describe('volumes service', () => {
  const name = `${prefix}data`;

  beforeAll(async () => {
    await v().create({ name, driver: 'local', options: {}, labels: { team: 'blue' } }, ctx());
    await docker('run', '--rm', '-v', `${name}:/v`, TEST_IMAGE, 'sh', '-c', 'mkdir -p /v/docs/deep && echo hello > /v/docs/hello.txt && echo deep > /v/docs/deep/x && ln -s /etc/passwd /v/link');
  }, 60_000);

  it('refuses a driver the engine does not have at once, naming it (the engine alone looks for 15 s)', async () => {
    const bad = `${prefix}nodriver`;
    const started = Date.now();
    await expect(v().create({ name: bad, driver: 'berth-no-such-driver', options: {}, labels: {} }, ctx())).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/^This engine has no volume driver named "berth-no-such-driver"\. Its volume drivers: (.+, )?local(, .+)?\. /),
      details: { reason: 'volume-driver-unknown' },
    });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await docker('volume', 'ls', '-q', '--filter', `name=${bad}`)).toBe('');
  }, 40_000);

  it('creates with labels, refuses a taken name, and lists who uses a volume', async () => {
    await expect(v().create({ name, driver: 'local', options: {}, labels: {} }, ctx())).rejects.toMatchObject({ code: 'CONFLICT', message: `A volume named ${name} already exists` });
    const user = await docker('create', '--name', `${prefix}user`, '-v', `${name}:/data`, TEST_IMAGE, 'true');
    try {
      const listed = (await v().list({}, ctx())).find((x) => x.name === name);
      expect(listed).toMatchObject({ driver: 'local', labels: { team: 'blue' }, anonymous: false, usedBy: [{ id: user, name: `${prefix}user`, running: false }] });
      await expect(v().remove({ name, keep: false }, ctx())).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining(`${prefix}user`) });
    } finally {
      await docker('rm', '-f', user);
    }
  }, 30_000);

  it('lists a folder, makes a folder, uploads, downloads and deletes, leaving no helper behind', async () => {
    const root = await v().listDir({ name, path: '/' }, ctx());
    expect(root.entries.map((e) => [e.name, e.kind])).toEqual([
      ['docs', 'dir'],
      ['link', 'symlink'],
    ]);
    expect((await v().listDir({ name, path: '/docs' }, ctx())).entries.map((e) => `${e.name}:${e.size}`)).toEqual(['deep:0', 'hello.txt:6']);
    await v().mkdir({ name, path: '/docs', folder: 'new' }, ctx());
    await expect(v().mkdir({ name, path: '/docs', folder: 'new' }, ctx())).rejects.toMatchObject({ code: 'CONFLICT' });
    const data = Buffer.from('uploaded bytes\n');
    expect(await v().upload({ name, path: '/docs/new', fileName: 'up.txt', size: data.length }, ctx(), once(data))).toEqual({ path: '/docs/new/up.txt', size: data.length });
    const file = await v().download({ name, path: '/docs/new/up.txt' }, ctx());
    expect(file.head).toEqual({ fileName: 'up.txt', kind: 'file', size: data.length });
    expect((await bytesOf(file)).toString()).toBe('uploaded bytes\n');
    await v().deletePath({ name, path: '/docs/new' }, ctx());
    await expect(v().listDir({ name, path: '/docs/new' }, ctx())).rejects.toMatchObject({ code: 'NOT_FOUND', message: `No such file or folder in volume ${name}: /docs/new` });
    await expect(v().listDir({ name, path: '/docs/hello.txt' }, ctx())).rejects.toMatchObject({ code: 'VALIDATION', message: 'Not a folder: /docs/hello.txt' });
    await expect(v().listDir({ name: `${prefix}missing`, path: '/' }, ctx())).rejects.toMatchObject({ code: 'NOT_FOUND', message: `No such volume: ${prefix}missing` });
    expect(await helpers()).toEqual([]);
    // A helper is never listed as a container.
    expect((await bed.backend.impl.containers.list({ all: true }, ctx())).some((c) => c.labels[HELPER_LABEL])).toBe(false);
  }, 60_000);

  it('exports a .tar.gz that imports into a new volume with the same files, and clones', async () => {
    const exported = await bytesOf(await v().export({ name }, ctx()));
    expect(exported.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    const copy = `${prefix}imported`;
    expect(await v().import({ name: copy, create: true, size: exported.length }, ctx(), once(exported))).toEqual({ name: copy, bytes: exported.length });
    expect(await contentOf(copy)).toBe(await contentOf(name));
    await expect(v().import({ name: copy, create: false, size: exported.length }, ctx(), once(exported))).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('not empty') });
    const clone = `${prefix}clone`;
    const events = await drain(v().clone({ source: name, target: clone }, ctx()));
    expect(events.at(-1)).toMatchObject({ type: 'done', volume: clone });
    expect(await contentOf(clone)).toBe(await contentOf(name));
    expect(JSON.parse(await docker('volume', 'inspect', clone, '--format', '{{json .Labels}}'))).toEqual({ team: 'blue' });
    await drain(v().empty({ name: clone }, ctx()));
    expect((await v().listDir({ name: clone, path: '/' }, ctx())).entries).toEqual([]);
    expect(await helpers()).toEqual([]);
  }, 60_000);

  it('refuses a file that is no tar archive, or one cut short, in words a user can act on, and leaves no new volume', async () => {
    const notTar = Buffer.alloc(20_000, 'PK not a tar archive ');
    const bad = `${prefix}notar`;
    await expect(v().import({ name: bad, create: true, size: notTar.length }, ctx(), once(notTar))).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'The file is not a tar archive: choose a .tar, or a .tar.gz, .tar.bz2 or .tar.xz (a .zip is not read). Nothing was imported.',
    });
    const exported = await bytesOf(await v().export({ name }, ctx()));
    const cut = exported.subarray(0, Math.floor(exported.length / 2));
    await expect(v().import({ name: bad, create: true, size: cut.length }, ctx(), once(cut))).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/^The archive ends too soon: it was cut short .*Nothing was imported\.$/),
    });
    expect(await docker('volume', 'ls', '-q', '--filter', `name=${bad}`)).toBe('');
    expect(await helpers()).toEqual([]);
  }, 60_000);

  it('clones a volume larger than the transfer buffers (it stalled at about 800 KiB when one helper both read and wrote)', async () => {
    const big = `${prefix}big`;
    const copy = `${prefix}bigcopy`;
    await docker('run', '--rm', '-v', `${big}:/v`, TEST_IMAGE, 'sh', '-c', 'dd if=/dev/urandom of=/v/blob bs=1M count=6 2>/dev/null && echo end > /v/z.txt');
    const sum = (vol: string) => docker('run', '--rm', '-v', `${vol}:/v`, TEST_IMAGE, 'sh', '-c', 'cd /v && md5sum blob z.txt');
    const events = await Promise.race([drain(v().clone({ source: big, target: copy }, ctx())), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the clone stalled for 20 s')), 20_000))]);
    expect(events.at(-1)).toMatchObject({ type: 'done', volume: copy });
    expect(await sum(copy)).toBe(await sum(big));
    expect(await helpers()).toEqual([]);
  }, 60_000);

  it('a cancelled clone leaves no half-made volume and no helper behind', async () => {
    const target = `${prefix}cancelled`;
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 50);
    await expect(drain(v().clone({ source: name, target }, ctx(ctl.signal)))).rejects.toBeDefined();
    await expect.poll(() => docker('volume', 'ls', '-q', '--filter', `name=${target}`), { timeout: 10_000 }).toBe('');
    await expect.poll(helpers, { timeout: 10_000 }).toEqual([]);
  }, 30_000);

  it('a clone cancelled before it starts ends at once, leaving no volume and no helper (it hung with both)', async () => {
    const target = `${prefix}cancelledearly`;
    const ctl = new AbortController();
    ctl.abort();
    const outcome = await Promise.race([drain(v().clone({ source: name, target }, ctx(ctl.signal))).then(() => 'done', (e: Error) => e.message), new Promise((r) => setTimeout(() => r('hung'), 15_000))]);
    expect(outcome).toBe('The clone was cancelled');
    await expect.poll(() => docker('volume', 'ls', '-q', '--filter', `name=${target}`), { timeout: 10_000 }).toBe('');
    await expect.poll(helpers, { timeout: 10_000 }).toEqual([]);
  }, 45_000);

  it('removes into the recycle bin and restores name, labels and data', async () => {
    const before = await contentOf(name);
    const plan = await v().removePlan({ name }, ctx());
    expect(plan).toMatchObject({ name, usedBy: [], fits: true });
    expect(plan.bytes).toBeGreaterThan(0);
    const removed = await v().remove({ name, keep: true }, ctx());
    expect(removed.keptAs).toMatch(/^[a-z0-9-]+$/);
    await expect(docker('volume', 'inspect', name)).rejects.toThrow();
    const listing = await bed.backend.impl.recycleBin.list({}, ctx());
    expect(listing.volumes.find((e) => e.id === removed.keptAs)).toMatchObject({ name, labels: { team: 'blue' } });
    expect(await bed.backend.impl.recycleBin.restoreVolume({ id: removed.keptAs! }, ctx())).toEqual({ name });
    expect(await contentOf(name)).toBe(before);
    expect(JSON.parse(await docker('volume', 'inspect', name, '--format', '{{json .Labels}}'))).toEqual({ team: 'blue' });
    expect((await bed.backend.impl.recycleBin.list({}, ctx())).volumes.some((e) => e.id === removed.keptAs)).toBe(false);
  }, 60_000);

  it('sweeps helper containers a crash left behind, so they never keep blocking `docker volume rm`', async () => {
    const engine = testEngine();
    try {
      const id = await createHelper(engine, [{ volume: name, target: '/v' }]);
      expect(await helpers()).toEqual([id]);
      await expect(docker('volume', 'rm', name)).rejects.toThrow(/in use/);
      expect(await sweepHelpers(engine)).toBeGreaterThanOrEqual(1);
      expect(await helpers()).toEqual([]);
    } finally {
      engine.dispose();
    }
  }, 30_000);

  it('prunes: the plan lists unused volumes with sizes, the prune removes (and keeps copies if asked)', async () => {
    const [p1, p2] = [`${prefix}p1`, `${prefix}p2`];
    for (const n of [p1, p2]) await docker('run', '--rm', '-v', `${n}:/v`, TEST_IMAGE, 'sh', '-c', 'head -c 4096 /dev/zero > /v/f');
    const plan = await v().prunePlan({ all: true }, ctx());
    expect(plan.volumes.filter((x) => x.name.startsWith(`${prefix}p`))).toEqual([
      { name: p1, bytes: 4096, anonymous: false, fits: true },
      { name: p2, bytes: 4096, anonymous: false, fits: true },
    ]);
    expect((await v().prunePlan({ all: false }, ctx())).volumes.some((x) => x.name === p1)).toBe(false);
    const result = await v().prune({ names: [p1, p2], keep: true }, ctx());
    expect(result).toEqual({ removed: [p1, p2], kept: [p1, p2], failed: [], spaceFreed: 8192 });
    const bin = await bed.backend.impl.recycleBin.list({}, ctx());
    for (const e of bin.volumes.filter((x) => x.name === p1 || x.name === p2)) await bed.backend.impl.recycleBin.delete({ id: e.id }, ctx());
  }, 60_000);

  it('refuses to keep a volume over the limit, and says so', async () => {
    await bed.backend.impl.recycleBin.setVolumeLimit({ bytes: 3 }, ctx());
    try {
      await expect(v().remove({ name, keep: true }, ctx())).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'too-large' } });
      expect(await docker('volume', 'inspect', name, '--format', '{{.Name}}')).toBe(name);
    } finally {
      await bed.backend.impl.recycleBin.setVolumeLimit({ bytes: 1024 ** 3 }, ctx());
    }
  }, 30_000);
});
