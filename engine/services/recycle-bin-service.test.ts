import { describe, expect, it } from 'vitest';
import { BerthError } from '../../contract/errors.js';
import type { EngineRequest } from '../adapter/engine-adapter.js';
import type { EngineConnection } from '../client/engine-connection.js';
import type { CreateSpec } from '../recycle-bin/create-config.js';
import type { RecycleBinStore } from '../recycle-bin/recycle-bin-store.js';
import { createRecycleBinService } from './recycle-bin-service.js';
import type { ServiceDeps } from './service-deps.js';

const spec: CreateSpec = {
  name: 'web',
  image: 'busybox:latest',
  imageId: 'sha256:img',
  containerId: 'old',
  wasRunning: true,
  body: { Image: 'busybox:latest', HostConfig: {} },
  extraEndpoints: [],
  anonymousVolumes: [],
  summary: { ports: [], mounts: [], networks: [], restartPolicy: 'no', labels: {} },
};

/** An engine where the restore works: no container named web, the image present, create answers "new1". */
const engine = {
  json: (req: EngineRequest) =>
    Promise.resolve().then(() => {
      if (req.path === '/containers/web/json') throw Object.assign(new Error('No such container: web'), { statusCode: 404, json: { message: 'No such container: web' } });
      return req.path === '/containers/create' ? { Id: 'new1' } : {};
    }),
};

/** The service over that engine and a bin whose delete does `del`. */
function service(del: () => Promise<void>) {
  const deps = { connections: { require: () => ({ engine, endpoint: { host: 'unix:///fake.sock' } }) as unknown as EngineConnection }, dataDir: '/nowhere', log: () => undefined };
  const bin = { get: () => Promise.resolve({ id: 'e1', kind: 'container', removedAt: 0, spec }), delete: del } as unknown as RecycleBinStore;
  return createRecycleBinService(deps as unknown as ServiceDeps, bin);
}
const ctx = { connectionId: 'unit', signal: new AbortController().signal };

describe('recycle bin restore: the entry once the container exists', () => {
  it('is deleted, and the result is a plain success', async () => {
    let deleted = 0;
    const r = await service(() => Promise.resolve(void deleted++)).restore({ id: 'e1' }, ctx);
    expect(r).toEqual({ containerId: 'new1', name: 'web', started: true });
    expect(deleted).toBe(1);
  });

  it('already gone (deleted or purged meanwhile) is no problem', async () => {
    const r = await service(() => Promise.reject(new BerthError('NOT_FOUND', 'That entry is no longer in Recently removed'))).restore({ id: 'e1' }, ctx);
    expect(r.incomplete).toBeUndefined();
  });

  it('that cannot be deleted does not turn the restore into a failure: the result says it is still listed', async () => {
    const r = await service(() => Promise.reject(new Error('EROFS: read-only file system'))).restore({ id: 'e1' }, ctx);
    expect(r).toEqual({ containerId: 'new1', name: 'web', started: true, incomplete: ['still listed in Recently removed: EROFS: read-only file system'] });
  });
});
