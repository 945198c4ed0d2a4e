import { describe, expect, it } from 'vitest';
import { BerthError } from '../../contract/errors.js';
import { ctx, docker, TEST_IMAGE, uniquePrefix, useTestBackend } from '../testing/int-helpers.js';
import { freePort } from '../testing/test-files.js';

const prefix = uniquePrefix('rbr');
const networks: string[] = [];

const bed = useTestBackend(prefix, {
  removeContainers: true,
  cleanup: async () => {
    for (const n of networks) await docker('network', 'rm', n).catch(() => undefined);
  },
});

const failure = async (p: Promise<unknown>): Promise<BerthError> => {
  try {
    await p;
  } catch (err) {
    if (err instanceof BerthError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
};
const listed = async (id: string) => (await bed.backend.impl.recycleBin.list({}, ctx())).entries.some((e) => e.id === id);
const containerIds = async (name: string) => (await docker('ps', '-aq', '--filter', `name=^/${name}$`)).split('\n').filter(Boolean);

describe('recycle bin restore when a step after the create fails (real dockerd)', () => {
  it('recreated but not started (its port is taken): a result saying so, the entry gone, no second copy on a retry', async () => {
    const name = `${prefix}web`;
    const port = await freePort();
    await docker('run', '-d', '--name', name, '-p', `127.0.0.1:${port}:80`, TEST_IMAGE, 'sleep', '300');
    const { recycleBinEntryId } = await bed.backend.impl.containers.remove({ id: name, volumes: false, force: true }, ctx());
    expect(recycleBinEntryId).toBeTruthy();
    const holder = `${prefix}holder`;
    await docker('run', '-d', '--name', holder, '-p', `127.0.0.1:${port}:80`, TEST_IMAGE, 'sleep', '300');

    const r = await bed.backend.impl.recycleBin.restore({ id: recycleBinEntryId! }, ctx());
    expect(r).toMatchObject({ name, started: false });
    expect(r.incomplete).toEqual([`not started: Port ${port} is already in use by container ${holder}`]);
    const ids = await containerIds(name);
    expect(ids).toHaveLength(1);
    expect(r.containerId.startsWith(ids[0]!)).toBe(true);
    expect(await docker('inspect', '-f', '{{.State.Status}}', name)).toBe('created');
    expect(await listed(recycleBinEntryId!)).toBe(false);

    const again = await failure(bed.backend.impl.recycleBin.restore({ id: recycleBinEntryId! }, ctx()));
    expect(again.code).toBe('NOT_FOUND');
    expect(await containerIds(name)).toHaveLength(1);
  });

  it('a network that is gone: refused before anything is made, naming it; with createNetworks it is made again and the container runs on it', async () => {
    const name = `${prefix}two`;
    const front = `${prefix}front`;
    const back = `${prefix}back`;
    networks.push(front, back);
    await docker('network', 'create', front);
    await docker('network', 'create', back);
    await docker('run', '-d', '--name', name, '--network', front, TEST_IMAGE, 'sleep', '300');
    await docker('network', 'connect', back, name);
    const { recycleBinEntryId } = await bed.backend.impl.containers.remove({ id: name, volumes: false, force: true }, ctx());
    await docker('network', 'rm', back);

    const refused = await failure(bed.backend.impl.recycleBin.restore({ id: recycleBinEntryId! }, ctx()));
    expect(refused.code).toBe('NOT_FOUND');
    expect(refused.message).toBe(`The network ${back} that ${name} was connected to is gone — create it again, or let the restore make it (bridge, default settings)`);
    expect(refused.details).toEqual({ missingNetworks: [back] });
    expect(await containerIds(name)).toHaveLength(0);
    expect(await listed(recycleBinEntryId!)).toBe(true);

    const r = await bed.backend.impl.recycleBin.restore({ id: recycleBinEntryId!, createNetworks: true }, ctx());
    expect(r).toMatchObject({ name, started: true });
    expect(r.incomplete).toBeUndefined();
    expect(await docker('network', 'inspect', '-f', '{{.Driver}} {{index .Labels "berth.restored-for"}}', back)).toBe(`bridge ${name}`);
    expect((await docker('inspect', '-f', '{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}', name)).split(' ').filter(Boolean).sort()).toEqual([back, front].sort());
    expect(await listed(recycleBinEntryId!)).toBe(false);
  });
});
