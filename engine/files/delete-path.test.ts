import { describe, expect, it } from 'vitest';
import { containerFilesApi } from '../../contract/domains/container-files.js';
import { deleteBlockedReason, deletePath, rmError } from './delete-path.js';

describe('delete in a container', () => {
  it('needs a running, unpaused container', () => {
    expect(deleteBlockedReason({ Running: true })).toBeUndefined();
    expect(deleteBlockedReason({ Running: false })).toMatch(/^Start the container to delete files/);
    expect(deleteBlockedReason({ Running: true, Paused: true })).toMatch(/^Unpause the container to delete files/);
  });

  it('never deletes /, even written as /.. or //, before asking the engine anything', async () => {
    const args = containerFilesApi.deletePath.args;
    for (const path of ['/', '//', '/..', '/bin/..']) expect(args.safeParse({ id: 'web', path }).success).toBe(false);
    expect(args.parse({ id: 'web', path: '/www/' })).toEqual({ id: 'web', path: '/www' });
    const engine = new Proxy({}, { get: () => () => Promise.reject(new Error('the engine was called')) });
    await expect(deletePath({ engine: engine as never, id: 'web', path: '/' })).rejects.toMatchObject({ code: 'VALIDATION', message: 'The root folder “/” cannot be deleted' });
  });

  it('words rm’s failures: its own message, a missing rm, no output at all', () => {
    expect(rmError('/ro/f', 1, "rm: can't remove '/ro/f': Read-only file system\n").message).toBe("Could not delete /ro/f: rm: can't remove '/ro/f': Read-only file system");
    expect(
      rmError('/x', 127, 'OCI runtime exec failed: exec failed: unable to start container process: exec: "rm": executable file not found in $PATH: unknown').message,
    ).toBe('Could not delete /x: this container has no rm command');
    expect(rmError('/x', 1, '').message).toBe('Could not delete /x: rm ended with code 1');
  });
});
