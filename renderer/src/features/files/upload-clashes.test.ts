import { describe, expect, it } from 'vitest';
import type { FileEntry } from '../../../../contract/models/container-files.js';
import { folderClashMessage, planUploads } from './upload-clashes.js';

const entries: FileEntry[] = [
  { name: 'many', kind: 'dir', size: 0, mode: 'drwxr-xr-x', mtime: 1 },
  { name: 'note.txt', kind: 'file', size: 3, mode: '-rw-r--r--', mtime: 2 },
  { name: 'link', kind: 'symlink', size: 0, mode: 'lrwxrwxrwx', mtime: 3, linkTarget: 'note.txt' },
];

describe('planUploads', () => {
  it('a file named like a folder is refused, never offered as a replacement', () => {
    const plan = planUploads([{ name: 'many' }, { name: 'note.txt' }, { name: 'new.bin' }, { name: 'link' }], entries);
    expect(plan).toEqual({ fresh: [{ name: 'new.bin' }], replace: [{ name: 'note.txt' }, { name: 'link' }], refused: [{ name: 'many' }] });
  });

  it('says which folder is in the way and what to do', () => {
    expect(folderClashMessage('/data', 'many')).toBe('/data/many is a folder; a file cannot replace it. Rename the file or remove the folder first.');
    expect(folderClashMessage('/', 'many')).toBe('/many is a folder; a file cannot replace it. Rename the file or remove the folder first.');
  });
});
