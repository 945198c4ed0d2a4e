import { describe, expect, it } from 'vitest';
import type { FileEntry } from '../../../../contract/models/container-files.js';
import { askAlso, folderClashMessage, planUploads } from './upload-clashes.js';

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

describe('askAlso', () => {
  const name = (f: { name: string; v?: number }) => f.name;

  it('an upload that asks nothing keeps the questions still waiting', () => {
    const pending = [{ dir: '/data', files: [{ name: 'a.txt' }] }];
    expect(askAlso(pending, 'files', '/data', [], name)).toEqual(pending);
  });

  it('into the same folder, joins its question; a newer file of the same name takes the older one’s place', () => {
    const pending = [{ dir: '/data', files: [{ name: 'a.txt', v: 1 }, { name: 'b.txt', v: 1 }] }];
    expect(askAlso(pending, 'files', '/data', [{ name: 'a.txt', v: 2 }, { name: 'c.txt', v: 2 }], name)).toEqual([
      { dir: '/data', files: [{ name: 'b.txt', v: 1 }, { name: 'a.txt', v: 2 }, { name: 'c.txt', v: 2 }] },
    ]);
  });

  it('into another folder, adds a question of its own and keeps the first', () => {
    const pending = [{ dir: '/data', folders: [{ name: 'site' }] }];
    expect(askAlso(pending, 'folders', '/www', [{ name: 'site' }], name)).toEqual([
      { dir: '/data', folders: [{ name: 'site' }] },
      { dir: '/www', folders: [{ name: 'site' }] },
    ]);
  });
});
