import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { VmResources, VmShare } from '../../driver.js';
import type { VmPaths } from '../../vm-files.js';
import type { QemuAccel, QemuArch, QemuArgsInput } from './qemu-args.js';

/**
 * The machine QEMU is asked for: the guest image's kernel, the firmware, and the whole `QemuArgsInput`
 * (qemu-args.ts turns it into the argv) from the VM's config, files and the driver's options. Also the
 * image's identity, which a saved state must match to be resumed.
 */

// qboot instead of SeaBIOS: QEMU start → kernel went from 14 s to 2 s of firmware and loading under a
// loaded TCG run (bench vm-boot). Debian's qemu-system-data and Homebrew's qemu both ship it.
const QBOOT = ['/usr/share/qemu/qboot.rom', '/opt/homebrew/share/qemu/qboot.rom', '/usr/local/share/qemu/qboot.rom'];
const DEFAULT_RESOURCES: VmResources = { cpus: 2, memoryMiB: 2048, diskGiB: 64 };

/**
 * The kernel QEMU boots: the bzImage (`vmlinuz`), on every arch. The x86 image also has the uncompressed
 * `vmlinux` (for vfkit), and QEMU could enter it at its PVH note, skipping the decompressor (0.4-3 s of a TCG
 * boot). That was tried twice and dropped: one session saw one boot in five panic ("Fatal exception in
 * interrupt"), and the CI run of 2026-12-05 lost its VM, QEMU and all, at the first container start.
 */
export function guestKernel(imageDir: string): string {
  return join(imageDir, 'vmlinuz');
}

/** The image's identity (its manifest's recipe, else its dir): a saved state is resumed only on the same image. */
export function imageId(imageDir: string): string {
  const manifest = join(imageDir, 'manifest.json');
  return existsSync(manifest) ? ((JSON.parse(readFileSync(manifest, 'utf8')) as { recipe?: string }).recipe ?? imageDir) : imageDir;
}

/** What the machine is made of, gathered by the driver. */
export interface MachineSetup {
  arch: QemuArch;
  accel: QemuAccel;
  /** A built guest image dir (vm/image). */
  imageDir: string;
  paths: VmPaths;
  /** The VM config's; defaults apply when it has none. */
  resources: VmResources | undefined;
  /** The shares that exist on the host now. */
  shares: VmShare[];
  extraCmdline?: string[];
  tcgTbSizeMiB?: number;
  /** `-bios`; on x86 the default is qboot where installed. */
  firmware?: string;
}

/** QEMU's arguments for `m`, its engine forward on host port `engineHostPort` (0 for the machine key). */
export function machineInput(m: MachineSetup, engineHostPort: number): QemuArgsInput {
  const r = m.resources ?? DEFAULT_RESOURCES;
  return {
    arch: m.arch,
    accel: m.accel,
    cpus: r.cpus,
    memoryMiB: r.memoryMiB,
    kernel: guestKernel(m.imageDir),
    initrd: join(m.imageDir, 'initrd.img'),
    rootDisk: join(m.imageDir, 'rootfs.img'),
    dataDisk: m.paths.dataDisk,
    seedDisk: m.paths.seedDisk,
    engineHostPort,
    qmpSocket: m.paths.qmpSocket,
    guestAgentSocket: m.paths.guestAgentSocket,
    consoleLog: m.paths.consoleLog,
    pidFile: m.paths.pidFile,
    extraCmdline: m.extraCmdline,
    tcgTbSizeMiB: m.tcgTbSizeMiB ?? 256,
    firmware: m.firmware ?? (m.arch === 'x86_64' ? QBOOT.find((p) => existsSync(p)) : undefined),
    shares: m.shares,
  };
}
