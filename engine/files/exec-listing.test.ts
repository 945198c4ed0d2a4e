import { describe, expect, it } from 'vitest';
import { parseStatLine } from './exec-listing.js';

describe('parseStatLine', () => {
  it('reads stat -c "%f %s %Y %n" lines of dirs, files, links, devices and names with spaces', () => {
    expect(parseStatLine('41ed 4096 1795451533 bin')).toEqual({ name: 'bin', kind: 'dir', size: 0, mode: 'drwxr-xr-x', mtime: 1795451533000 });
    expect(parseStatLine('81a4 1382 1795451298 my file.txt')).toMatchObject({ name: 'my file.txt', kind: 'file', size: 1382, mode: '-rw-r--r--' });
    expect(parseStatLine('a1ff 7 1 sh')).toMatchObject({ kind: 'symlink', mode: 'lrwxrwxrwx', size: 0 });
    expect(parseStatLine('21b6 0 1 null')).toMatchObject({ kind: 'other', mode: 'crw-rw-rw-' });
    expect(parseStatLine('43ff 4096 1 tmp')).toMatchObject({ mode: 'drwxrwxrwt' });
  });

  it('refuses a line that is not in the format (e.g. the second half of a name with a newline)', () => {
    expect(parseStatLine('rest-of-name')).toBeUndefined();
    expect(parseStatLine('81a4 12 x name')).toBeUndefined();
  });
});
