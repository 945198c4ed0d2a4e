import { describe, expect, it } from 'vitest';
import type { DirListing } from '../../../../contract/models/container-files.js';
import { withUploadedEntry } from './uploaded-entry.js';

const listing: DirListing = {
  path: '/tmp',
  resolvedPath: '/tmp',
  truncated: false,
  entries: [
    { name: 'dir', kind: 'dir', size: 0, mode: 'drwxr-xr-x', mtime: 1 },
    { name: 'a.bin', kind: 'file', size: 3, mode: '-rw-------', mtime: 2 },
  ],
};

describe('withUploadedEntry', () => {
  it('adds the uploaded file as a row, leaving the listing it came from untouched', () => {
    const next = withUploadedEntry(listing, 'new.bin', 33554432, 1000);
    expect(next.entries).toEqual([...listing.entries, { name: 'new.bin', kind: 'file', size: 33554432, mode: '-rw-r--r--', mtime: 1000 }]);
    expect(next.path).toBe('/tmp');
    expect(listing.entries).toHaveLength(2);
  });

  it('replaces the row of a file it was uploaded over, in place', () => {
    const next = withUploadedEntry(listing, 'a.bin', 9, 1000);
    expect(next.entries.map((e) => [e.name, e.size])).toEqual([['dir', 0], ['a.bin', 9]]);
  });
});
