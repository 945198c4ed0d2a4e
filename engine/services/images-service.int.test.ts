import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../contract/model.js';
import type { ImageSummary, TransferEvent } from '../../contract/models/images.js';
import { ctx, docker, nextMatching, TEST_IMAGE, testConnection, uniquePrefix, useTestBackend } from '../testing/int-helpers.js';
import { createImagesService } from './images-service.js';

const prefix = uniquePrefix('img');
const repoName = `${prefix.replace(/-$/, '')}`;
const local = `berth-int/${repoName}:multi`;
const remote = `127.0.0.1:5000/berth-e2e/${repoName}:1`;
const authed = `127.0.0.1:5001/berth-e2e/${repoName}:1`;

async function collect(iterable: AsyncIterable<TransferEvent>): Promise<TransferEvent[]> {
  const events: TransferEvent[] = [];
  for await (const e of iterable) events.push(e);
  return events;
}

const bed = useTestBackend(prefix, {
  removeContainers: true,
  beforeStart: async (dataDir) => {
    const ctxDir = join(dataDir, 'ctx');
    rmSync(ctxDir, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(ctxDir));
    writeFileSync(join(ctxDir, 'Dockerfile'), `FROM ${TEST_IMAGE}\nRUN echo one > /one\nRUN dd if=/dev/urandom of=/two bs=1k count=200\nCOPY three /three\nEXPOSE 8080/tcp\nVOLUME /data\n`);
    writeFileSync(join(ctxDir, 'three'), `${prefix}\n`.repeat(2000));
    await docker('build', '-q', '--no-cache', '-t', local, ctxDir);
  },
  cleanup: () => docker('rmi', '-f', local, remote, authed).catch(() => undefined),
});

describe('images service against the real dockerd and the local registry', () => {
  it('lists the image with size, shared/unique size, and the containers using it', async () => {
    const name = `${prefix}user`;
    await docker('create', '--name', name, local, 'true');
    const list = await bed.backend.impl.images.list({}, ctx());
    const img = list.find((i) => i.repoTags.includes(local));
    expect(img).toBeDefined();
    expect(img!.size).toBeGreaterThan(200_000);
    expect(img!.sharedSize).toBeGreaterThan(0);
    expect(img!.uniqueSize).toBe(img!.size - img!.sharedSize!);
    expect(img!.containers.map((c) => c.name)).toContain(name);

    await expect(bed.backend.impl.images.remove({ image: local, force: false }, ctx())).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(new RegExp(`^Image ${local.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is used by container ${name} \\(created\\)`)),
    });
    await docker('rm', name);
  });

  it('a forced removal of an image a running container uses is refused, saying that even force cannot', async () => {
    const name = `${prefix}runner`;
    await docker('run', '-d', '--name', name, local, 'sleep', '60');
    try {
      await expect(bed.backend.impl.images.remove({ image: local, force: true }, ctx())).rejects.toMatchObject({
        code: 'CONFLICT',
        message: expect.stringMatching(new RegExp(`is used by container ${name} \\(running\\) — stop it first: even force cannot remove`)),
      });
    } finally {
      await docker('rm', '-f', name);
    }
  });

  it('inspect and history give a readable summary and each step', async () => {
    const d = await bed.backend.impl.images.inspect({ id: local }, ctx());
    expect(d.exposedPorts).toEqual(['8080/tcp']);
    expect(d.volumes).toEqual(['/data']);
    expect(d.layerCount).toBeGreaterThanOrEqual(4);
    const h = await bed.backend.impl.images.history({ id: local }, ctx());
    expect(h.map((x) => x.instruction)).toEqual(expect.arrayContaining(['RUN echo one > /one', 'EXPOSE 8080/tcp']));
    expect(h.find((x) => x.instruction.startsWith('RUN dd'))?.size).toBe(200 * 1024);
    await expect(bed.backend.impl.images.inspect({ id: 'berth-int/nothing-here:1' }, ctx())).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('tags, pushes to 127.0.0.1:5000, removes locally, and pulls back with per-layer events; the watch sees it', async () => {
    const ctl = new AbortController();
    const watch = bed.backend.impl.images.watch({}, ctx(ctl.signal))[Symbol.asyncIterator]() as AsyncIterator<Change<ImageSummary>>;
    expect((await nextMatching(watch, () => true)).kind).toBe('snapshot');

    await expect(bed.backend.impl.images.tag({ source: local, target: remote }, ctx())).resolves.toEqual({ target: remote });
    const tagged = await nextMatching(watch, (c) => c.kind === 'upsert' && c.item.repoTags.includes(remote));
    expect(tagged.kind === 'upsert' && tagged.item.repoTags).toContain(local);

    const pushed = await collect(bed.backend.impl.images.push({ reference: remote }, ctx()));
    expect(pushed.at(-1)).toMatchObject({ kind: 'done', reference: remote, digest: expect.stringMatching(/^sha256:/) });
    expect(pushed.some((e) => e.kind === 'layer' && e.layer.phase === 'complete')).toBe(true);

    await bed.backend.impl.images.remove({ image: remote, force: false }, ctx());
    await bed.backend.impl.images.remove({ image: local, force: false }, ctx());
    const gone = await nextMatching(watch, (c) => c.kind === 'remove');
    expect(gone.kind).toBe('remove');

    const pulled = await collect(bed.backend.impl.images.pull({ reference: remote }, ctx()));
    const layers = new Map<string, string>();
    for (const e of pulled) if (e.kind === 'layer') layers.set(e.layer.id, e.layer.phase);
    // The base layer is already there (the test image); the random dd layer and the COPY are downloaded.
    expect([...layers.values()].filter((p) => p === 'exists').length).toBeGreaterThanOrEqual(1);
    expect([...layers.values()].filter((p) => p === 'complete').length).toBeGreaterThanOrEqual(2);
    expect(pulled.some((e) => e.kind === 'layer' && e.layer.phase === 'downloading' && (e.layer.transfer?.total ?? 0) > 0)).toBe(true);
    const overall = pulled.filter((e) => e.kind === 'overall').at(-1);
    expect(overall?.kind === 'overall' && overall.overall.fraction).toBe(1);
    expect(pulled.at(-1)).toMatchObject({ kind: 'done', digest: expect.stringMatching(/^sha256:/) });
    await nextMatching(watch, (c) => c.kind === 'upsert' && c.item.repoTags.includes(remote));
    ctl.abort();
  });

  it('gives specific errors: not found, unreachable, unauthorized, bad reference', async () => {
    await expect(collect(bed.backend.impl.images.pull({ reference: `127.0.0.1:5000/berth-e2e/${repoName}:nope` }, ctx()))).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `Image berth-e2e/${repoName}:nope was not found in registry 127.0.0.1:5000 (manifest unknown)`,
    });
    await expect(collect(bed.backend.impl.images.pull({ reference: '127.0.0.1:5999/foo:x' }, ctx()))).rejects.toMatchObject({
      message: 'Cannot reach registry 127.0.0.1:5999: connection refused',
    });
    await expect(collect(bed.backend.impl.images.pull({ reference: '127.0.0.1:5001/berth-e2e/none:x' }, ctx()))).rejects.toMatchObject({
      message: expect.stringMatching(/^The registry refused access: log in first/),
    });
    expect(() => bed.backend.impl.images.pull({ reference: 'Foo' }, ctx())).toThrow('Invalid reference "Foo": repository names must be lowercase');
  });

  it('cancelling a pull ends the stream and the engine request', async () => {
    await docker('rmi', remote).catch(() => undefined);
    const ctl = new AbortController();
    const it = bed.backend.impl.images.pull({ reference: remote }, ctx(ctl.signal))[Symbol.asyncIterator]();
    await it.next();
    ctl.abort();
    await expect(it.next()).resolves.toMatchObject({ done: true });
  });

  it('push sends the credentials resolved for the registry (basic-auth registry at 127.0.0.1:5001)', async () => {
    const conn = testConnection();
    const withAuth = (password: string) =>
      createImagesService(
        { connections: { require: () => conn }, dataDir: bed.dataDir, log: () => undefined },
        { resolveAuth: async (host) => (host === '127.0.0.1:5001' ? { username: 'berth', password, serveraddress: host } : undefined) },
      );
    await docker('tag', TEST_IMAGE, authed);
    await expect(collect(withAuth('wrong').push({ reference: authed }, ctx()))).rejects.toMatchObject({
      // Credentials were sent: the user is logged in, so "log in first" would be wrong.
      message: expect.stringMatching(/^The registry refused the stored credentials of berth for 127\.0\.0\.1:5001: log in again \(127\.0\.0\.1:5001 said: /),
    });
    await expect(collect(withAuth('wrong').pull({ reference: authed }, ctx()))).rejects.toMatchObject({
      message: expect.stringMatching(/^The registry refused the stored credentials of berth for 127\.0\.0\.1:5001: log in again/),
    });
    const events = await collect(withAuth('berth-secret').push({ reference: authed }, ctx()));
    expect(events.at(-1)).toMatchObject({ kind: 'done', reference: authed });
    conn.hub.dispose();
  });
});
