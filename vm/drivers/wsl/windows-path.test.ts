import { describe, expect, it } from 'vitest';
import { windowsToWslPath } from './windows-path.js';

const ok = (path: string) => ({ ok: true, path });

describe('windowsToWslPath', () => {
  it('drive paths become /mnt/<letter>/…, either slash, the letter lower-cased', () => {
    expect(windowsToWslPath('C:\\Users\\me\\app')).toEqual(ok('/mnt/c/Users/me/app'));
    expect(windowsToWslPath('D:/src/My Project/')).toEqual(ok('/mnt/d/src/My Project'));
    expect(windowsToWslPath('c:\\')).toEqual(ok('/mnt/c'));
    expect(windowsToWslPath('E:')).toEqual(ok('/mnt/e'));
    expect(windowsToWslPath('C:\\a\\\\b\\.\\c')).toEqual(ok('/mnt/c/a/b/c'));
  });

  it('follows the distro automount root', () => {
    expect(windowsToWslPath('C:\\x', '/')).toEqual(ok('/c/x'));
    expect(windowsToWslPath('C:\\x', '/win')).toEqual(ok('/win/c/x'));
  });

  it('long-path prefix is accepted; Linux paths are paths in the distro', () => {
    expect(windowsToWslPath('\\\\?\\C:\\very\\long')).toEqual(ok('/mnt/c/very/long'));
    expect(windowsToWslPath('/home/me/data')).toEqual(ok('/home/me/data'));
  });

  it('UNC paths are refused with what to do', () => {
    for (const p of ['\\\\server\\share\\dir', '//server/share', '\\\\?\\UNC\\server\\share', '\\\\wsl$\\Ubuntu\\home']) {
      const r = windowsToWslPath(p);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/network \(UNC\) path.*Map it to a drive letter/);
    }
  });

  it('drive-relative, root-relative and relative paths are refused, each with its reason', () => {
    expect(windowsToWslPath('C:app')).toEqual({ ok: false, message: '"C:app" is relative to the current folder of drive C:, which Berth cannot know. Give the full path, e.g. C:\\app.' });
    expect(windowsToWslPath('\\Users\\me')).toEqual({ ok: false, message: '"\\Users\\me" has no drive letter. Give the full path, e.g. C:\\Users\\me.' });
    expect(windowsToWslPath('app\\src')).toMatchObject({ ok: false, message: expect.stringMatching(/is a relative path/) });
    expect(windowsToWslPath('  ')).toEqual({ ok: false, message: 'The host path is empty.' });
  });

  it('refuses .. and characters Windows forbids', () => {
    expect(windowsToWslPath('C:\\a\\..\\b')).toMatchObject({ ok: false, message: expect.stringMatching(/contains "\.\."/) });
    expect(windowsToWslPath('C:\\a\\b?c')).toMatchObject({ ok: false, message: expect.stringMatching(/does not allow in "b\?c"/) });
  });
});
