/**
 * QEMU's command line, from a pure function so it can be checked by golden tests. Direct kernel boot,
 * virtio devices, user-mode networking with one forward (127.0.0.1 only) to the guest's TLS-protected
 * dockerd, QMP and the guest agent on unix sockets, the serial console to a file.
 */
import type { VmShare } from '../../driver.js';
import { qemu9pArgs } from '../../shares/share-mounts.js';

export type QemuArch = 'x86_64' | 'aarch64';
export type QemuAccel = 'kvm' | 'hvf' | 'tcg';

export interface QemuArgsInput {
  arch: QemuArch;
  accel: QemuAccel;
  cpus: number;
  memoryMiB: number;
  kernel: string;
  initrd: string;
  /** Read-only root disk of the image (raw ext4). */
  rootDisk: string;
  /** The VM's data disk (raw, sparse): /var/lib/docker and containerd. */
  dataDisk: string;
  /** A plain tar the guest init unpacks: TLS material. */
  seedDisk: string;
  /** Host port on 127.0.0.1 forwarded to the guest's dockerd (TLS, port 2376). */
  engineHostPort: number;
  qmpSocket: string;
  guestAgentSocket: string;
  consoleLog: string;
  pidFile: string;
  /** Resume: a shell command that writes the saved state to stdout (`-incoming exec:…`). */
  incoming?: string;
  /** Extra kernel command line words. */
  extraCmdline?: string[];
  /** TCG translation cache size in MiB (the default, 1 GiB, shows up in RSS). */
  tcgTbSizeMiB?: number;
  /** Firmware instead of QEMU's default (e.g. qboot.rom on x86, which starts faster than SeaBIOS). */
  firmware?: string;
  /** Host folders shared with the guest over virtio-9p (mounted by the guest at the same paths). */
  shares?: VmShare[];
}

/** Guest port of dockerd's TLS listener (see vm/image/guest/berth-init). */
export const GUEST_ENGINE_PORT = 2376;

export function qemuBinary(arch: QemuArch): string {
  return arch === 'x86_64' ? 'qemu-system-x86_64' : 'qemu-system-aarch64';
}

export function kernelCmdline(input: Pick<QemuArgsInput, 'arch' | 'extraCmdline'>): string {
  const console = input.arch === 'x86_64' ? 'ttyS0' : 'ttyAMA0';
  // apparmor=0: dockerd in the guest fails on AppArmor without its profiles (feasibility run).
  // panic=-1 with -no-reboot: a guest panic ends QEMU instead of hanging it.
  // mitigations=off: the guest's Spectre/Meltdown work-arounds only cost time under emulation, and the
  // VM's only tenant is the user's own containers.
  // acpi=noirq (x86): PCI interrupts are routed from the firmware's table, not by running ACPI's link
  // methods, which took ~95 ms per virtio device under TCG (600 ms of the kernel's boot, initcall_debug).
  const x86 = input.arch === 'x86_64' ? ['acpi=noirq'] : [];
  return [`console=${console}`, 'apparmor=0', 'panic=-1', 'quiet', 'loglevel=4', 'mitigations=off', ...x86, ...(input.extraCmdline ?? [])].join(' ');
}

function accelArgs(input: QemuArgsInput): string[] {
  if (input.accel === 'tcg') {
    const tb = input.tcgTbSizeMiB ? `,tb-size=${input.tcgTbSizeMiB}` : '';
    // thread=single: under multi-threaded TCG the Debian guest kernel oopsed on an int3 while it patched its
    // own code (static keys, text_poke_bp) with the other vCPU running: "Fatal exception in interrupt" in
    // sched_clock_cpu 1.5 s into a boot, and in get_page_from_freelist at the first container start, in 2
    // of the last 4 CI runs' VMs and in a boot by hand. One thread runs both vCPUs in turn; a cold boot to
    // `_ping` took 15.1 s against 13.7-14.7 s with thread=multi (one boot, quiet machine).
    // x86: Nehalem (x86-64-v2: SSE4.2, POPCNT; no AVX, XSAVE, PKU or 5-level paging), not `max`. With
    // `max`, QEMU 7.2's TCG (AVX new in it) gave the guest a corrupted interrupt frame (EFLAGS holding half
    // a pointer) and "Fatal exception in interrupt" in skb_put 52 s into a CI run's VM, with thread=single.
    const cpu = input.arch === 'x86_64' ? 'Nehalem' : 'max';
    return ['-accel', `tcg,thread=single${tb}`, '-cpu', cpu];
  }
  return ['-accel', input.accel, '-cpu', 'host'];
}

export function qemuArgs(input: QemuArgsInput): string[] {
  const machine = input.arch === 'x86_64' ? 'pc' : input.accel === 'hvf' ? 'virt,highmem=off' : 'virt,gic-version=max';
  const drive = (id: string, file: string, opts: string) => [
    '-drive',
    `if=none,id=${id},file=${file},format=raw,${opts}`,
    '-device',
    `virtio-blk-pci,drive=${id}`,
  ];
  return [
    '-name',
    'berth',
    '-machine',
    machine,
    ...accelArgs(input),
    ...(input.firmware ? ['-bios', input.firmware] : []),
    '-smp',
    String(input.cpus),
    '-m',
    `${input.memoryMiB}M`,
    '-nodefaults',
    '-no-user-config',
    '-display',
    'none',
    '-no-reboot',
    '-kernel',
    input.kernel,
    '-initrd',
    input.initrd,
    '-append',
    kernelCmdline(input),
    '-chardev',
    `file,id=console,path=${input.consoleLog}`,
    '-serial',
    'chardev:console',
    ...drive('root', input.rootDisk, 'readonly=on'),
    ...drive('data', input.dataDisk, 'discard=unmap,detect-zeroes=unmap,cache=writeback'),
    ...drive('seed', input.seedDisk, 'readonly=on'),
    '-netdev',
    `user,id=net0,hostfwd=tcp:127.0.0.1:${input.engineHostPort}-:${GUEST_ENGINE_PORT}`,
    '-device',
    'virtio-net-pci,netdev=net0',
    '-device',
    'virtio-rng-pci',
    '-device',
    'virtio-serial-pci,id=vser',
    '-chardev',
    `socket,id=qga,path=${input.guestAgentSocket},server=on,wait=off`,
    '-device',
    'virtserialport,bus=vser.0,chardev=qga,name=org.qemu.guest_agent.0',
    ...qemu9pArgs(input.shares ?? []),
    '-qmp',
    `unix:${input.qmpSocket},server=on,wait=off`,
    '-pidfile',
    input.pidFile,
    ...(input.incoming ? ['-incoming', `exec:${input.incoming}`] : []),
  ];
}

/**
 * What a saved state depends on: the machine and its devices, not the host-side sockets, the forwarded
 * port or `-incoming`. A state saved under another key is stale and the VM cold-boots.
 */
export function machineKey(input: QemuArgsInput): string {
  return JSON.stringify(
    qemuArgs({ ...input, engineHostPort: 0, qmpSocket: '', guestAgentSocket: '', consoleLog: '', pidFile: '', incoming: undefined }),
  );
}
