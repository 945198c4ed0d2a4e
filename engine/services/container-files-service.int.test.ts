import { createHash, randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { BYTE_LIMITS, contract, createClient, createDispatcher, type BerthApi, type Connection, type ServerMessage } from '../../contract/index.js';
import type { DownloadHead } from '../../contract/models/container-files.js';
import { ctx, docker, TEST_IMAGE, testEngine, uniquePrefix, useTestBackend } from '../testing/int-helpers.js';

const prefix = uniquePrefix('files');
const MiB = 1024 * 1024;
let running: string;
let stopped: string;

const bed = useTestBackend(prefix, { removeContainers: true });

beforeAll(async () => {
  running = await docker('run', '-d', '--name', `${prefix}run`, TEST_IMAGE, 'sleep', '300');
  stopped = await docker('create', '--name', `${prefix}stopped`, TEST_IMAGE, 'sh');
}, 60_000);

const files = () => bed.backend.impl.containers;

/** The real client and dispatcher over the backend, joined by structured clone (as Electron IPC is). */
function connect(): { api: BerthApi; conn: Connection; arrived: () => number } {
  const listeners = new Set<(m: unknown) => void>();
  let arrived = 0;
  const conn = createDispatcher(contract, bed.backend.impl).connect(
    {
      send: (m: ServerMessage) => {
        if (m.t === 'bytes') arrived += m.data.length;
        const copy = structuredClone(m);
        queueMicrotask(() => listeners.forEach((l) => l(copy)));
      },
    },
    'int-files',
  );
  const api = createClient(contract, { send: (m) => queueMicrotask(() => conn.handle(structuredClone(m))), onMessage: (cb) => (listeners.add(cb), { dispose: () => listeners.delete(cb) }) });
  return { api, conn, arrived: () => arrived };
}

/** Download to the end; `slowMs` makes the reader take that long per piece. */
function download(api: BerthApi, id: string, path: string, slowMs = 0, onPiece?: (consumed: number) => void) {
  return new Promise<{ head: DownloadHead; data: Buffer }>((resolve, reject) => {
    let head: DownloadHead | undefined;
    const parts: Buffer[] = [];
    let consumed = 0;
    api.containers.download({ id, path }, {
      start: (h) => (head = h),
      data: async (d) => {
        if (slowMs) await new Promise((r) => setTimeout(r, slowMs));
        parts.push(Buffer.from(d));
        consumed += d.length;
        onPiece?.(consumed);
      },
      end: () => resolve({ head: head!, data: Buffer.concat(parts) }),
      error: reject,
    });
  });
}

function upload(api: BerthApi, id: string, dir: string, name: string, data: Buffer, size = data.length) {
  let off = 0;
  return new Promise<unknown>((resolve, reject) =>
    api.containers.upload({ id, path: dir, name, size }, {
      read: (max) => (off >= data.length ? null : new Uint8Array(data.subarray(off, (off = Math.min(off + max, data.length))))),
      done: resolve,
      error: reject,
    }),
  );
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

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
    const { api } = connect();
    const f = await download(api, running, '/www/index.html');
    expect(f.head).toEqual({ fileName: 'index.html', kind: 'file', size: 17 });
    expect(f.data.toString()).toBe('hello from berth\n');
    const d = await download(api, running, '/www');
    expect(d.head).toEqual({ fileName: 'www.tar', kind: 'dir', size: null });
    expect(d.data.includes(Buffer.from('hello from berth'))).toBe(true);
    expect(d.data.subarray(257, 262).toString()).toBe('ustar');
    await expect(download(api, running, '/nope')).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'No such file or directory: /nope' });
  });

  it('uploads and downloads 32 MiB byte for byte (sha256 equal), the download also through a slow reader held at one window', async () => {
    const { api, arrived } = connect();
    const data = randomBytes(32 * MiB);
    expect(await upload(api, running, '/tmp', 'big.bin', data)).toEqual({ path: '/tmp/big.bin', size: data.length });
    expect((await docker('exec', running, 'sha256sum', '/tmp/big.bin')).split(/\s/)[0]).toBe(sha256(data));
    const fast = await download(api, running, '/tmp/big.bin');
    expect(fast.head.size).toBe(data.length);
    expect(sha256(fast.data)).toBe(sha256(data));
    // A slow reader: what arrived but was not yet consumed never exceeds one window (and a frame).
    let most = 0;
    const before = arrived();
    const slow = await download(api, running, '/tmp/big.bin', 15, (consumed) => (most = Math.max(most, arrived() - before - consumed)));
    expect(sha256(slow.data)).toBe(sha256(data));
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(BYTE_LIMITS.window + BYTE_LIMITS.frameBytes);
  }, 120_000);

  it('uploads a file, lists it, and diff shows it added; works on a stopped container too', async () => {
    const { api } = connect();
    const data = Buffer.alloc(1_300_000);
    for (let i = 0; i < data.length; i++) data[i] = (i * 7) % 251;
    await upload(api, running, '/tmp', 'up.bin', data);
    const tmp = await files().listDir({ id: running, path: '/tmp' }, ctx());
    expect(tmp.entries.find((e) => e.name === 'up.bin')).toMatchObject({ kind: 'file', size: data.length });
    expect((await download(api, running, '/tmp/up.bin')).data.equals(data)).toBe(true);
    const diff = await files().diff({ id: running }, ctx());
    expect(diff).toContainEqual({ path: '/tmp/up.bin', kind: 'added' });
    expect(diff).toContainEqual({ path: '/tmp', kind: 'changed' });

    await upload(api, stopped, '/www', 'note.txt', Buffer.from('stopped but writable\n'));
    expect((await download(api, stopped, '/www/note.txt')).data.toString()).toBe('stopped but writable\n');
    expect(await files().diff({ id: stopped }, ctx())).toContainEqual({ path: '/www/note.txt', kind: 'added' });
  });

  it('upload errors: missing folder, a body shorter than announced, read-only rootfs', async () => {
    const { api } = connect();
    await expect(upload(api, running, '/no/such', 'x', Buffer.from('x'))).rejects.toMatchObject({ message: 'No such file or directory: /no/such' });
    await expect(upload(api, running, '/tmp', 'short.bin', Buffer.from('abc'), 10)).rejects.toMatchObject({ code: 'VALIDATION', message: 'The upload ended after 3 of the 10 bytes it announced' });
    const ro = await docker('run', '-d', '--read-only', '--name', `${prefix}ro`, TEST_IMAGE, 'sleep', '300');
    await expect(upload(api, ro, '/www', 'x.txt', Buffer.from('x'))).rejects.toMatchObject({ message: expect.stringMatching(/read-only/) });
  });

  it('a cut connection mid-upload ends the engine request; a later upload of the same file works', async () => {
    const { api, conn } = connect();
    let reads = 0;
    const stalled = new Promise<void>((resolve) => {
      api.containers.upload({ id: running, path: '/tmp', name: 'cut.bin', size: 16 * MiB }, {
        read: (max) => {
          if (++reads > 2) return (resolve(), new Promise<null>(() => undefined));
          return new Uint8Array(max);
        },
        done: () => undefined,
      });
    });
    await stalled;
    conn.close();
    // The engine saw a truncated archive: the next upload to the same path goes through.
    const again = connect();
    await expect(upload(again.api, running, '/tmp', 'cut.bin', Buffer.from('whole\n'))).resolves.toEqual({ path: '/tmp/cut.bin', size: 6 });
    expect(await docker('exec', running, 'cat', '/tmp/cut.bin')).toBe('whole');
  });

  it('listing bounds: truncated on a stopped container, completed by an in-container listing on a running one', async () => {
    const { listDir } = await import('../files/list-dir.js');
    const engine = testEngine();
    const capped = await listDir(engine, stopped, '/bin', { limits: { maxEntries: 10, maxHeaders: 1000, maxBytes: 1 << 30 } });
    expect(capped.truncated).toBe(true);
    expect(capped.entries).toHaveLength(10);
    const tight = { maxEntries: 5000, maxHeaders: 3, maxBytes: 1 << 30 };
    const root = await listDir(engine, running, '/', { runningLimits: tight });
    expect(root.truncated).toBe(false);
    expect(root.entries.map((e) => e.name)).toEqual(expect.arrayContaining(['bin', 'etc', 'tmp', 'www', '.dockerenv']));
    expect(root.entries.find((e) => e.name === 'www')).toMatchObject({ kind: 'dir', mode: 'drwxr-xr-x' });
    const bin = await listDir(engine, running, '/bin', { runningLimits: tight });
    expect(bin.truncated).toBe(false);
    expect(bin.entries.length).toBe(Number(await docker('exec', running, 'sh', '-c', 'ls /bin | wc -l')));
    expect(bin.entries.find((e) => e.name === 'sh')).toMatchObject({ kind: 'symlink', mode: 'lrwxrwxrwx' });
    expect(bin.entries.find((e) => e.name === 'busybox')).toMatchObject({ kind: 'file', mode: '-rwxr-xr-x' });
    engine.dispose();
  });

  it('a folder of files bigger than the archive bound on a running container lists whole with the default bounds (the in-container listing completes it)', async () => {
    const { listDir, RUNNING_LISTING_LIMITS } = await import('../files/list-dir.js');
    const engine = testEngine();
    const mib = RUNNING_LISTING_LIMITS.maxBytes / (1 << 20);
    await docker('exec', running, 'sh', '-c', `mkdir -p /big && ln -s /etc/hostname /big/a-link && for f in b c; do dd if=/dev/zero of=/big/$f bs=1M count=${mib + 2} 2>/dev/null; done && echo x > /big/d`);
    const listing = await listDir(engine, running, '/big');
    expect(listing.truncated).toBe(false);
    expect(listing.entries.map((e) => e.name)).toEqual(['a-link', 'b', 'c', 'd']);
    expect(listing.entries.find((e) => e.name === 'c')).toMatchObject({ kind: 'file', size: (mib + 2) << 20 });
    expect(listing.entries.find((e) => e.name === 'd')).toMatchObject({ kind: 'file', size: 2 });
    expect(listing.entries.find((e) => e.name === 'a-link')).toMatchObject({ kind: 'symlink' });
    engine.dispose();
  });
});
