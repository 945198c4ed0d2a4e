import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DownloadEvent } from '../../contract/models/container-files.js';
import type { Backend } from '../backend.js';
import { ctx, docker, removeContainers, runningTestBackend, TEST_IMAGE, uniquePrefix } from '../testing/int-helpers.js';

const prefix = uniquePrefix('files');
let backend: Backend;
let dataDir: string;
let running: string;
let stopped: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'berth-files-'));
  backend = await runningTestBackend(dataDir);
  running = await docker('run', '-d', '--name', `${prefix}run`, TEST_IMAGE, 'sleep', '300');
  stopped = await docker('create', '--name', `${prefix}stopped`, TEST_IMAGE, 'sh');
}, 60_000);

afterAll(async () => {
  await backend?.dispose();
  await removeContainers(prefix);
  rmSync(dataDir, { recursive: true, force: true });
});

const files = () => backend.impl.containers;

/** Run a download to the end, acking as a client would; returns the start event and the bytes. */
async function download(id: string, path: string) {
  const c = ctx();
  let start: Extract<DownloadEvent, { type: 'start' }> | undefined;
  const parts: Buffer[] = [];
  let received = 0;
  let end: number | undefined;
  for await (const ev of files().download({ id, path }, c)) {
    if (ev.type === 'start') start = ev;
    else if (ev.type === 'chunk') {
      const b = Buffer.from(ev.data, 'base64');
      expect(b.length).toBeLessThanOrEqual(256 * 1024);
      parts.push(b);
      received += b.length;
      await files().downloadAck({ downloadId: start!.downloadId, received }, c);
    } else end = ev.bytes;
  }
  return { start, data: Buffer.concat(parts), end };
}

async function upload(id: string, dir: string, name: string, data: Buffer, chunk = 512 * 1024) {
  const c = ctx();
  const { uploadId } = await files().uploadBegin({ id, path: dir, name, size: data.length }, c);
  for (let i = 0, off = 0; off < data.length; i++, off += chunk) {
    await files().uploadChunk({ uploadId, index: i, dataBase64: data.subarray(off, off + chunk).toString('base64') }, c);
  }
  return files().uploadEnd({ uploadId }, c);
}

describe('container files against the real dockerd', () => {
  it('lists / of a running container: bin and www are directories, sh a symlink in /bin', async () => {
    const root = await files().listDir({ id: running, path: '/' }, ctx());
    expect(root.truncated).toBe(false);
    expect(root.entries.find((e) => e.name === 'bin')).toMatchObject({ kind: 'dir', mode: 'drwxr-xr-x' });
    expect(root.entries.find((e) => e.name === 'www')).toMatchObject({ kind: 'dir' });
    expect(root.entries.some((e) => e.name.includes('/'))).toBe(false);
    const bin = await files().listDir({ id: running, path: '/bin/' }, ctx());
    expect(bin.path).toBe('/bin');
    expect(bin.entries.find((e) => e.name === 'sh')).toMatchObject({ kind: 'symlink', linkTarget: 'busybox', mode: 'lrwxrwxrwx' });
    expect(bin.entries.find((e) => e.name === 'busybox')?.size).toBeGreaterThan(100_000);
    const www = await files().listDir({ id: running, path: '/www' }, ctx());
    expect(www.entries).toEqual([expect.objectContaining({ name: 'index.html', kind: 'file', size: 17, mode: '-rw-r--r--' })]);
  });

  it('clear errors for a missing path, a file listed as a folder, and a missing container', async () => {
    await expect(files().listDir({ id: running, path: '/nope' }, ctx())).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'No such file or directory: /nope' });
    await expect(files().listDir({ id: running, path: '/www/index.html' }, ctx())).rejects.toMatchObject({ message: 'Not a directory: /www/index.html' });
    await expect(files().listDir({ id: running, path: '/www/index.html/x' }, ctx())).rejects.toMatchObject({
      message: 'Not a directory: /www/index.html/x (lstat /www/index.html/x: not a directory)',
    });
    await expect(files().listDir({ id: `${prefix}missing`, path: '/' }, ctx())).rejects.toMatchObject({ code: 'NOT_FOUND', message: `No such container: ${prefix}missing` });
  });

  it('downloads a file as its raw bytes, and a folder as a tar', async () => {
    const f = await download(running, '/www/index.html');
    expect(f.start).toMatchObject({ type: 'start', fileName: 'index.html', kind: 'file', size: 17 });
    expect(f.data.toString()).toBe('hello from berth\n');
    expect(f.end).toBe(17);
    const d = await download(running, '/www');
    expect(d.start).toMatchObject({ fileName: 'www.tar', kind: 'dir', size: null });
    expect(d.data.includes(Buffer.from('hello from berth'))).toBe(true);
    expect(d.data.subarray(257, 262).toString()).toBe('ustar');
  });

  it('uploads a file in several chunks, lists it, downloads it intact, and diff shows it added', async () => {
    const data = Buffer.alloc(1_300_000);
    for (let i = 0; i < data.length; i++) data[i] = (i * 7) % 251;
    const done = await upload(running, '/tmp', 'up.bin', data);
    expect(done).toEqual({ path: '/tmp/up.bin', size: data.length });
    const tmp = await files().listDir({ id: running, path: '/tmp' }, ctx());
    expect(tmp.entries.find((e) => e.name === 'up.bin')).toMatchObject({ kind: 'file', size: data.length });
    const back = await download(running, '/tmp/up.bin');
    expect(back.data.equals(data)).toBe(true);
    const diff = await files().diff({ id: running }, ctx());
    expect(diff).toContainEqual({ path: '/tmp/up.bin', kind: 'added' });
    expect(diff).toContainEqual({ path: '/tmp', kind: 'changed' });
  });

  it('works on a stopped container: list, upload, download, diff', async () => {
    const root = await files().listDir({ id: stopped, path: '/' }, ctx());
    expect(root.entries.map((e) => e.name)).toEqual(expect.arrayContaining(['bin', 'www', 'etc']));
    await upload(stopped, '/www', 'note.txt', Buffer.from('stopped but writable\n'));
    const back = await download(stopped, '/www/note.txt');
    expect(back.data.toString()).toBe('stopped but writable\n');
    expect(await files().diff({ id: stopped }, ctx())).toContainEqual({ path: '/www/note.txt', kind: 'added' });
  });

  it('upload errors: missing folder at begin, out-of-order chunk, read-only rootfs', async () => {
    await expect(files().uploadBegin({ id: running, path: '/no/such', name: 'x', size: 1 }, ctx())).rejects.toMatchObject({ message: 'No such file or directory: /no/such' });
    const { uploadId } = await files().uploadBegin({ id: running, path: '/tmp', name: 'x', size: 4 }, ctx());
    await expect(files().uploadChunk({ uploadId, index: 1, dataBase64: 'YWJj' }, ctx())).rejects.toMatchObject({ message: 'Chunk 1 arrived out of order: expected chunk 0' });
    await files().uploadCancel({ uploadId }, ctx());

    const ro = await docker('run', '-d', '--read-only', '--name', `${prefix}ro`, TEST_IMAGE, 'sleep', '300');
    await expect(upload(ro, '/www', 'x.txt', Buffer.from('x'))).rejects.toMatchObject({ message: expect.stringMatching(/read-only/) });
  });

  it('an upload is dropped when its connection goes away mid-chunk, and its temporary file deleted', async () => {
    const tempDir = join(dataDir, 'own-uploads');
    const Dockerode = (await import('dockerode')).default;
    const { createEngineConnection } = await import('../client/engine-connection.js');
    const { createContainerFilesService } = await import('./container-files-service.js');
    const d = new Dockerode({ socketPath: (process.env.DOCKER_HOST ?? 'unix:///tmp/bt/docker.sock').replace(/^unix:\/\//, '') });
    const conn = createEngineConnection(d, { host: 'unix:///test', source: 'DOCKER_HOST' }, false);
    const svc = createContainerFilesService({ connections: { require: () => conn }, dataDir, log: () => undefined }, { tempDir });
    const life = new AbortController();
    const c = { connectionId: 'gone', signal: life.signal };
    const { uploadId } = await svc.uploadBegin({ id: running, path: '/tmp', name: 'gone.bin', size: 8 }, c);
    expect(readdirSync(tempDir)).toHaveLength(1);
    const pending = svc.uploadChunk({ uploadId, index: 0, dataBase64: Buffer.from('abcd').toString('base64') }, c);
    life.abort();
    await pending.catch(() => undefined);
    await expect.poll(() => readdirSync(tempDir).length).toBe(0);
    await expect(svc.uploadChunk({ uploadId, index: 1, dataBase64: 'YWJjZA==' }, ctx())).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a download without acks stops at the 8 MiB window (bounded memory), and ends at once on cancel', async () => {
    await docker('exec', running, 'dd', 'if=/dev/zero', 'of=/tmp/big.bin', 'bs=1048576', 'count=12');
    const ctl = new AbortController();
    const it = files().download({ id: running, path: '/tmp/big.bin' }, ctx(ctl.signal))[Symbol.asyncIterator]();
    try {
      const first = await it.next();
      expect(first.value).toMatchObject({ type: 'start', size: 12 * 1024 * 1024 });
      let chunks = 0;
      let pending: Promise<unknown> | undefined;
      for (;;) {
        pending = it.next();
        const step = await Promise.race([pending, new Promise<'stalled'>((r) => setTimeout(() => r('stalled'), 1500))]);
        if (step === 'stalled') break;
        chunks++;
      }
      expect(chunks).toBe(32); // 8 MiB of 256 KiB chunks, then it waits for an ack
      ctl.abort();
      await expect(pending).resolves.toMatchObject({ done: true });
    } finally {
      ctl.abort();
    }
  });

  it('listing bounds: truncated on a stopped container, completed by an in-container listing on a running one', async () => {
    const { listDir } = await import('../files/list-dir.js');
    const Dockerode = (await import('dockerode')).default;
    const d = new Dockerode({ socketPath: (process.env.DOCKER_HOST ?? 'unix:///tmp/bt/docker.sock').replace(/^unix:\/\//, '') });
    // Stopped container: the archive listing is all there is, so a capped one says it is truncated.
    const capped = await listDir(d, stopped, '/bin', { limits: { maxEntries: 10, maxHeaders: 1000, maxBytes: 1 << 30 } });
    expect(capped.truncated).toBe(true);
    expect(capped.entries).toHaveLength(10);
    // Running container: an archive listing cut short (a huge tree below) is completed by stat in the container.
    const tight = { maxEntries: 5000, maxHeaders: 3, maxBytes: 1 << 30 };
    const root = await listDir(d, running, '/', { runningLimits: tight });
    expect(root.truncated).toBe(false);
    expect(root.entries.map((e) => e.name)).toEqual(expect.arrayContaining(['bin', 'etc', 'tmp', 'www', '.dockerenv']));
    expect(root.entries.find((e) => e.name === 'www')).toMatchObject({ kind: 'dir', mode: 'drwxr-xr-x' });
    const bin = await listDir(d, running, '/bin', { runningLimits: tight });
    expect(bin.truncated).toBe(false);
    expect(bin.entries.length).toBe(Number(await docker('exec', running, 'sh', '-c', 'ls /bin | wc -l')));
    expect(bin.entries.find((e) => e.name === 'sh')).toMatchObject({ kind: 'symlink', mode: 'lrwxrwxrwx' });
    expect(bin.entries.find((e) => e.name === 'busybox')).toMatchObject({ kind: 'file', mode: '-rwxr-xr-x' });
  });
});
