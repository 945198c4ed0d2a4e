import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { EngineConnection } from '../client/engine-connection.js';
import type { HubItem } from '../streams/event-hub.js';
import { AsyncQueue } from '../streams/async-queue.js';
import { fakeEngine } from '../testing/fake-engine.js';
import type { ForwardSpec } from '../../vm/ports/port-forwarder.js';
import { VmPortForwards } from './vm-port-forwards.js';

/** An engine with `running` containers (id → published host port), and a hub whose events the test pushes. */
function setup(running: Map<string, number>, taken = new Set<number>()) {
  const events = new AsyncQueue<HubItem>({ capacity: 100 });
  const made: ForwardSpec[] = [];
  const removed: ForwardSpec[] = [];
  const engine = fakeEngine({
    json: (async (req: { path: string }) => {
      if (req.path === '/containers/json') return [...running].map(([id, port]) => ({ Id: id, Names: [`/${id}-name`], Ports: [{ PrivatePort: 80, PublicPort: port, Type: 'tcp' }] }));
      const id = /^\/containers\/([^/]+)\/json$/.exec(req.path)?.[1] ?? '';
      const port = running.get(id);
      return { Id: id, Name: `/${id}-name`, State: { Running: port !== undefined }, NetworkSettings: { Ports: port ? { '80/tcp': [{ HostIp: '0.0.0.0', HostPort: String(port) }] } : {} } };
    }) as never,
  });
  const conn = { endpoint: { host: 'unix:///vm.sock', source: 'vm' }, engine, managed: true, hub: { subscribe: () => events } } as unknown as EngineConnection;
  const forwards = new VmPortForwards({
    forwarder: {
      async forward(spec) {
        if (taken.has(spec.hostPort)) throw new Error(`Could not set up host forwarding rule 'tcp:127.0.0.1:${spec.hostPort}-:${spec.guestPort}'`);
        made.push(spec);
        return { dispose: () => removed.push(spec) };
      },
    },
    allInterfaces: () => false,
    log: () => undefined,
  });
  const event = (action: string, id: string) => events.push({ kind: 'event', event: { type: 'container', action, id, attributes: {}, time: Date.now() } });
  return { conn, forwards, made, removed, event };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};

describe('VmPortForwards', () => {
  it('forwards what runs at attach, then follows start and die events; the view says where each port answers', async () => {
    const running = new Map([['a', 18080]]);
    const { conn, forwards, made, removed, event } = setup(running);
    forwards.attach(conn);
    await until(() => made.length === 1);
    expect(made[0]).toEqual({ protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 18080, guestPort: 18080 });
    running.set('b', 18081);
    event('start', 'b');
    await until(() => made.some((m) => m.hostPort === 18081));
    expect(forwards.view.get()).toMatchObject({ active: true, allInterfaces: false });
    expect(forwards.view.get().forwards.filter((f) => f.hostIp === '127.0.0.1').map((f) => f.containerId).sort()).toEqual(['a', 'b']);
    running.delete('b');
    event('die', 'b');
    await until(() => removed.some((m) => m.hostPort === 18081));
    expect(forwards.view.get().forwards.every((f) => f.containerId === 'a')).toBe(true);
    forwards.detach();
    expect(removed.some((m) => m.hostPort === 18080)).toBe(true);
    expect(forwards.view.get()).toEqual({ active: false, allInterfaces: false, forwards: [], warnings: [] });
  });

  it('relays ::1 to the IPv4 forward, so localhost over IPv6 reaches the port too', async () => {
    // The IPv4 "forward" here is a real listener on 127.0.0.1 standing in for QEMU's hostfwd.
    const server = createServer((s) => s.end('hello from the VM'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    const { conn, forwards } = setup(new Map([['web', port]]));
    forwards.attach(conn);
    await until(() => forwards.view.get().forwards.length > 0);
    const v6 = forwards.view.get().forwards.find((f) => f.hostIp === '::1');
    if (v6) {
      const { connect } = await import('node:net');
      const text = await new Promise<string>((resolve, reject) => {
        let out = '';
        connect({ host: '::1', port }).on('data', (d) => (out += d)).on('end', () => resolve(out)).on('error', reject);
      });
      expect(text).toBe('hello from the VM');
    } else {
      // No IPv6 loopback on this machine: the forward is IPv4 only, and no warning is raised for it.
      expect(forwards.view.get().warnings).toEqual([]);
    }
    forwards.dispose();
    server.close();
  });

  it('a taken host port becomes a warning on that container (which keeps running), and Retry tries again', async () => {
    const taken = new Set([18090]);
    const { conn, forwards, made } = setup(new Map([['busy', 18090]]), taken);
    forwards.attach(conn);
    await until(() => forwards.view.get().warnings.length > 0);
    const [w] = forwards.view.get().warnings;
    expect(w).toMatchObject({ containerId: 'busy', containerName: 'busy-name', hostPort: 18090, hostIp: '127.0.0.1' });
    expect(w!.message).toMatch(/Port 18090\/tcp is already in use on this computer .*The container keeps running/);
    taken.clear();
    const after = await forwards.retry('busy');
    expect(after.warnings).toEqual([]);
    expect(made.some((m) => m.hostPort === 18090)).toBe(true);
    forwards.dispose();
  });
});
