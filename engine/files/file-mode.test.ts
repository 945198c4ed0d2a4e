import { describe, expect, it } from 'vitest';
import { parsePathStat } from './archive-stat.js';
import { fromGoMode, modeString, permissionString } from './file-mode.js';
import { stripHostPaths } from './file-errors.js';

describe('file modes', () => {
  it('reads Go os.FileMode values from the engine stat header', () => {
    const dir = fromGoMode(2147484141); // ModeDir | 0755, as the engine reports "/"
    expect(modeString(dir.type, dir.perm)).toBe('drwxr-xr-x');
    const link = fromGoMode(134218239); // ModeSymlink | 0777
    expect(modeString(link.type, link.perm)).toBe('lrwxrwxrwx');
    const tmp = fromGoMode(2 ** 31 + 2 ** 20 + 0o777); // sticky /tmp
    expect(modeString(tmp.type, tmp.perm)).toBe('drwxrwxrwt');
    const suid = fromGoMode(2 ** 23 + 0o755);
    expect(modeString(suid.type, suid.perm)).toBe('-rwsr-xr-x');
    const chr = fromGoMode(2 ** 26 + 2 ** 21 + 0o666);
    expect(modeString(chr.type, chr.perm)).toBe('crw-rw-rw-');
  });

  it('shows special bits without x as capitals', () => {
    expect(permissionString(0o4644)).toBe('rwSr--r--');
    expect(permissionString(0o1644)).toBe('rw-r--r-T');
  });

  it('parses the X-Docker-Container-Path-Stat header and refuses a malformed one', () => {
    const header = Buffer.from(JSON.stringify({ name: 'ls', size: 7, mode: 134218239, mtime: '2026-11-23T16:32:13Z', linkTarget: '/bin/busybox' })).toString('base64');
    expect(parsePathStat(header)).toEqual({ name: 'ls', size: 7, type: 'l', perm: 0o777, mtime: Date.parse('2026-11-23T16:32:13Z'), linkTarget: '/bin/busybox' });
    expect(parsePathStat('not base64 json')).toBeUndefined();
    expect(parsePathStat(undefined)).toBeUndefined();
  });

  it('cuts host overlay paths out of engine messages', () => {
    expect(stripHostPaths('lstat /var/lib/docker/overlay2/abc123/merged/www/index.html/: not a directory')).toBe('lstat /www/index.html/: not a directory');
  });
});
