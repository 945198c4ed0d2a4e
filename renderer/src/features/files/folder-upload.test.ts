import { describe, expect, it } from 'vitest';
import type { FileEntry } from '../../../../contract/models/container-files.js';
import { eachLimited, fileClashMessage, folderOf, folderUploadMeets, folderUploads, makeEmptyFolders, readDropped, type DroppedEntry } from './folder-upload.js';

const picked = (webkitRelativePath: string) => ({ name: webkitRelativePath.split('/').pop()!, webkitRelativePath });

/** A fake dropped tree: a string is a file, an object a folder; readers answer in batches of 2. */
function entry(path: string, node: string | Record<string, unknown>): DroppedEntry {
  const name = path.split('/').pop()!;
  if (typeof node === 'string') return { isFile: true, isDirectory: false, name, fullPath: path, file: (ok) => ok({ name, text: node } as unknown as File) };
  const children = Object.entries(node).map(([n, v]) => entry(`${path}/${n}`, v as string | Record<string, unknown>));
  return {
    isFile: false,
    isDirectory: true,
    name,
    fullPath: path,
    createReader: () => {
      let at = 0;
      return { readEntries: (ok) => ok(children.slice(at, (at += 2))) };
    },
  };
}

describe('folder uploads', () => {
  it('keeps each picked file’s folder, grouped by the top folder', () => {
    expect(folderOf('site/css/a.css')).toBe('site/css');
    expect(folderOf('/site/a')).toBe('site');
    expect(folderOf('a.txt')).toBeUndefined();
    expect(folderOf('site/../a')).toBeUndefined();
    const groups = folderUploads([picked('site/index.html'), picked('site/css/a.css'), picked('other/x')]);
    expect(groups.map((g) => [g.top, g.files.map((f) => `${f.folder} ${f.file.name}`)])).toEqual([
      ['site', ['site index.html', 'site/css a.css']],
      ['other', ['other x']],
    ]);
  });

  it('says what a folder meets: nothing, a folder to merge into, or a file it cannot replace', () => {
    const entries: FileEntry[] = [
      { name: 'site', kind: 'dir', size: 0, mode: 'drwxr-xr-x', mtime: 0 },
      { name: 'note', kind: 'file', size: 1, mode: '-rw-r--r--', mtime: 0 },
    ];
    expect(folderUploadMeets('new', entries)).toBe('fresh');
    expect(folderUploadMeets('site', entries)).toBe('merge');
    expect(folderUploadMeets('note', entries)).toBe('refused');
    expect(fileClashMessage('/www', 'note')).toBe('/www/note is a file; a folder cannot replace it. Rename the folder or remove the file first.');
  });

  it('reads a dropped folder’s whole tree, through readers that answer in batches, and loose files apart', async () => {
    const tree = entry('/site', { 'index.html': 'i', css: { 'a.css': 'a', 'b.css': 'b', 'c.css': 'c' }, empty: {} });
    const { files, folders } = await readDropped([tree, entry('/loose.txt', 'l')]);
    expect(files.map((f) => f.name)).toEqual(['loose.txt']);
    expect(folders.map((g) => [g.top, g.files.map((f) => `${f.folder}/${f.file.name}`)])).toEqual([['site', ['site/index.html', 'site/css/a.css', 'site/css/b.css', 'site/css/c.css']]]);
    // Before, an empty folder of the tree was not uploaded at all.
    expect(folders[0]!.empty).toEqual(['site/empty']);
  });

  it('lists the tree’s folders without a file below them, each parent before what it holds', async () => {
    const tree = entry('/app', { src: { 'main.ts': 'm' }, logs: {}, data: { cache: { tmp: {} }, 'keep.txt': 'k', spool: { a: {} } } });
    const { folders } = await readDropped([tree, entry('/blank', { inner: {} })]);
    expect(folders.map((g) => [g.top, g.empty])).toEqual([
      ['app', ['app/logs', 'app/data/cache', 'app/data/cache/tmp', 'app/data/spool', 'app/data/spool/a']],
      ['blank', ['blank/inner']],
    ]);
    expect(folders[1]!.files).toEqual([]);
  });

  it('makes empty folders in order, each in the folder above it; one already there is fine, other failures are said', async () => {
    const calls: string[] = [];
    const errors: string[] = [];
    const mkdir = async ({ path, folder }: { path: string; folder: string }) => {
      calls.push(`${path} + ${folder}`);
      if (folder === 'there') throw Object.assign(new Error('/www/app/there already exists'), { code: 'CONFLICT' });
      if (folder === 'ro') throw Object.assign(new Error('/www/app/ro: read-only file system'), { code: 'ENGINE' });
    };
    await makeEmptyFolders(mkdir, '/www', ['app', 'app/there', 'app/logs', 'app/logs/old', 'app/ro'], (m) => errors.push(m));
    expect(calls).toEqual(['/www + app', '/www/app + there', '/www/app + logs', '/www/app/logs + old', '/www/app + ro']);
    expect(errors).toEqual(['/www/app/ro: read-only file system']);
  });

  it('runs at most `limit` at a time, and all of them even when some fail', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await eachLimited([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      done.push(n);
      if (n === 2) throw new Error('failed');
    });
    expect(most).toBe(3);
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});
