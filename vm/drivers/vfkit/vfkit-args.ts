/**
 * vfkit's command line (macOS Virtualization.framework), from a pure function so it can be golden-tested.
 * Same disks, in the same order, as the QEMU driver (root vda, data vdb, seed vdc), so the guest init is
 * shared. See https://github.com/crc-org/vfkit/blob/main/doc/usage.md for each option.
 */
export interface VfkitShare {
  /** virtio-fs mount tag (vm/shares shareTags). */
  tag: string;
  hostPath: string;
}

export interface VfkitArgsInput {
  arch: 'arm64' | 'x86_64';
  cpus: number;
  memoryMiB: number;
  /** Uncompressed kernel: Virtualization.framework does not decompress (arm64 `Image`, not `vmlinuz`). */
  kernel: string;
  initrd: string;
  rootDisk: string;
  dataDisk: string;
  seedDisk: string;
  /** Fixed per VM, so the NAT DHCP lease (and the guest's address for forwards) can be found by it. */
  mac: string;
  /** virtio-fs shares. Read-only is enforced by the guest's mount (vfkit's virtio-fs has no read-only flag). */
  shares: VfkitShare[];
  /** Host unix socket; connecting to it reaches the guest's vsock `engineVsockPort` (dockerd over TLS). */
  engineVsockSocket: string;
  engineVsockPort: number;
  /** vfkit's REST API (state, stop) on a unix socket: never TCP, whose default is localhost:8081. */
  restSocket: string;
  consoleLog: string;
  /** arm64 only: run x86_64 images through Rosetta, shared as virtio-fs tag `rosetta`. */
  rosetta: boolean;
  extraCmdline?: string[];
}

export const VFKIT_ROSETTA_TAG = 'rosetta';

export function vfkitCmdline(input: Pick<VfkitArgsInput, 'extraCmdline'>): string {
  // hvc0: vfkit's virtio-serial console. apparmor=0 and panic=-1 as for QEMU (vm/drivers/qemu/qemu-args.ts).
  return ['console=hvc0', 'apparmor=0', 'panic=-1', 'quiet', 'loglevel=4', ...(input.extraCmdline ?? [])].join(' ');
}

export function vfkitArgs(input: VfkitArgsInput): string[] {
  if (input.rosetta && input.arch !== 'arm64') throw new Error('Rosetta needs an Apple silicon Mac (arm64); this VM is x86_64.');
  if (!/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(input.mac)) throw new Error(`"${input.mac}" is not a MAC address like 52:54:00:12:34:56.`);
  for (const s of input.shares) {
    if (s.hostPath.includes(',')) throw new Error(`vfkit cannot share "${s.hostPath}": its options are comma-separated, so the path must not contain a comma.`);
  }
  const dev = (spec: string) => ['--device', spec];
  return [
    '--cpus',
    String(input.cpus),
    '--memory',
    String(input.memoryMiB),
    '--bootloader',
    `linux,kernel=${input.kernel},initrd=${input.initrd},cmdline="${vfkitCmdline(input)}"`,
    ...dev(`virtio-blk,path=${input.rootDisk}`),
    ...dev(`virtio-blk,path=${input.dataDisk}`),
    ...dev(`virtio-blk,path=${input.seedDisk}`),
    ...dev(`virtio-net,nat,mac=${input.mac}`),
    ...dev('virtio-rng'),
    ...dev(`virtio-serial,logFilePath=${input.consoleLog}`),
    ...dev(`virtio-vsock,port=${input.engineVsockPort},socketURL=${input.engineVsockSocket},connect`),
    ...input.shares.flatMap((s) => dev(`virtio-fs,sharedDir=${s.hostPath},mountTag=${s.tag}`)),
    ...(input.rosetta ? dev(`rosetta,mountTag=${VFKIT_ROSETTA_TAG}`) : []),
    '--restful-uri',
    `unix://${input.restSocket}`,
  ];
}

/** A locally administered, stable MAC from the VM's name (52:54:00 is QEMU's prefix; ours sets bit 1). */
export function vmMac(name: string): string {
  let h = 2166136261;
  for (const c of name) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  const b = [0x5a, 0x42, (h >>> 24) & 0xff, (h >>> 16) & 0xff, (h >>> 8) & 0xff, h & 0xff];
  return b.map((x) => x.toString(16).padStart(2, '0')).join(':');
}
