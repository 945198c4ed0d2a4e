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

  it('upload arguments: a plain file name, a bounded size, base64 chunks of at most 512 KiB', () => {
    const begin = containerFilesApi.uploadBegin.args;
    expect(begin.safeParse({ id: 'c', path: '/tmp', name: 'a.txt', size: 3 }).success).toBe(true);
    expect(begin.safeParse({ id: 'c', path: '/tmp', name: '../a', size: 3 }).error?.issues[0]?.message).toBe('must not contain "/" or a NUL character');
    expect(begin.safeParse({ id: 'c', path: '/tmp', name: '..', size: 3 }).error?.issues[0]?.message).toBe('must not be "." or ".."');
    expect(begin.safeParse({ id: 'c', path: '/tmp', name: 'a', size: -1 }).success).toBe(false);
    const chunk = containerFilesApi.uploadChunk.args;
    const uploadId = 'a'.repeat(32);
    expect(chunk.safeParse({ uploadId, index: 0, dataBase64: 'aGk=' }).success).toBe(true);
    expect(chunk.safeParse({ uploadId, index: 0, dataBase64: 'a!b=' }).error?.issues[0]?.message).toBe('is not valid base64');
    expect(chunk.safeParse({ uploadId, index: 0, dataBase64: 'A'.repeat(700_000) }).error?.issues[0]?.message).toBe('is larger than 512 KiB once decoded');
    expect(chunk.safeParse({ uploadId: 'nope', index: 0, dataBase64: '' }).error?.issues[0]?.message).toBe('is not a valid transfer id');
  });
});
