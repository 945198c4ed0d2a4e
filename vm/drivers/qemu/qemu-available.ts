import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { QemuArch } from './qemu-args.js';

/**
 * Whether the QEMU driver can run here: the QEMU binary runs, and the guest image has what it boots.
 * If not, what is missing and how to get it, in words shown to the user as they are.
 */
export function qemuAvailability(binary: string, arch: QemuArch, imageDir: string): { ok: true } | { ok: false; message: string; remedy: string } {
  try {
    execFileSync(binary, ['--version'], { stdio: 'ignore' });
  } catch {
    const pkg = arch === 'x86_64' ? 'qemu-system-x86' : 'qemu-system-arm';
    return {
      ok: false,
      message: `QEMU (${binary}) is not installed, and Berth needs it to run the engine in a VM.`,
      remedy: process.platform === 'darwin' ? 'Install it with `brew install qemu`.' : `Install it, e.g. \`sudo apt-get install ${pkg}\` (Debian/Ubuntu) or \`sudo dnf install qemu-kvm\` (Fedora).`,
    };
  }
  for (const f of ['vmlinuz', 'initrd.img', 'rootfs.img']) {
    if (!existsSync(join(imageDir, f))) {
      return { ok: false, message: `The VM image at ${imageDir} has no ${f}.`, remedy: 'Build it with `npm run vm:image`.' };
    }
  }
  return { ok: true };
}
