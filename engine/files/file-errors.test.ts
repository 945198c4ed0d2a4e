import { describe, expect, it } from 'vitest';
import { kindClashError, readOnlyMessage } from './file-errors.js';

describe('kindClashError: the engine refusing to swap a folder and a file (noOverwriteDirNonDir)', () => {
  it('a file over a folder', () => {
    const err = kindClashError('Error processing tar file(exit status 1): cannot overwrite directory "/data/many" with non-directory "/data"', '/data');
    expect(err).toMatchObject({ code: 'CONFLICT', message: '/data/many is a folder; a file cannot replace it. Rename the file or remove the folder first.' });
  });

  it('a folder over a file, with a host path cut to the container path', () => {
    const err = kindClashError('cannot overwrite non-directory "/var/lib/docker/overlay2/abc/merged/data/note" with directory "/data"', '/data');
    expect(err?.message).toBe('/data/note is a file; a folder cannot replace it. Rename the folder or remove the file first.');
  });

  it('undefined for any other message', () => {
    expect(kindClashError('no space left on device', '/data')).toBeUndefined();
  });
});

describe('readOnlyMessage: which read-only thing refused a write', () => {
  const ro = { Type: 'volume', Name: 'data', Destination: '/ro', RW: false };
  const rw = { Type: 'bind', Source: '/home/me/w', Destination: '/ro/w', RW: true };
  const engine = 'mounted volume is marked read-only';

  it('names the read-only mount the path is in (the innermost mount decides)', () => {
    expect(readOnlyMessage('/ro', { Mounts: [ro] }, engine)).toBe('/ro is a read-only mount (volume data): nothing can be written in it');
    expect(readOnlyMessage('/ro/sub', { Mounts: [ro, rw] }, engine)).toBe('/ro is a read-only mount (volume data): nothing can be written in it');
    expect(readOnlyMessage('/x', { Mounts: [{ Type: 'bind', Source: '/srv', Destination: '/x', RW: false }] }, engine)).toBe(
      '/x is a read-only mount (bind mount of /srv): nothing can be written in it',
    );
    expect(readOnlyMessage('/ro/w/a', { Mounts: [ro, rw] }, engine)).toBe("The container's filesystem is read-only: mounted volume is marked read-only");
    expect(readOnlyMessage('/rope', { Mounts: [ro] }, engine)).toBe("The container's filesystem is read-only: mounted volume is marked read-only");
  });

  it('says when the root filesystem is read-only (--read-only), and keeps the engine’s words otherwise', () => {
    expect(readOnlyMessage('/www', { Mounts: [ro], HostConfig: { ReadonlyRootfs: true } }, 'container rootfs is marked read-only')).toBe(
      "The container's root filesystem is read-only (it was started with --read-only): /www cannot be written",
    );
    expect(readOnlyMessage('/www', {}, engine)).toBe("The container's filesystem is read-only: mounted volume is marked read-only");
  });
});
