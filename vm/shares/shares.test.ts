import { describe, expect, it } from 'vitest';
import { addShare, checkBindMount, defaultShares, removeShare, shareTags, SHARES_SETTING } from './shares.js';

const home = defaultShares('/Users/me/');

describe('shares', () => {
  it('home is shared by default, at the same path, writable', () => {
    expect(home).toEqual([{ hostPath: '/Users/me' }]);
  });

  it('add: a read-only folder, a read-only subfolder of a writable share; remove it again', () => {
    let s = addShare(home, { hostPath: '/Volumes/data/', readOnly: true });
    expect(s).toEqual([{ hostPath: '/Users/me' }, { hostPath: '/Volumes/data', readOnly: true }]);
    s = addShare(s, { hostPath: '/Users/me/secrets', readOnly: true });
    expect(s).toHaveLength(3);
    expect(removeShare(s, '/Volumes/data/')).toEqual([{ hostPath: '/Users/me' }, { hostPath: '/Users/me/secrets', readOnly: true }]);
  });

  it('add refuses what makes no sense, saying why', () => {
    expect(() => addShare(home, { hostPath: 'projects' })).toThrow('"projects" is not an absolute path; choose a folder with its full path.');
    expect(() => addShare(home, { hostPath: '/' })).toThrow(/whole disk/);
    expect(() => addShare(home, { hostPath: '/srv/../etc' })).toThrow('"/srv/../etc" contains "..": choose the folder itself.');
    expect(() => addShare(home, { hostPath: '/Users/me' })).toThrow('/Users/me is already shared.');
    expect(() => addShare(home, { hostPath: '/Users/me/app' })).toThrow('/Users/me/app is already shared through /Users/me.');
    expect(() => addShare(home, { hostPath: '/opt/x', guestPath: '/Users/me' })).toThrow(/already mounted at \/Users\/me/);
    expect(() => removeShare(home, '/opt')).toThrow('/opt is not shared, so it cannot be removed.');
  });
});

describe('checkBindMount', () => {
  const shares = [{ hostPath: '/Users/me' }, { hostPath: '/Users/me/ro', readOnly: true }, { hostPath: '/Volumes/x', guestPath: '/mnt/x' }];

  it('a path inside a share maps to its guest path; the most specific share wins', () => {
    expect(checkBindMount('/Users/me/app/', shares, 'qemu')).toMatchObject({ ok: true, guestPath: '/Users/me/app', readOnly: false });
    expect(checkBindMount('/Users/me/ro/a', shares, 'vfkit')).toMatchObject({ ok: true, guestPath: '/Users/me/ro/a', readOnly: true });
    expect(checkBindMount('/Volumes/x/y', shares, 'qemu')).toMatchObject({ ok: true, guestPath: '/mnt/x/y' });
    expect(checkBindMount('/Volumes/x', shares, 'qemu')).toMatchObject({ ok: true, guestPath: '/mnt/x' });
  });

  it('outside every share: a message naming the setting; a prefix that is not a parent does not count', () => {
    const r = checkBindMount('/Users/meat/app', shares, 'qemu');
    expect(r).toEqual({
      ok: false,
      message: `/Users/meat/app is outside the folders shared with the VM (/Users/me, /Users/me/ro, /Volumes/x), so the container would see an empty folder. Add it (or a parent folder) in ${SHARES_SETTING}; the change applies at the next VM start.`,
    });
    expect(checkBindMount('/tmp/x', [], 'vfkit')).toMatchObject({ ok: false, message: expect.stringContaining('(none)') });
    expect(checkBindMount('app', shares, 'qemu')).toMatchObject({ ok: false, message: expect.stringMatching(/not an absolute path/) });
  });

  it('WSL translates Windows paths instead, and refuses UNC', () => {
    expect(checkBindMount('C:\\Users\\me\\app', [], 'wsl')).toEqual({ ok: true, guestPath: '/mnt/c/Users/me/app', readOnly: false });
    expect(checkBindMount('\\\\srv\\share', [], 'wsl')).toMatchObject({ ok: false, message: expect.stringMatching(/^"\\\\srv\\share" is a network \(UNC\) path/) });
  });

  it('mount tags are short and stable', () => {
    expect(shareTags(shares).map((t) => t.tag)).toEqual(['berth0', 'berth1', 'berth2']);
  });
});
