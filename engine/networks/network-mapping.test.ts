import { describe, expect, it } from 'vitest';
import { attachments, mapNetwork } from './network-mapping.js';

describe('network mapping', () => {
  it('joins containers to networks by id (by name before their first start), with addresses, aliases (without the implicit short id), sorted, helpers hidden', () => {
    const id = 'f5255ad6f50dc33d2134cbe8';
    const map = attachments(
      [
        { Id: id, Names: ['/web'], State: 'running', NetworkSettings: { Networks: { app: { NetworkID: 'n1', EndpointID: 'e1', IPAddress: '10.213.0.2', MacAddress: '02:42:0a' } } } },
        { Id: 'aaa', Names: ['/api'], State: 'exited', NetworkSettings: { Networks: { app: { NetworkID: 'n1', EndpointID: '' }, bridge: { NetworkID: '' } } } },
        { Id: 'hhh', Names: ['/helper'], State: 'created', Labels: { 'dev.berth.helper': 'volume' }, NetworkSettings: { Networks: { app: { NetworkID: 'n1' } } } },
        { Id: 'new', Names: ['/fresh'], State: 'created', NetworkSettings: { Networks: { app: { NetworkID: '' } } } },
      ],
      (ep) => (ep === 'e1' ? ['db', id.slice(0, 12)] : undefined),
      new Map([['app', 'n1']]),
    );
    expect([...map.keys()]).toEqual(['n1']);
    expect(map.get('n1')).toEqual([
      { id: 'aaa', name: 'api', state: 'exited', aliases: [] },
      { id: 'new', name: 'fresh', state: 'created', aliases: [] },
      { id, name: 'web', state: 'running', ipv4: '10.213.0.2', macAddress: '02:42:0a', aliases: ['db'] },
    ]);
  });

  it('maps a network and marks the engine’s own as built in', () => {
    const n = mapNetwork({ Id: '5ca53d9ef1661f54d300', Name: 'bridge', Driver: 'bridge', Created: '2026-12-03T16:21:33.869Z', IPAM: { Config: [{ Subnet: '172.17.0.0/16', Gateway: '172.17.0.1' }] }, Labels: null }, []);
    expect(n).toMatchObject({ shortId: '5ca53d9ef166', builtIn: true, ipam: [{ subnet: '172.17.0.0/16', gateway: '172.17.0.1' }], labels: {}, created: Date.parse('2026-12-03T16:21:33.869Z') });
    expect(mapNetwork({ Id: 'x', Name: 'mine' }, []).builtIn).toBe(false);
  });
});
