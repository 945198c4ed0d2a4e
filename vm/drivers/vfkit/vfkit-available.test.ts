import { describe, expect, it } from 'vitest';
import { vfkitAvailability, type VfkitHostFacts } from './vfkit-available.js';

const mac: VfkitHostFacts = { platform: 'darwin', darwinRelease: '23.4.0', arch: 'arm64', vfkitVersion: 'vfkit version: v0.6.1', imageFiles: ['Image', 'initrd.img', 'rootfs.img'], rosettaInstalled: true };

describe('vfkitAvailability', () => {
  it('Apple silicon on macOS 14 with vfkit and Rosetta', () => {
    expect(vfkitAvailability(mac)).toEqual({ ok: true, rosetta: true });
  });

  it('says what is missing and how to get it', () => {
    expect(vfkitAvailability({ ...mac, platform: 'linux' })).toEqual({ ok: false, message: 'The vfkit driver runs only on macOS.', remedy: 'Use the QEMU driver on this system.' });
    expect(vfkitAvailability({ ...mac, darwinRelease: '21.6.0' })).toEqual({
      ok: false,
      message: 'The vfkit driver needs macOS 13 (Ventura) or later; this Mac runs macOS 12.',
      remedy: 'Update macOS, or use the QEMU driver (`brew install qemu`).',
    });
    expect(vfkitAvailability({ ...mac, vfkitVersion: undefined })).toMatchObject({ ok: false, remedy: 'Install it with `brew install vfkit`.' });
    expect(vfkitAvailability({ ...mac, imageFiles: ['vmlinuz', 'initrd.img', 'rootfs.img'] })).toMatchObject({ ok: false, message: 'The VM image has no Image (Virtualization.framework boots only an uncompressed kernel).' });
  });

  it('Rosetta missing is a note, not a refusal; Intel Macs never use it', () => {
    expect(vfkitAvailability({ ...mac, rosettaInstalled: false })).toMatchObject({ ok: true, rosetta: false, note: expect.stringMatching(/softwareupdate --install-rosetta/) });
    expect(vfkitAvailability({ ...mac, arch: 'x64', imageFiles: ['vmlinux', 'initrd.img', 'rootfs.img'], rosettaInstalled: false })).toEqual({ ok: true, rosetta: false });
  });
});
