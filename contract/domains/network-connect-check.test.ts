import { describe, expect, it } from 'vitest';
import type { NetworkSummary } from '../models/networks.js';
import { connectIssues, joinBar, networkModeBar } from './network-connect-check.js';

const net = (over: Partial<NetworkSummary> = {}): NetworkSummary => ({
  id: 'n1',
  shortId: 'n1',
  name: 'app',
  driver: 'bridge',
  scope: 'local',
  internal: false,
  attachable: false,
  ingress: false,
  ipv6: false,
  created: 0,
  ipam: [{ subnet: '10.213.0.0/24', gateway: '10.213.0.1' }],
  labels: {},
  options: {},
  containers: [{ id: 'c1', name: 'web', state: 'running', ipv4: '10.213.0.2', aliases: [] }],
  builtIn: false,
  ...over,
});

describe('connect checks', () => {
  it('accepts a free address inside the subnet, with DNS aliases', () => {
    expect(connectIssues({ container: 'api', aliases: ['db', 'db.local'], ipv4: '10.213.0.9' }, net())).toEqual([]);
  });

  it('says why each bad request is bad', () => {
    expect(connectIssues({ container: 'web', aliases: [] }, net())).toEqual([{ field: 'container', message: 'web is already connected to app' }]);
    expect(connectIssues({ container: '', aliases: [] }, net())).toEqual([{ field: 'container', message: 'Choose a container to connect' }]);
    expect(connectIssues({ container: 'api', aliases: ['-bad'] }, net())).toEqual([{ field: 'aliases', message: 'The alias "-bad" is not a DNS name: use letters, digits, "_", "." and "-", starting and ending with a letter or digit' }]);
    expect(connectIssues({ container: 'api', aliases: [], ipv4: '10.213.1.9' }, net())).toEqual([{ field: 'ipv4', message: '10.213.1.9 is outside the subnet of app (10.213.0.0/24)' }]);
    expect(connectIssues({ container: 'api', aliases: [], ipv4: '10.213.0.2' }, net())).toEqual([{ field: 'ipv4', message: '10.213.0.2 is already used by web on app' }]);
    expect(connectIssues({ container: 'api', aliases: [], ipv4: '10.213.0.1' }, net())).toEqual([{ field: 'ipv4', message: '10.213.0.1 is the gateway of app' }]);
    expect(connectIssues({ container: 'api', aliases: [], ipv4: 'fd00::1' }, net())).toEqual([{ field: 'ipv4', message: '"fd00::1" is an IPv6 address; put it under IPv6' }]);
    expect(connectIssues({ container: 'api', aliases: [], ipv4: '10.0.0.300' }, net())).toEqual([{ field: 'ipv4', message: '"10.0.0.300" is not an IPv4 address' }]);
    expect(connectIssues({ container: 'api', aliases: [], ipv4: '172.17.0.9' }, net({ name: 'bridge', builtIn: true }))).toEqual([{ field: 'ipv4', message: 'A static address needs a network created with a subnet; bridge has none you set' }]);
    expect(connectIssues({ container: 'api', aliases: [], ipv6: 'fd00::9' }, net({ name: 'bridge', builtIn: true }))).toEqual([{ field: 'ipv6', message: 'A static address needs a network created with an IPv6 subnet; bridge has none you set' }]);
    expect(connectIssues({ container: 'api', aliases: ['x'] }, net({ name: 'bridge', builtIn: true }))[0]?.field).toBe('aliases');
  });

  describe('refuses the addresses the engine keeps for itself', () => {
    const ipv4 = (address: string, over: Partial<NetworkSummary> = {}) => connectIssues({ container: 'api', aliases: [], ipv4: address }, net(over));
    const ipv6 = (address: string, over: Partial<NetworkSummary> = {}) => connectIssues({ container: 'api', aliases: [], ipv6: address }, net(over));
    // Created with only a subnet: the engine picked the gateway, and `docker network inspect` may not report it.
    const subnetOnly = { ipam: [{ subnet: '10.213.0.0/24' }] };

    it('the network address and the broadcast address of the subnet', () => {
      expect(ipv4('10.213.0.0', subnetOnly)).toEqual([{ field: 'ipv4', message: '10.213.0.0 is the network address of the subnet 10.213.0.0/24: the engine gives it to no container' }]);
      expect(ipv4('10.213.0.255', subnetOnly)).toEqual([{ field: 'ipv4', message: '10.213.0.255 is the broadcast address of the subnet 10.213.0.0/24: the engine gives it to no container' }]);
      expect(ipv4('10.213.0.0')).toEqual([{ field: 'ipv4', message: '10.213.0.0 is the network address of the subnet 10.213.0.0/24: the engine gives it to no container' }]);
      expect(ipv4('10.213.0.254', subnetOnly)).toEqual([]);
    });

    it('the gateway the engine picked when none was given: the first address of the subnet, or of the IP range', () => {
      expect(ipv4('10.213.0.1', subnetOnly)).toEqual([{ field: 'ipv4', message: '10.213.0.1 is the gateway of app (the engine picked it)' }]);
      const ranged = { ipam: [{ subnet: '10.213.0.0/24', ipRange: '10.213.0.128/25' }] };
      expect(ipv4('10.213.0.128', ranged)).toEqual([{ field: 'ipv4', message: '10.213.0.128 is the gateway of app (the engine picked it)' }]);
      expect(ipv4('10.213.0.1', ranged)).toEqual([]);
      // A range at the start of the subnet: its first address is the subnet's own, so the next one.
      expect(ipv4('10.213.0.1', { ipam: [{ subnet: '10.213.0.0/24', ipRange: '10.213.0.0/25' }] })).toEqual([{ field: 'ipv4', message: '10.213.0.1 is the gateway of app (the engine picked it)' }]);
      // A gateway that was set is the only one: the first address is then free.
      expect(ipv4('10.213.0.1', { ipam: [{ subnet: '10.213.0.0/24', gateway: '10.213.0.254' }] })).toEqual([]);
      expect(ipv4('10.213.0.254', { ipam: [{ subnet: '10.213.0.0/24', gateway: '10.213.0.254' }] })).toEqual([{ field: 'ipv4', message: '10.213.0.254 is the gateway of app' }]);
    });

    it('on IPv6: the subnet’s own address and the picked gateway, written either way; no broadcast address', () => {
      const v6 = { ipv6: true, ipam: [{ subnet: '10.213.0.0/24' }, { subnet: 'fd00:10:213::/64' }] };
      expect(ipv6('fd00:10:213::', v6)).toEqual([{ field: 'ipv6', message: 'fd00:10:213:: is the network address of the subnet fd00:10:213::/64: the engine gives it to no container' }]);
      expect(ipv6('fd00:10:213:0::1', v6)).toEqual([{ field: 'ipv6', message: 'fd00:10:213:0::1 is the gateway of app (the engine picked it)' }]);
      expect(ipv6('fd00:10:213::9', v6)).toEqual([]);
      expect(ipv6('fd00:10:213::1', { ipv6: true, ipam: [{ subnet: 'fd00:10:213::/64', gateway: 'fd00:10:213::1' }] })).toEqual([{ field: 'ipv6', message: 'fd00:10:213::1 is the gateway of app' }]);
    });

    it('in a /31 or /32 every address is a host', () => {
      expect(ipv4('10.213.0.0', { ipam: [{ subnet: '10.213.0.0/31', gateway: '10.213.0.1' }] })).toEqual([]);
    });
  });

  describe('containers that cannot join: known before asking, in one wording', () => {
    it('tells a host, another container’s or a "none" network apart; a container that left "none" can join', () => {
      expect(networkModeBar({ networkMode: 'host', networks: ['host'] })).toBe('host');
      expect(networkModeBar({ networkMode: 'container:abc', networks: [] })).toBe('container');
      expect(networkModeBar({ networkMode: 'none', networks: ['none'] })).toBe('none');
      expect(networkModeBar({ networkMode: 'none', networks: ['bridge'] })).toBeUndefined();
      expect(networkModeBar({ networkMode: 'default', networks: ['bridge'] })).toBeUndefined();
      expect(networkModeBar({})).toBeUndefined();
    });

    it('says why, after the container’s name, for the list of choices', () => {
      expect(joinBar({ id: 'c1', name: 'web' }, net())).toBe('is already connected to app');
      expect(joinBar({ id: 'c2', name: 'lone', networkMode: 'none', networks: ['none'] }, net())).toBe('runs with networking turned off (the "none" network)');
      expect(joinBar({ id: 'c3', name: 'side', networkMode: 'container:c1', networks: [] }, net())).toBe("uses another container's network");
      expect(joinBar({ id: 'c4', name: 'api', networkMode: 'bridge', networks: ['bridge'] }, net())).toBeUndefined();
    });

    it('refuses any container on "host" and "none", which are taken only at create', () => {
      expect(connectIssues({ container: 'c4', aliases: [] }, net({ name: 'host', builtIn: true, containers: [] }))).toEqual([
        { field: 'container', message: 'A container is put on "host" only when it is created (docker run --network host); it cannot be connected later' },
      ]);
    });

    it('refuses them with the name and what to do instead', () => {
      expect(connectIssues({ container: 'c2', aliases: [] }, net(), { name: 'lone', networkMode: 'none', networks: ['none'] })).toEqual([
        { field: 'container', message: 'lone runs with networking turned off (the "none" network), so it cannot join app; disconnect it from "none" first' },
      ]);
      expect(connectIssues({ container: 'c5', aliases: [] }, net(), { name: 'edge', networkMode: 'host', networks: ['host'] })).toEqual([
        { field: 'container', message: "edge uses the host's network, so it cannot join app; create it again on a network instead" },
      ]);
    });
  });
});
