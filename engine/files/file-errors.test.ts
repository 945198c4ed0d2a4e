import { describe, expect, it } from 'vitest';
import { kindClashError } from './file-errors.js';

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
