import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSpecFromInspect, type CreateSpec } from './create-config.js';
import { RecycleBinStore } from './recycle-bin-store.js';

const HOUR = 3_600_000;
const id64 = 'f'.repeat(64);

const inspect = (name: string) => ({
  Id: id64,
  Name: `/${name}`,
  Image: 'sha256:abc',
  State: { Running: true, Paused: false, Restarting: false },
  Config: {
    Hostname: id64.slice(0, 12),
    Image: 'nginx:1.27',
    Cmd: ['nginx', '-g', 'daemon off;'],
    Env: ['A=1'],
    Labels: { 'com.example': 'x' },
    ExposedPorts: { '80/tcp': {} },
    Volumes: { '/cache': {} },
  },
  HostConfig: {
    NetworkMode: 'appnet',
    Binds: ['/src:/app:ro'],
    PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }] },
    RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 },
  },
  Mounts: [
    { Type: 'bind', Source: '/src', Destination: '/app' },
    { Type: 'volume', Name: 'a'.repeat(64), Source: '/var/lib/docker/volumes/x', Destination: '/cache' },
  ],
  NetworkSettings: {
    Networks: {
      appnet: { Aliases: ['web', id64.slice(0, 12)], IPAMConfig: null, IPAddress: '172.18.0.2' },
      other: { Aliases: null, IPAMConfig: { IPv4Address: '10.9.0.5' } },
    },
  },
});

describe('createSpecFromInspect', () => {
  it('keeps what create needs and leaves out what the engine assigned', () => {
    const spec = createSpecFromInspect(inspect('web'));
    expect(spec).toMatchObject({ name: 'web', image: 'nginx:1.27', containerId: id64, wasRunning: true });
    expect(spec.body.Hostname).toBeUndefined();
    expect(spec.body.Cmd).toEqual(['nginx', '-g', 'daemon off;']);
    expect((spec.body.HostConfig as { Binds: string[] }).Binds).toEqual(['/src:/app:ro']);
    expect(spec.primaryEndpoint).toEqual({ network: 'appnet', config: { Aliases: ['web'] } });
    expect(spec.extraEndpoints).toEqual([{ network: 'other', config: { IPAMConfig: { IPv4Address: '10.9.0.5' } } }]);
    expect(spec.anonymousVolumes).toEqual([{ name: 'a'.repeat(64), destination: '/cache' }]);
    expect(spec.summary).toEqual({
      ports: ['127.0.0.1:8080→80/tcp'],
      mounts: ['/src → /app (bind)', 'anonymous volume → /cache'],
      networks: ['appnet', 'other'],
      restartPolicy: 'on-failure:3',
      labels: { 'com.example': 'x' },
    });
  });
  it('names tmpfs mounts as tmpfs (no empty source), from Mounts and from HostConfig.Tmpfs', () => {
    const raw = inspect('web') as { HostConfig: Record<string, unknown>; Mounts: unknown[] };
    raw.HostConfig.Tmpfs = { '/run': 'size=64m', '/scratch': '' };
    raw.Mounts = [{ Type: 'tmpfs', Source: '', Destination: '/scratch', RW: true }];
    expect(createSpecFromInspect(raw).summary.mounts).toEqual(['tmpfs → /scratch', 'tmpfs → /run']);
  });
  it('refuses data without an id or name', () => {
    expect(() => createSpecFromInspect({})).toThrow(/without Id or Name/);
  });
});

describe('RecycleBinStore', () => {
  let dir: string;
  let now: number;
  let store: RecycleBinStore;
  const spec = (name: string): CreateSpec => createSpecFromInspect(inspect(name));

  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'berth-bin-')), 'recycle-bin');
    now = 1_700_000_000_000;
    store = new RecycleBinStore({ dir, maxEntries: 3, now: () => now });
  });
  afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  it('saves one JSON file per entry atomically and lists newest first with expiry', async () => {
    const a = await store.save(spec('a'));
    now += 1000;
    await store.save(spec('b'));
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(JSON.parse(readFileSync(join(dir, `${a.id}.json`), 'utf8'))).toMatchObject({ version: 1, id: a.id, spec: { name: 'a' } });
    const l = await store.list();
    expect(l.entries.map((e) => e.name)).toEqual(['b', 'a']);
    expect(l.entries[1]).toMatchObject({ removedAt: 1_700_000_000_000, expiresAt: 1_700_000_000_000 + 7 * 24 * HOUR, ports: ['127.0.0.1:8080→80/tcp'] });
    expect(l).toMatchObject({ retentionMs: 7 * 24 * HOUR, maxEntries: 3 });
  });

  it('keeps a bounded count, dropping the oldest', async () => {
    for (const n of ['a', 'b', 'c', 'd']) {
      await store.save(spec(n));
      now += 1000;
    }
    expect((await store.list()).entries.map((e) => e.name)).toEqual(['d', 'c', 'b']);
  });

  it('purges expired entries on list, honours a new retention window, and persists it', async () => {
    await store.save(spec('old'));
    now += 2 * HOUR;
    await store.save(spec('new'));
    await store.setRetention(HOUR + 1);
    expect((await store.list()).entries.map((e) => e.name)).toEqual(['new']);
    const again = new RecycleBinStore({ dir, now: () => now });
    expect(await again.retentionMs()).toBe(HOUR + 1);
    await expect(store.setRetention(10)).rejects.toThrow('between 1 hour and 30 days');
    now += 2 * HOUR;
    expect(await store.nextExpiry()).toBeLessThan(now);
    expect(await store.purge()).toBe(1);
    expect((await store.list()).entries).toEqual([]);
  });

  it('gets, deletes, notifies, and says clearly when an entry is gone or expired', async () => {
    let changes = 0;
    const sub = store.onChange(() => changes++);
    const r = await store.save(spec('x'));
    expect((await store.get(r.id)).spec.name).toBe('x');
    await store.delete(r.id);
    expect(changes).toBe(2);
    await expect(store.get(r.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(store.delete(r.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const e = await store.save(spec('y'));
    now += 8 * 24 * HOUR;
    await expect(store.get(e.id)).rejects.toThrow('The configuration of y has expired and was purged');
    sub.dispose();
  });

  it('skips unreadable files instead of failing the list', async () => {
    await store.save(spec('ok'));
    writeFileSync(join(dir, 'broken-1.json'), '{not json');
    writeFileSync(join(dir, 'notes.txt'), 'x');
    expect((await store.list()).entries.map((e) => e.name)).toEqual(['ok']);
  });
});
