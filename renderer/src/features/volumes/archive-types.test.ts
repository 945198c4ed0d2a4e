import { describe, expect, it } from 'vitest';
import { ARCHIVE_ACCEPT, ARCHIVE_SUFFIXES, archiveBaseName } from './archive-types.js';
import { nameFromArchive } from './volume-job-dialogs.js';

/** A file chooser's match of `accept` by extension: the name ends with one of the "."-entries. */
const picked = (fileName: string) =>
  ARCHIVE_ACCEPT.split(',')
    .filter((a) => a.startsWith('.'))
    .some((ext) => fileName.toLowerCase().endsWith(ext));

describe('volume import archives', () => {
  it('lets the file picker offer every archive the engine unpacks, bzip2 and xz included', () => {
    for (const name of ['a.tar', 'a.tar.gz', 'a.tgz', 'a.tar.bz2', 'a.tbz2', 'a.tbz', 'a.tar.xz', 'a.TXZ']) expect(picked(name), name).toBe(true);
    for (const s of ARCHIVE_SUFFIXES) expect(picked(`x${s}`), s).toBe(true);
    expect(picked('a.zip')).toBe(false);
  });

  it('takes the new volume name from any of those archives', () => {
    expect(nameFromArchive('app-data.tar.bz2')).toBe('app-data');
    expect(nameFromArchive('app-data.tbz2')).toBe('app-data');
    expect(nameFromArchive('app-data.tar.xz')).toBe('app-data');
    expect(nameFromArchive('app-data.txz')).toBe('app-data');
    expect(nameFromArchive('app-data.tar.gz')).toBe('app-data');
    expect(nameFromArchive('notes.zip')).toBeUndefined();
    expect(archiveBaseName('Backup.TAR.XZ')).toBe('Backup');
  });
});
