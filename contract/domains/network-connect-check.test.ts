import { describe, expect, it } from 'vitest';
import type { NetworkSummary } from '../models/networks.js';
import { connectIssues } from './network-connect-check.js';

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
    expect(connectIssues({ container: 'api', aliases: ['x'] }, net({ name: 'bridge', builtIn: true }))[0]?.field).toBe('aliases');
  });
});
