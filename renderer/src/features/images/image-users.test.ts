import { describe, expect, it } from 'vitest';
import { container } from '../../testing/fake-api.js';
import { selectImageUsers } from './image-users.js';

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
