import { describe, expect, it } from 'vitest';
import type { ForwardSpec } from './port-forwarder.js';
import { EnginePortFeed, portsFromInspect, portsFromList, type FeedItem } from './engine-port-feed.js';
import { PortForwardManager, type ContainerPorts } from './port-forward-manager.js';

function setup(running: Map<string, ContainerPorts>, lookupDelayMs = 0) {
  const open = new Set<string>();
  const manager = new PortForwardManager({
    forwarder: {
      async forward(s: ForwardSpec) {
        open.add(`${s.protocol}:${s.hostPort}`);
        return { dispose: () => open.delete(`${s.protocol}:${s.hostPort}`) };
      },
    },
  });
  const feed = new EnginePortFeed(manager, {
    lookup: async (id) => {
      if (lookupDelayMs) await new Promise((r) => setTimeout(r, lookupDelayMs));
      return running.get(id);
    },
    snapshot: async () => [...running.values()],
  });
  return { feed, open, manager };
}

const ev = (action: string, id: string, type = 'container'): FeedItem => ({ kind: 'event', event: { type, action, id } });
const web: ContainerPorts = { id: 'w', name: 'web', ports: [{ protocol: 'tcp', port: 8080, containerPort: 80 }] };
const dns: ContainerPorts = { id: 'd', name: 'dns', ports: [{ protocol: 'udp', port: 5353, containerPort: 53 }] };

describe('EnginePortFeed (fake event stream)', () => {
  it('start → forward, die → gone; other types and actions are ignored', async () => {
    const running = new Map([['w', web]]);
    const { feed, open } = setup(running);
    await feed.push(ev('start', 'w', 'network'));
    expect([...open]).toEqual([]);
    await feed.push(ev('start', 'w'));
    expect([...open]).toEqual(['tcp:8080']);
    await feed.push(ev('pause', 'w'));
    expect([...open]).toEqual(['tcp:8080']);
    await feed.push(ev('die', 'w'));
    expect([...open]).toEqual([]);
  });

  it('a die arriving during the start lookup is applied after it', async () => {
    const running = new Map([['w', web]]);
    const { feed, open } = setup(running, 20);
    const a = feed.push(ev('start', 'w'));
    const b = feed.push(ev('die', 'w'));
    await Promise.all([a, b]);
    expect([...open]).toEqual([]);
  });

  it('a reconnect after an engine restart resyncs from the snapshot', async () => {
    const running = new Map([['w', web]]);
    const { feed, open } = setup(running);
    await feed.push(ev('start', 'w'));
    // While the engine was down: web did not come back, dns did (restart policy); no events arrived.
    running.delete('w');
    running.set('d', dns);
    await feed.push({ kind: 'resumed', downMs: 4000 });
    expect([...open]).toEqual(['udp:5353']);
  });
});

describe('published ports from Docker JSON', () => {
  it('inspect: both address families, UDP, unpublished ports skipped', () => {
    expect(
      portsFromInspect({
        '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '8080' }, { HostIp: '::', HostPort: '8080' }],
        '53/udp': [{ HostIp: '0.0.0.0', HostPort: '5353' }],
        '9000/tcp': null,
        '1/sctp': [{ HostIp: '0.0.0.0', HostPort: '1' }],
      }),
    ).toEqual([
      { protocol: 'tcp', port: 8080, containerPort: 80 },
      { protocol: 'tcp', port: 8080, containerPort: 80 },
      { protocol: 'udp', port: 5353, containerPort: 53 },
    ]);
  });

  it('list entries', () => {
    expect(portsFromList([{ PrivatePort: 80, PublicPort: 32768, Type: 'tcp' }, { PrivatePort: 443, Type: 'tcp' }])).toEqual([{ protocol: 'tcp', port: 32768, containerPort: 80 }]);
  });
});
