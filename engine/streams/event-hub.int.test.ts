import { existsSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDockerAdapter } from '../adapter/docker-adapter.js';
import { engineEventSource } from '../client/engine-connection.js';
import { docker, nextMatching, removeContainers, TEST_IMAGE, TEST_SOCKET, uniquePrefix } from '../testing/int-helpers.js';
import { EventHub, type HubItem, type HubStatus } from './event-hub.js';

/** A unix-socket proxy in front of the real engine that can be cut and restored. */
class SocketProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  constructor(
    readonly path: string,
    private readonly target: string,
  ) {}

  up(): Promise<void> {
    rmSync(this.path, { force: true });
    const server = createServer((client) => {
      const upstream = createConnection(this.target);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    this.server = server;
    return new Promise((resolve) => server.listen(this.path, resolve));
  }

  /** Refuse new connections and drop the live ones. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    const closed = new Promise((r) => server.close(r));
    for (const s of this.sockets) s.destroy();
    await closed;
  }
}

const prefix = uniquePrefix('hub');
const proxyPath = join(tmpdir(), `${prefix}p.sock`);

afterAll(async () => {
  await removeContainers(prefix);
  rmSync(proxyPath, { force: true });
});

describe('EventHub against the real dockerd', () => {
  it('resumes after the connection is cut: an event that happened meanwhile arrives exactly once', async () => {
    const proxy = new SocketProxy(proxyPath, TEST_SOCKET);
    await proxy.up();
    const hub = new EventHub({ source: engineEventSource(createDockerAdapter({ socketPath: proxyPath }, { host: `unix://${proxyPath}`, source: 'setting' })) });
    const states: HubStatus['state'][] = [];
    hub.onStatus((s) => states.push(s.state));
    const sub = hub.subscribe({ types: ['container'] });
    try {
      await hub.start();
      const seen: HubItem[] = [];
      const isFor = (id: string, action: string) => (i: HubItem) => i.kind === 'event' && i.event.id === id && i.event.action === action;

      // The stream works before the cut.
      const before = await docker('create', '--name', `${prefix}before`, TEST_IMAGE, 'true');
      await nextMatching(sub, isFor(before, 'create'), 30_000, seen);

      await proxy.cut();
      expect(existsSync(proxyPath)).toBe(false);
      await new Promise((r) => setTimeout(r, 300));
      expect(hub.status.state).toBe('reconnecting');

      // These happen while Berth cannot see the engine.
      const during = await docker('create', '--name', `${prefix}during`, TEST_IMAGE, 'sleep', '300');
      await docker('start', during);
      await new Promise((r) => setTimeout(r, 500));

      await proxy.up();
      await nextMatching(sub, isFor(during, 'start'), 30_000, seen);
      // Something after the resume, to be sure the boundary has been passed.
      await docker('stop', '-t', '0', during);
      await nextMatching(sub, isFor(during, 'die'), 30_000, seen);

      const count = (id: string, action: string) => seen.filter(isFor(id, action)).length;
      expect(count(during, 'create')).toBe(1);
      expect(count(during, 'start')).toBe(1);
      expect(count(before, 'create')).toBe(1); // not replayed
      expect(seen.filter((i) => i.kind === 'resumed')).toHaveLength(1);
      const resumedAt = seen.findIndex((i) => i.kind === 'resumed');
      expect(seen.findIndex(isFor(during, 'create'))).toBeGreaterThan(resumedAt);
      expect(states).toContain('reconnecting');
      expect(states.at(-1)).toBe('connected');
    } finally {
      hub.dispose();
      await proxy.cut();
    }
  });
});
