import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { networkCreateSchema, type NetworkCreateInput } from '../../contract/domains/network-create-spec.js';
import type { Change } from '../../contract/model.js';
import type { NetworkSummary } from '../../contract/models/networks.js';
import { ctx, docker, nextMatching, TEST_IMAGE, uniquePrefix, useTestBackend } from '../testing/int-helpers.js';

const prefix = uniquePrefix('net');
// Subnets nothing real on a host uses.
const subnet = '10.213.40.0/24';

async function removeNetworks(): Promise<void> {
  const ids = (await docker('network', 'ls', '-q', '--filter', `name=${prefix}`)).split('\n').filter(Boolean);
  if (ids.length) await docker('network', 'rm', ...ids).catch(() => undefined);
}

const bed = useTestBackend(prefix, { removeContainers: true, cleanup: removeNetworks });

describe('networks service against the real dockerd', () => {
  const nets = () => bed.backend.impl.networks;
  const name = `${prefix}a`;
  // As the dispatcher does: the schema fills the defaults and runs the spec's own checks.
  const create = (input: NetworkCreateInput) => nets().create(networkCreateSchema.parse(input), ctx());

  it('creates a bridge network with subnet, gateway, range and labels, and refuses an overlapping one by name', async () => {
    const n = await create({ name, driver: 'bridge', subnet, gateway: '10.213.40.1', ipRange: '10.213.40.128/25', internal: true, labels: { team: 'berth' } });
    expect(n).toMatchObject({ name, driver: 'bridge', internal: true, labels: { team: 'berth' }, ipam: [{ subnet, gateway: '10.213.40.1', ipRange: '10.213.40.128/25' }], builtIn: false });
    expect(JSON.parse(await docker('network', 'inspect', '--format', '{{json .IPAM.Config}}', name))).toEqual([{ Subnet: subnet, Gateway: '10.213.40.1', IPRange: '10.213.40.128/25' }]);

    await expect(create({ name: `${prefix}b`, subnet: '10.213.40.0/25' })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: `The subnet 10.213.40.0/25 overlaps ${subnet} of the network "${name}"`,
      details: { issues: [{ field: 'subnet', message: `The subnet 10.213.40.0/25 overlaps ${subnet} of the network "${name}"` }] },
    });
    await expect(create({ name, subnet: '10.213.41.0/24' })).rejects.toMatchObject({ code: 'VALIDATION', message: `A network named "${name}" already exists` });
    await expect(create({ name: `${prefix}o`, driver: 'overlay' })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/^Overlay networks need the engine to be a swarm manager/) });
    expect((await nets().capabilities({}, ctx())).drivers).toEqual(['bridge', 'macvlan', 'ipvlan']);
  });

  it('creates macvlan and ipvlan networks on a host interface, and says why one cannot be made', async () => {
    // A real interface of the engine's host (this machine runs the test dockerd).
    const parent = readdirSync('/sys/class/net').find((i) => !/^(lo|docker|br-|veth|dm-)/.test(i));
    expect(parent).toBeDefined();
    const mac = await create({ name: `${prefix}mac`, driver: 'macvlan', subnet: '10.213.44.0/24', options: { parent: parent! } });
    expect(mac).toMatchObject({ driver: 'macvlan', ipam: [{ subnet: '10.213.44.0/24' }], options: { parent } });
    const ipv = await create({ name: `${prefix}ipv`, driver: 'ipvlan', subnet: '10.213.45.0/24', options: { parent: parent!, ipvlan_mode: 'l2' } });
    expect(ipv).toMatchObject({ driver: 'ipvlan', options: { ipvlan_mode: 'l2' } });
    await expect(create({ name: `${prefix}bad`, driver: 'macvlan', subnet: '10.213.46.0/24', options: { parent: 'berthnope0' } })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'The parent interface "berthnope0" does not exist on the engine\'s host (a VLAN sub-interface is written like eth0.10)',
      details: { issues: [{ field: 'options' }] },
    });
    await nets().remove({ network: mac.id }, ctx());
    await nets().remove({ network: ipv.id }, ctx());
  });

  it('connects a running container with an alias and a static IP, shows it live, and disconnects it', async () => {
    const ctl = new AbortController();
    const it = nets().watch({}, ctx(ctl.signal))[Symbol.asyncIterator]();
    const first = await nextMatching(it, (c: Change<NetworkSummary>) => c.kind === 'snapshot');
    expect(first.kind === 'snapshot' && first.items.some((n) => n.name === name)).toBe(true);

    const ctr = `${prefix}web`;
    await docker('run', '-d', '--name', ctr, TEST_IMAGE, 'sleep', '300');
    await expect(nets().connect({ network: name, container: ctr, aliases: ['api'], ipv4: '10.213.41.9' }, ctx())).rejects.toMatchObject({ code: 'VALIDATION', message: `10.213.41.9 is outside the subnet of ${name} (${subnet})` });
    await nets().connect({ network: name, container: ctr, aliases: ['api'], ipv4: '10.213.40.9' }, ctx());
    const seen = await nextMatching(it, (c) => c.kind === 'upsert' && c.item.name === name && c.item.containers.some((x) => x.name === ctr && x.ipv4 === '10.213.40.9'));
    expect(seen.kind === 'upsert' && seen.item.containers.find((x) => x.name === ctr)?.aliases).toEqual(['api']);
    expect(await docker('network', 'inspect', '--format', '{{range .Containers}}{{.Name}} {{.IPv4Address}}{{end}}', name)).toBe(`${ctr} 10.213.40.9/24`);

    await expect(nets().connect({ network: name, container: ctr, aliases: [] }, ctx())).rejects.toMatchObject({ code: 'VALIDATION', message: `${ctr} is already connected to ${name}` });
    await expect(nets().remove({ network: name }, ctx())).rejects.toMatchObject({ code: 'CONFLICT', message: `Network ${name} is used by container ${ctr} (running) — disconnect or stop it first` });

    // A pause is a container event: the network shows the new state once the engine agrees.
    await docker('pause', ctr);
    await nextMatching(it, (c) => c.kind === 'upsert' && c.item.name === name && c.item.containers.some((x) => x.name === ctr && x.state === 'paused'));
    await docker('unpause', ctr);

    await nets().disconnect({ network: name, container: ctr, force: false }, ctx());
    await nextMatching(it, (c) => c.kind === 'upsert' && c.item.name === name && !c.item.containers.some((x) => x.name === ctr));
    expect(await docker('network', 'inspect', '--format', '{{len .Containers}}', name)).toBe('0');
    await expect(nets().disconnect({ network: name, container: ctr, force: false }, ctx())).rejects.toMatchObject({ code: 'CONFLICT', message: `${ctr} is not connected to ${name}` });
    ctl.abort();
  });

  it('protects the engine’s own networks, previews a prune, prunes, and removes', async () => {
    await expect(nets().remove({ network: 'bridge' }, ctx())).rejects.toMatchObject({ code: 'CONFLICT', message: '"bridge" is one of the engine\'s own networks; Berth does not remove it' });
    await expect(nets().remove({ network: `${prefix}nope` }, ctx())).rejects.toMatchObject({ code: 'NOT_FOUND', message: `There is no network "${prefix}nope"` });
    const spare = `${prefix}spare`;
    await docker('network', 'create', '--subnet', '10.213.42.0/24', spare);
    const preview = await nets().prunePreview({}, ctx());
    const names = preview.networks.map((n) => n.name);
    expect(names).toEqual(expect.arrayContaining([name, spare]));
    expect(names).not.toContain('bridge');
    // Prune only what this test made: other tests may own unused networks right now.
    await nets().remove({ network: spare }, ctx());
    await nets().remove({ network: name }, ctx());
    expect(await docker('network', 'ls', '-q', '--filter', `name=${prefix}`)).toBe('');
  });
});
