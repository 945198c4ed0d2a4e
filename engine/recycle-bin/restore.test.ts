import { describe, expect, it } from 'vitest';
import type { EngineRequest } from '../adapter/engine-adapter.js';
import type { EngineConnection } from '../client/engine-connection.js';
import type { CreateSpec } from './create-config.js';
import { restoreContainer } from './restore.js';

/** An engine error as docker-modem throws it. */
const engineError = (statusCode: number, message: string) => Object.assign(new Error(message), { statusCode, json: { message } });

/** A fake engine: `answer` decides each request (return a body or throw); every request is recorded. */
function fakeConnection(answer: (req: EngineRequest) => unknown) {
  const calls: string[] = [];
  const engine = {
    json: (req: EngineRequest) => {
      calls.push(`${req.method ?? 'GET'} ${req.path}`);
      return Promise.resolve().then(() => answer(req));
    },
  };
  return { conn: { engine, endpoint: { host: 'unix:///fake.sock' } } as unknown as EngineConnection, calls };
}

const spec: CreateSpec = {
  name: 'web',
  image: 'busybox:latest',
  imageId: 'sha256:img',
  containerId: 'old',
  wasRunning: true,
  body: { Image: 'busybox:latest', HostConfig: {} },
  extraEndpoints: [{ network: 'backend', config: {} }],
  anonymousVolumes: [],
  summary: { ports: [], mounts: [], networks: ['bridge', 'backend'], restartPolicy: 'no', labels: {} },
};

/** The engine a restore needs: no container named web yet, the image present, create answers id "new1". */
const baseline = (req: EngineRequest): unknown => {
  if (req.path === '/containers/web/json') throw engineError(404, 'No such container: web');
  if (req.path.startsWith('/images/')) return {};
  if (req.path === '/containers/create') return { Id: 'new1' };
  return {};
};

const signal = new AbortController().signal;

describe('restoreContainer: what happens after the container is recreated', () => {
  it('starts it and reports nothing missing when every step works', async () => {
    const { conn, calls } = fakeConnection(baseline);
    expect(await restoreContainer(conn, spec, true, signal)).toEqual({ containerId: 'new1', name: 'web', started: true });
    expect(calls).toContain('POST /containers/new1/start');
  });

  it('a start that fails is a restore that half succeeded: created, not started, with the reason', async () => {
    const { conn, calls } = fakeConnection((req) => {
      if (req.path === '/containers/new1/start') throw engineError(500, 'driver failed programming external connectivity: Bind for 0.0.0.0:8080 failed: port is already allocated');
      return baseline(req);
    });
    const r = await restoreContainer(conn, spec, true, signal);
    expect(r).toEqual({ containerId: 'new1', name: 'web', started: false, incomplete: ['not started: Port 8080 is already in use on the host (another program or container holds it)'] });
    expect(calls.some((c) => c.startsWith('DELETE'))).toBe(false);
  });

  it('a network that cannot be reconnected removes the new container again and fails', async () => {
    const { conn, calls } = fakeConnection((req) => {
      if (req.path === '/networks/backend/connect') throw engineError(404, 'network backend not found');
      return baseline(req);
    });
    await expect(restoreContainer(conn, spec, true, signal)).rejects.toThrow('Could not reconnect web to its networks: Network backend does not exist');
    expect(calls).toContain('DELETE /containers/new1');
    expect(calls).not.toContain('POST /containers/new1/start');
  });

  it('when that removal fails too, the container exists: it is reported, not started, instead of a failure', async () => {
    const { conn, calls } = fakeConnection((req) => {
      if (req.path === '/networks/backend/connect') throw engineError(404, 'network backend not found');
      if (req.method === 'DELETE') throw engineError(500, 'removal failed');
      return baseline(req);
    });
    expect(await restoreContainer(conn, spec, true, signal)).toEqual({
      containerId: 'new1',
      name: 'web',
      started: false,
      incomplete: ['not connected to backend: Network backend does not exist', 'not started'],
    });
    expect(calls).not.toContain('POST /containers/new1/start');
  });

  it('not asked to start: created and nothing missing', async () => {
    const { conn, calls } = fakeConnection(baseline);
    expect(await restoreContainer(conn, spec, false, signal)).toEqual({ containerId: 'new1', name: 'web', started: false });
    expect(calls).not.toContain('POST /containers/new1/start');
  });
});
