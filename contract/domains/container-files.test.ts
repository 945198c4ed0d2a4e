import { describe, expect, it } from 'vitest';
import { containerFilesApi, joinContainerPath, normalizeContainerPath, parentContainerPath } from './container-files.js';

const parse = (args: unknown) => containerFilesApi.listDir.args.safeParse(args);

describe('container file paths', () => {
  it('normalises absolute paths', () => {
    expect(normalizeContainerPath('/')).toBe('/');
    expect(normalizeContainerPath('//www//./sub/')).toBe('/www/sub');
    expect(normalizeContainerPath('/www/../../bin/..')).toBe('/');
    expect(joinContainerPath('/www', 'index.html')).toBe('/www/index.html');
    expect(joinContainerPath('/', 'bin')).toBe('/bin');
    expect(parentContainerPath('/www/sub')).toBe('/www');
    expect(parentContainerPath('/www')).toBe('/');
    expect(parentContainerPath('/')).toBe('/');
  });

  it('the schema normalises and refuses relative paths, NUL and junk with readable messages', () => {
    expect(parse({ id: 'abc', path: '/www/../bin/' })).toMatchObject({ success: true, data: { path: '/bin' } });
    expect(parse({ id: 'abc', path: 'www' }).error?.issues[0]?.message).toBe('must be an absolute path (start with "/")');
    expect(parse({ id: 'abc', path: '/a\0b' }).error?.issues[0]?.message).toBe('must not contain a NUL character');
    expect(parse({ id: 'abc', path: '' }).error?.issues[0]?.message).toBe('a path is required');
    expect(parse({ id: 'abc', path: '/', extra: 1 }).success).toBe(false);
    expect(parse({ id: '../x', path: '/' }).success).toBe(false);
  });

  it('upload arguments: a plain file name and a bounded size; the bytes travel as binary data, not in the arguments', () => {
    const args = containerFilesApi.upload.args;
    expect(containerFilesApi.upload.kind).toBe('upload');
    expect(containerFilesApi.download.kind).toBe('download');
    expect(args.safeParse({ id: 'c', path: '/tmp', name: 'a.txt', size: 3 }).success).toBe(true);
    expect(args.safeParse({ id: 'c', path: '/tmp', name: '../a', size: 3 }).error?.issues[0]?.message).toBe('must not contain "/" or a NUL character');
    expect(args.safeParse({ id: 'c', path: '/tmp', name: '..', size: 3 }).error?.issues[0]?.message).toBe('must not be "." or ".."');
    expect(args.safeParse({ id: 'c', path: '/tmp', name: 'a', size: -1 }).success).toBe(false);
    expect(args.safeParse({ id: 'c', path: '/tmp', name: 'a', size: 9 * 1024 ** 3 }).error?.issues[0]?.message).toBe('is larger than the 8 GiB upload limit');
    expect(args.safeParse({ id: 'c', path: '/tmp', name: 'a', size: 3, dataBase64: 'aGk=' }).success).toBe(false);
  });

  it('a folder upload names a relative folder below the target, never one outside it', () => {
    const args = containerFilesApi.upload.args;
    expect(args.safeParse({ id: 'c', path: '/tmp', name: 'a.txt', folder: 'site/css', size: 3 }).success).toBe(true);
    expect(args.safeParse({ id: 'c', path: '/tmp', name: 'a.txt', folder: 'site', size: 3 }).success).toBe(true);
    for (const folder of ['', '/etc', 'site/../..', '..', 'a//b', 'a/./b', 'site/', 'a\0b']) {
      expect(args.safeParse({ id: 'c', path: '/tmp', name: 'a.txt', folder, size: 3 }).success, folder).toBe(false);
    }
  });
});
