import { describe, expect, it } from 'vitest';
import { container } from '../../testing/fake-api.js';
import { removalBlock, selectImageUsers } from './image-users.js';

describe('selectImageUsers', () => {
  const image = { id: 'sha256:aaa', containers: [{ id: 'c1', name: 'web', state: 'created' }] };

  it('reads the live containers store: current states, containers made since, only this image', () => {
    const store = new Map(
      [
        container('c1', { name: 'web', imageId: 'sha256:aaa', state: 'running' }),
        container('c2', { name: 'api', imageId: 'sha256:aaa', state: 'exited' }),
        container('c3', { name: 'db', imageId: 'sha256:bbb', state: 'running' }),
      ].map((c) => [c.id, c]),
    );
    expect(selectImageUsers(store, true, image)).toEqual([
      { id: 'c2', name: 'api', state: 'exited' },
      { id: 'c1', name: 'web', state: 'running' },
    ]);
  });

  it('is empty once the store has no container of the image', () => {
    expect(selectImageUsers(new Map(), true, image)).toEqual([]);
  });

  it('falls back to the image list’s refs until the store is live', () => {
    expect(selectImageUsers(new Map(), false, image)).toBe(image.containers);
  });
});

describe('removalBlock', () => {
  const ref = (name: string, state: string) => ({ id: name, name, state });

  it('nothing blocks an image no container uses', () => {
    expect(removalBlock([])).toBeUndefined();
  });

  it('stopped containers: remove them first, or force (force gets past them)', () => {
    expect(removalBlock([ref('web', 'exited')])).toEqual({ message: 'Used by container web (exited). Remove it first, or force.', forceHelps: true });
    expect(removalBlock([ref('a', 'created'), ref('b', 'dead')])).toEqual({ message: 'Used by containers a (created), b (dead). Remove them first, or force.', forceHelps: true });
  });

  it('a running, paused or restarting container: stop it first, since even force cannot get past it', () => {
    expect(removalBlock([ref('web', 'running')])).toEqual({ message: 'Used by container web (running). Stop it first: even force cannot remove an image a running container uses.', forceHelps: false });
    expect(removalBlock([ref('a', 'paused'), ref('b', 'restarting')])?.message).toBe('Used by containers a (paused), b (restarting). Stop them first: even force cannot remove an image a running container uses.');
    expect(removalBlock([ref('a', 'exited'), ref('b', 'running')])).toEqual({
      message: 'Used by containers a (exited), b (running). Stop b first: even force cannot remove an image a running container uses.',
      forceHelps: false,
    });
  });
});
