/** What `available()` looks at, gathered by the driver (injected in tests). */
export interface VfkitHostFacts {
  platform: string;
  /** os.release(): the Darwin kernel version; Darwin 22 is macOS 13. */
  darwinRelease: string;
  arch: string;
  /** `vfkit --version` output, or undefined when it did not run. */
  vfkitVersion?: string;
  /** Image files present in the image dir. */
  imageFiles: string[];
  /** Rosetta is installed (/Library/Apple/usr/libexec/oah/libRosettaRuntime exists). */
  rosettaInstalled: boolean;
}

export type VfkitAvailability = { ok: true; rosetta: boolean; note?: string } | { ok: false; message: string; remedy: string };

/** Whether vfkit can run here; if not, what is missing and how to get it. */
export function vfkitAvailability(h: VfkitHostFacts): VfkitAvailability {
  if (h.platform !== 'darwin') return { ok: false, message: 'The vfkit driver runs only on macOS.', remedy: 'Use the QEMU driver on this system.' };
  const darwin = Number.parseInt(h.darwinRelease, 10);
  if (!(darwin >= 22)) {
    const macos = darwin >= 20 ? `macOS ${darwin - 9}` : `Darwin ${h.darwinRelease}`;
    return { ok: false, message: `The vfkit driver needs macOS 13 (Ventura) or later; this Mac runs ${macos}.`, remedy: 'Update macOS, or use the QEMU driver (`brew install qemu`).' };
  }
  if (!h.vfkitVersion) return { ok: false, message: 'vfkit is not installed, and Berth needs it to run the engine with Virtualization.framework.', remedy: 'Install it with `brew install vfkit`.' };
  const kernel = h.arch === 'arm64' ? 'Image' : 'vmlinux';
  for (const f of [kernel, 'initrd.img', 'rootfs.img']) {
    if (!h.imageFiles.includes(f)) {
      const why = f === kernel ? ' (Virtualization.framework boots only an uncompressed kernel)' : '';
      return { ok: false, message: `The VM image has no ${f}${why}.`, remedy: 'Build it with `npm run vm:image` on this Mac.' };
    }
  }
  if (h.arch === 'arm64' && !h.rosettaInstalled) {
    return { ok: true, rosetta: false, note: 'Rosetta is not installed, so x86_64 images run slowly under QEMU emulation in the VM. Install it with `softwareupdate --install-rosetta`.' };
  }
  return { ok: true, rosetta: h.arch === 'arm64' };
}
