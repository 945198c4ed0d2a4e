import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BerthError } from '../../contract/errors.js';
import { ctx, docker, nextMatching, TEST_IMAGE, uniquePrefix, useTestBackend } from '../testing/int-helpers.js';

const prefix = uniquePrefix('act');

const bed = useTestBackend(prefix, { removeContainers: true });

const state = async (id: string) => docker('inspect', '-f', '{{.State.Status}}', id);
const failure = async (p: Promise<unknown>): Promise<BerthError> => {
  try {
    await p;
  } catch (err) {
    if (err instanceof BerthError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
};

describe('container actions against the real dockerd', () => {
  it('stops, starts, pauses, unpauses, restarts and kills, reporting the name', async () => {
    const name = `${prefix}life`;
    await docker('run', '-d', '--name', name, TEST_IMAGE, 'sh', '-c', 'trap "exit 0" TERM; while :; do sleep 1; done');
    const c = bed.backend.impl.containers;
    expect(await c.pause({ id: name }, ctx())).toMatchObject({ name, changed: true });
    expect(await state(name)).toBe('paused');
    expect((await failure(c.pause({ id: name }, ctx()))).message).toBe(`Container ${name} is already paused`);
    await c.unpause({ id: name }, ctx());
    expect(await state(name)).toBe('running');
    expect(await c.stop({ id: name, timeout: 5 }, ctx())).toMatchObject({ changed: true });
    expect(await state(name)).toBe('exited');
    expect(await c.stop({ id: name }, ctx())).toMatchObject({ changed: false });
    expect((await failure(c.pause({ id: name }, ctx()))).message).toBe(`Container ${name} is not running`);
    expect((await failure(c.kill({ id: name }, ctx()))).message).toBe(`Container ${name} is not running`);
    await c.start({ id: name }, ctx());
    expect(await state(name)).toBe('running');
    await c.restart({ id: name, timeout: 2 }, ctx());
    expect(await state(name)).toBe('running');
    await c.kill({ id: name, signal: 'SIGKILL' }, ctx());
    expect(await state(name)).toBe('exited');
  });

  it('names the container that holds a port when start fails', async () => {
    const holder = `${prefix}holder`;
    await docker('run', '-d', '--name', holder, '-p', '127.0.0.1:18931:80', TEST_IMAGE, 'sleep', '300');
    const other = `${prefix}other`;
    await docker('create', '--name', other, '-p', '127.0.0.1:18931:80', TEST_IMAGE, 'sleep', '300');
    const err = await failure(bed.backend.impl.containers.start({ id: other }, ctx()));
    expect(err.message).toBe(`Port 18931 is already in use by container ${holder}`);
  });

  it('refuses to remove a running container without force, readably', async () => {
    const name = `${prefix}running`;
    await docker('run', '-d', '--name', name, TEST_IMAGE, 'sleep', '300');
    const err = await failure(bed.backend.impl.containers.remove({ id: name, volumes: false, force: false }, ctx()));
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toBe('Cannot remove a running container — stop it first or use Force');
    expect(await state(name)).toBe('running');
    const dir = join(bed.dataDir, 'recycle-bin');
    expect(existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'settings.json') : []).toEqual([]);
  });

  it('keeps the config on remove and restores the same name, ports, mounts, labels and network, running', async () => {
    const name = `${prefix}keep`;
    const net = `${prefix}net`;
    await docker('network', 'create', net);
    const vol = `${prefix}vol`;
    await docker(
      'run', '-d', '--name', name, '-p', '127.0.0.1:18932:80', '-v', `${vol}:/data`, '-v', '/anon', '--label', 'com.example.keep=yes',
      '--restart', 'unless-stopped', '-e', 'HELLO=world', '--network', net, '--network-alias', 'webby', TEST_IMAGE, 'sleep', '300',
    );
    const plan = await bed.backend.impl.containers.removalPlan({ id: name }, ctx());
    expect(plan).toMatchObject({ name, running: true });
    expect(plan.anonymousVolumes).toHaveLength(1);
    expect(plan.anonymousVolumes[0]).toMatch(/\(\/anon\)$/);
    expect(plan.keptMounts).toContain(`${vol} → /data (volume)`);

    const removed = await bed.backend.impl.containers.remove({ id: name, volumes: true, force: true }, ctx());
    expect(removed.recycleBinEntryId).toBeTruthy();
    expect(await docker('ps', '-aq', '--filter', `name=^/${name}$`)).toBe('');

    const listing = await bed.backend.impl.recycleBin.list({}, ctx());
    const entry = listing.entries.find((e) => e.id === removed.recycleBinEntryId);
    expect(entry).toMatchObject({ name, image: TEST_IMAGE, wasRunning: true, restartPolicy: 'unless-stopped', networks: [net] });
    expect(entry?.ports).toEqual(['127.0.0.1:18932→80/tcp']);
    expect(entry?.labels['com.example.keep']).toBe('yes');
    expect(entry?.mounts).toContain(`${vol} → /data (volume)`);
    expect(listing.retentionMs).toBe(7 * 24 * 3_600_000);
    expect(entry!.expiresAt - entry!.removedAt).toBe(listing.retentionMs);

    const restored = await bed.backend.impl.recycleBin.restore({ id: entry!.id }, ctx());
    expect(restored).toMatchObject({ name, started: true });
    interface Inspected {
      State: { Running: boolean };
      HostConfig: { PortBindings: Record<string, unknown>; RestartPolicy: { Name: string } };
      Config: { Labels: Record<string, string>; Env: string[] };
      Mounts: { Name?: string; Destination: string }[];
      NetworkSettings: { Networks: Record<string, { Aliases?: string[] }> };
    }
    const info = JSON.parse(await docker('inspect', name)) as [Inspected];
    expect(info[0].State.Running).toBe(true);
    expect(info[0].HostConfig.PortBindings['80/tcp']).toEqual([{ HostIp: '127.0.0.1', HostPort: '18932' }]);
    expect(info[0].HostConfig.RestartPolicy.Name).toBe('unless-stopped');
    expect(info[0].Config.Labels['com.example.keep']).toBe('yes');
    expect(info[0].Config.Env).toContain('HELLO=world');
    expect(info[0].Mounts.some((m) => m.Name === vol && m.Destination === '/data')).toBe(true);
    expect(Object.keys(info[0].NetworkSettings.Networks)).toEqual([net]);
    expect(info[0].NetworkSettings.Networks[net]?.Aliases).toContain('webby');
    expect((await bed.backend.impl.recycleBin.list({}, ctx())).entries.some((e) => e.id === entry!.id)).toBe(false);

    await docker('rm', '-f', '-v', name);
    await docker('network', 'rm', net);
    await docker('volume', 'rm', vol);
  });

  it('says clearly when the name is taken again or the image is gone', async () => {
    const name = `${prefix}taken`;
    await docker('create', '--name', name, TEST_IMAGE, 'true');
    const { recycleBinEntryId } = await bed.backend.impl.containers.remove({ id: name, volumes: false, force: false }, ctx());
    await docker('create', '--name', name, TEST_IMAGE, 'true');
    const err = await failure(bed.backend.impl.recycleBin.restore({ id: recycleBinEntryId! }, ctx()));
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toMatch(new RegExp(`^The name "${name}" is taken again`));
    // The entry stays for a later try, and can be deleted for good.
    await bed.backend.impl.recycleBin.delete({ id: recycleBinEntryId! }, ctx());
    expect((await failure(bed.backend.impl.recycleBin.restore({ id: recycleBinEntryId! }, ctx()))).code).toBe('NOT_FOUND');

    const tag = `berth-act-gone:${prefix.slice(-7, -1)}`;
    await docker('tag', TEST_IMAGE, tag);
    const gone = `${prefix}gone`;
    await docker('create', '--name', gone, tag, 'true');
    const r = await bed.backend.impl.containers.remove({ id: gone, volumes: false, force: false }, ctx());
    await docker('rmi', tag);
    const err2 = await failure(bed.backend.impl.recycleBin.restore({ id: r.recycleBinEntryId! }, ctx()));
    expect(err2.message).toBe(`The image ${tag} is gone, so ${gone} cannot be recreated — pull or build it again, then restore`);
  });
  it('pushes the listing to watchers when a container is removed, restored or deleted', async () => {
    const ctl = new AbortController();
    const it = bed.backend.impl.recycleBin.watch({}, ctx(ctl.signal))[Symbol.asyncIterator]();
    try {
      const name = `${prefix}watched`;
      await nextMatching(it, () => true, 10_000);
      await docker('create', '--name', name, TEST_IMAGE, 'true');
      const { recycleBinEntryId } = await bed.backend.impl.containers.remove({ id: name, volumes: false, force: false }, ctx());
      await nextMatching(it, (l) => l.entries.some((e) => e.id === recycleBinEntryId && e.name === name), 10_000);
      await bed.backend.impl.recycleBin.restore({ id: recycleBinEntryId! }, ctx());
      await nextMatching(it, (l) => !l.entries.some((e) => e.id === recycleBinEntryId), 10_000);
      expect(await docker('inspect', '-f', '{{.State.Status}}', name)).toBe('created');
    } finally {
      ctl.abort();
    }
  });
});
