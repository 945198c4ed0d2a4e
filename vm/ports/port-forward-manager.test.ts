import { describe, expect, it } from 'vitest';
import type { ForwardSpec, PortForwarder } from './port-forwarder.js';
import { PortForwardManager, type ContainerPorts, type PortEvent } from './port-forward-manager.js';

/** A forwarder that records what is open; `taken` holds host ports something else already uses. */
function fakeForwarder(taken = new Set<string>(), delayMs = 0) {
  const open = new Map<string, ForwardSpec>();
  const log: string[] = [];
  const key = (s: ForwardSpec) => `${s.protocol}:${s.hostIp}:${s.hostPort}`;
  const forwarder: PortForwarder = {
    async forward(spec) {
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      if (taken.has(key(spec)) || open.has(key(spec))) throw Object.assign(new Error(`listen EADDRINUSE ${key(spec)}`), { code: 'EADDRINUSE' });
      open.set(key(spec), spec);
      log.push(`+${key(spec)}`);
      return { dispose: () => (open.delete(key(spec)), log.push(`-${key(spec)}`)) };
    },
  };
  return { forwarder, open, log, keys: () => [...open.keys()].sort() };
}

const web: ContainerPorts = { id: 'c1', name: 'web', ports: [{ protocol: 'tcp', port: 8080, containerPort: 80 }, { protocol: 'tcp', port: 8080, containerPort: 80 }] };
const dns: ContainerPorts = { id: 'c2', name: 'dns', ports: [{ protocol: 'udp', port: 5353, containerPort: 53 }] };

async function feed(m: PortForwardManager, events: PortEvent[]) {
  for (const e of events) await m.handle(e);
}

describe('PortForwardManager on a fake event stream', () => {
  it('adds a loopback forward (IPv4 and ::1) on start and removes it on stop', async () => {
    const v4 = fakeForwarder();
    const v6 = fakeForwarder();
    const m = new PortForwardManager({ forwarder: v4.forwarder, ipv6Forwarder: v6.forwarder });
    await m.handle({ kind: 'up', container: web });
    expect(v4.keys()).toEqual(['tcp:127.0.0.1:8080']);
    expect(v6.keys()).toEqual(['tcp:::1:8080']);
    expect(m.forwards()).toContainEqual({ containerId: 'c1', protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 8080, guestPort: 8080 });
    await m.handle({ kind: 'down', id: 'c1' });
    expect(v4.keys()).toEqual([]);
    expect(v6.keys()).toEqual([]);
    expect(m.forwards()).toEqual([]);
  });

  it('forwards UDP as UDP', async () => {
    const v4 = fakeForwarder();
    const m = new PortForwardManager({ forwarder: v4.forwarder });
    await m.handle({ kind: 'up', container: dns });
    expect(v4.keys()).toEqual(['udp:127.0.0.1:5353']);
  });

  it('a taken host port becomes a warning on that container; its other ports still forward', async () => {
    const v4 = fakeForwarder(new Set(['tcp:127.0.0.1:8080']));
    const m = new PortForwardManager({ forwarder: v4.forwarder });
    let changes = 0;
    m.onChange(() => changes++);
    const both: ContainerPorts = { ...web, ports: [...web.ports, { protocol: 'tcp', port: 8443, containerPort: 443 }] };
    await m.handle({ kind: 'up', container: both });
    expect(v4.keys()).toEqual(['tcp:127.0.0.1:8443']);
    const [w] = m.warnings('c1');
    expect(w).toMatchObject({ containerName: 'web', hostPort: 8080, protocol: 'tcp' });
    expect(w?.message).toMatch(/Port 8080\/tcp is already in use on this computer \(127\.0\.0\.1:8080\), so web \(its port 80\/tcp\)/);
    expect(w?.message).toMatch(/keeps running/);
    expect(m.warnings('c2')).toEqual([]);
    expect(changes).toBe(1);
    await m.handle({ kind: 'down', id: 'c1' });
    expect(m.warnings()).toEqual([]);
  });

  it('retry after the port was freed clears the warning', async () => {
    const taken = new Set(['tcp:127.0.0.1:8080']);
    const v4 = fakeForwarder(taken);
    const m = new PortForwardManager({ forwarder: v4.forwarder });
    await m.handle({ kind: 'up', container: web });
    expect(m.warnings('c1')).toHaveLength(1);
    taken.clear();
    await m.retry('c1');
    expect(m.warnings('c1')).toEqual([]);
    expect(v4.keys()).toEqual(['tcp:127.0.0.1:8080']);
  });

  it('engine restart: resync drops the gone, adds the new, keeps the unchanged forward as it is', async () => {
    const v4 = fakeForwarder();
    const m = new PortForwardManager({ forwarder: v4.forwarder });
    await feed(m, [{ kind: 'up', container: web }, { kind: 'up', container: dns }]);
    v4.log.length = 0;
    const api: ContainerPorts = { id: 'c3', name: 'api', ports: [{ protocol: 'tcp', port: 3000 }] };
    await m.handle({ kind: 'resync', containers: [web, api] });
    expect(v4.log).toEqual(['-udp:127.0.0.1:5353', '+tcp:127.0.0.1:3000']);
    expect(v4.keys()).toEqual(['tcp:127.0.0.1:3000', 'tcp:127.0.0.1:8080']);
  });

  it('resync after a VM cold boot (forwarderReset) makes every forward again', async () => {
    const v4 = fakeForwarder();
    const m = new PortForwardManager({ forwarder: v4.forwarder });
    await m.handle({ kind: 'up', container: web });
    v4.log.length = 0;
    await m.handle({ kind: 'resync', containers: [web], forwarderReset: true });
    expect(v4.log).toEqual(['-tcp:127.0.0.1:8080', '+tcp:127.0.0.1:8080']);
  });

  it('a stop that overtakes a slow forward leaves nothing behind', async () => {
    const v4 = fakeForwarder(new Set(), 20);
    const m = new PortForwardManager({ forwarder: v4.forwarder });
    const up = m.handle({ kind: 'up', container: web });
    const down = m.handle({ kind: 'down', id: 'c1' });
    await Promise.all([up, down]);
    expect(v4.keys()).toEqual([]);
    expect(m.forwards()).toEqual([]);
  });

  it('the all-interfaces setting rebinds on 0.0.0.0 and ::', async () => {
    const v4 = fakeForwarder();
    const v6 = fakeForwarder();
    const m = new PortForwardManager({ forwarder: v4.forwarder, ipv6Forwarder: v6.forwarder });
    await m.handle({ kind: 'up', container: web });
    await m.setAllInterfaces(true);
    expect(v4.keys()).toEqual(['tcp:0.0.0.0:8080']);
    expect(v6.keys()).toEqual(['tcp::::8080']);
  });

  it('no IPv6 on the host is not a warning', async () => {
    const v4 = fakeForwarder();
    const noV6: PortForwarder = { forward: () => Promise.reject(Object.assign(new Error('listen EADDRNOTAVAIL ::1'), { code: 'EADDRNOTAVAIL' })) };
    const m = new PortForwardManager({ forwarder: v4.forwarder, ipv6Forwarder: noV6 });
    await m.handle({ kind: 'up', container: web });
    expect(m.warnings()).toEqual([]);
    expect(v4.keys()).toEqual(['tcp:127.0.0.1:8080']);
  });

  it('dispose closes every forward', async () => {
    const v4 = fakeForwarder();
    const m = new PortForwardManager({ forwarder: v4.forwarder });
    await feed(m, [{ kind: 'up', container: web }, { kind: 'up', container: dns }]);
    m.dispose();
    expect(v4.keys()).toEqual([]);
  });
});
