import { describe, expect, it } from 'vitest';
import { networkCreateIssues, networkCreateSchema, networkSpecShape, type NetworkCheckContext, type NetworkCreateInput } from './network-create-spec.js';

const context: NetworkCheckContext = {
  swarm: false,
  networks: [
    { name: 'bridge', ipam: [{ subnet: '172.17.0.0/16', gateway: '172.17.0.1' }] },
    { name: 'backend', ipam: [{ subnet: '10.213.0.0/16' }, { subnet: 'fd00:213::/64' }] },
  ],
};

function issues(input: Partial<NetworkCreateInput>, ctx = context) {
  return networkCreateIssues(networkSpecShape.parse({ name: 'new-net', ...input }), ctx);
}

describe('network create checks', () => {
  it('accepts a complete, non-overlapping spec', () => {
    expect(issues({ subnet: '10.214.0.0/24', gateway: '10.214.0.1', ipRange: '10.214.0.128/25', ipv6: true, subnet6: 'fd00:214::/64', gateway6: 'fd00:214::1', labels: { team: 'a' } })).toEqual([]);
  });

  it('names the network that owns an overlapping subnet, for IPv4 and IPv6', () => {
    expect(issues({ subnet: '10.213.7.0/24' })).toEqual([{ field: 'subnet', message: 'The subnet 10.213.7.0/24 overlaps 10.213.0.0/16 of the network "backend"' }]);
    expect(issues({ subnet: '172.16.0.0/12' })).toEqual([{ field: 'subnet', message: 'The subnet 172.16.0.0/12 overlaps 172.17.0.0/16 of the network "bridge"' }]);
    expect(issues({ ipv6: true, subnet6: 'fd00:213::/48' })).toEqual([{ field: 'subnet6', message: 'The IPv6 subnet fd00:213::/48 overlaps fd00:213::/64 of the network "backend"' }]);
  });

  it('refuses a gateway outside its subnet, or its network/broadcast address, or with no subnet', () => {
    expect(issues({ subnet: '10.214.0.0/24', gateway: '10.215.0.1' })).toEqual([{ field: 'gateway', message: 'The gateway 10.215.0.1 is outside the subnet 10.214.0.0/24' }]);
    expect(issues({ subnet: '10.214.0.0/24', gateway: '10.214.0.255' })).toEqual([{ field: 'gateway', message: 'The gateway 10.214.0.255 is the broadcast address of 10.214.0.0/24; pick an address inside it' }]);
    expect(issues({ gateway: '10.214.0.1' })).toEqual([{ field: 'gateway', message: 'A gateway needs a subnet to belong to' }]);
    expect(issues({ subnet: '10.214.0.0/24', gateway: 'ten' })).toEqual([{ field: 'gateway', message: 'The gateway "ten" is not an IP address' }]);
  });

  it('refuses an IP range outside its subnet, and a bad CIDR with its reason', () => {
    expect(issues({ subnet: '10.214.0.0/24', ipRange: '10.214.1.0/25' })).toEqual([{ field: 'ipRange', message: 'The IP range 10.214.1.0/25 is outside the subnet 10.214.0.0/24' }]);
    expect(issues({ subnet: '10.214.0.0/33' })).toEqual([{ field: 'subnet', message: 'The subnet has a bad prefix length "/33": it must be 0 to 32 for IPv4' }]);
    expect(issues({ subnet: 'fd00:214::/64' })).toEqual([{ field: 'subnet', message: 'The subnet "fd00:214::/64" is IPv6: put it under IPv6 subnet' }]);
  });

  it('checks the name, IPv6 without a subnet, and overlay without a swarm', () => {
    expect(issues({ name: 'backend' })).toEqual([{ field: 'name', message: 'A network named "backend" already exists' }]);
    expect(issues({ name: '-x' })[0]?.message).toBe('Network name "-x" must start with a letter or digit');
    expect(issues({ name: 'my net/2' })[0]?.message).toBe('Network name "my net/2" cannot contain spaces or "/": use only letters, digits, "_", "." and "-"');
    expect(issues({ name: '  ' })).toEqual([{ field: 'name', message: 'A network name is required' }]);
    expect(issues({ ipv6: true })).toEqual([{ field: 'subnet6', message: 'IPv6 needs an IPv6 subnet, e.g. fd00:10:213::/64' }]);
    expect(issues({ driver: 'overlay' })).toEqual([{ field: 'driver', message: 'Overlay networks need the engine to be a swarm manager (docker swarm init); this engine is not in a swarm' }]);
    expect(issues({ driver: 'overlay' }, { ...context, swarm: true })).toEqual([]);
  });

  it('refuses a bridge name the engine’s host cannot give an interface (too long, spaces, "/" or ":")', () => {
    const opt = (name: string, driver: 'bridge' | 'macvlan' = 'bridge') => issues({ driver, options: { 'com.docker.network.bridge.name': name } });
    expect(opt('br-web')).toEqual([]);
    expect(opt('x'.repeat(15))).toEqual([]);
    expect(opt('h16-bridge-name-too-long')).toEqual([{ field: 'options', message: 'The bridge name com.docker.network.bridge.name="h16-bridge-name-too-long" is 24 bytes long: an interface name has at most 15 bytes' }]);
    // The limit counts bytes: 8 letters "é" are 16 bytes in UTF-8, too long although 8 characters; 7 fit.
    expect(opt('é'.repeat(8))[0]?.message).toBe(`The bridge name com.docker.network.bridge.name="${'é'.repeat(8)}" is 16 bytes long (8 characters; a letter outside ASCII takes 2 to 4 bytes): an interface name has at most 15 bytes`);
    expect(opt('é'.repeat(7))).toEqual([]);
    expect(opt('a b')[0]?.message).toBe('The bridge name com.docker.network.bridge.name="a b" cannot contain spaces, "/" or ":" (it names an interface on the engine\'s host)');
    expect(opt('a/b')[0]?.field).toBe('options');
    expect(opt('')[0]?.message).toBe('The bridge name com.docker.network.bridge.name="" is not an interface name: give one such as br-web');
    expect(opt('x'.repeat(20), 'macvlan')).toEqual([]);
  });

  it('the schema itself carries the spec-only issues with their field as path', () => {
    const r = networkCreateSchema.safeParse({ name: 'n', subnet: '10.0.0.1/8' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['subnet', 'The subnet "10.0.0.1/8" has host bits set: did you mean 10.0.0.0/8?']]);
  });
});
